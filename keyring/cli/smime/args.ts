/** A tiny option parser for `lockpane smime`: unknown options are SOP's UNSUPPORTED_OPTION. */
import { LockpaneError } from '../../errors';

export type ArgSpec = { flags: string[]; options: string[]; multi?: string[] };
export type Args = { flags: Set<string>; options: Record<string, string>; multi: Record<string, string[]>; positional: string[] };

export function parseArgs(argv: readonly string[], spec: ArgSpec): Args {
  const out: Args = { flags: new Set(), options: {}, multi: {}, positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { out.positional.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('--')) { out.positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (spec.flags.includes(name)) { out.flags.add(name); continue; }
    const takesValue = spec.options.includes(name) || (spec.multi ?? []).includes(name);
    if (!takesValue) throw new LockpaneError('unsupported-option', `unsupported option "${name}"`);
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new LockpaneError('missing-argument', `option ${name} needs a value`);
    if ((spec.multi ?? []).includes(name)) (out.multi[name] ??= []).push(value);
    else out.options[name] = value;
  }
  return out;
}
