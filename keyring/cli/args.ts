/** Command-line parsing for `lockpane sop`: `--opt=value`, `--opt value`, flags, `--`, positionals. */
import { EXIT, CliError } from './exit-codes';

export type OptionSpec = { flags?: string[]; values?: string[]; multi?: string[] };

export type Parsed = { flags: Set<string>; values: Map<string, string[]>; positionals: string[] };

export function parseArgs(args: string[], spec: OptionSpec): Parsed {
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  const positionals: string[] = [];
  const takesValue = new Set([...(spec.values ?? []), ...(spec.multi ?? [])]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { positionals.push(...args.slice(i + 1)); break; }
    if (!a.startsWith('--') || a === '-') { positionals.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if (takesValue.has(name)) {
      let v: string | undefined;
      if (eq >= 0) v = a.slice(eq + 1);
      else { v = args[++i]; }
      if (v === undefined) throw new CliError(EXIT.MISSING_ARG, `--${name} needs a value`);
      if (!(spec.multi ?? []).includes(name) && values.has(name)) throw new CliError(EXIT.UNSUPPORTED_OPTION, `--${name} given twice`);
      values.set(name, [...(values.get(name) ?? []), v]);
    } else if ((spec.flags ?? []).includes(name) && eq < 0) {
      flags.add(name);
    } else {
      throw new CliError(EXIT.UNSUPPORTED_OPTION, `unsupported option --${name}`);
    }
  }
  return { flags, values, positionals };
}

export function one(p: Parsed, name: string): string | undefined {
  return p.values.get(name)?.[0];
}

export function all(p: Parsed, name: string): string[] {
  return p.values.get(name) ?? [];
}

/** `--as=binary|text|…` with the allowed choices. */
export function choice<T extends string>(p: Parsed, name: string, allowed: readonly T[], fallback: T): T {
  const v = one(p, name);
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new CliError(EXIT.UNSUPPORTED_OPTION, `--${name}=${v} is not supported (use ${allowed.join('|')})`);
  return v as T;
}

/** SOP dates: ISO 8601, "now", or "-" (beginning/end of time, per option). */
export function parseDate(v: string | undefined, dash: Date | null, fallback: Date | null): Date | null {
  if (v === undefined) return fallback;
  if (v === '-') return dash;
  if (v === 'now') return new Date();
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new CliError(EXIT.UNSUPPORTED_OPTION, `cannot parse date "${v}"`);
  return new Date(t);
}
