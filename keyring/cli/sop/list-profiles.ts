/** sop list-profiles SUBCOMMAND: one profile a line, "name: description", the default first. */
import { parseArgs } from '../args';
import { EXIT, CliError } from '../exit-codes';
import { writeStdout } from './io';
import { profilesBySubcommand } from './profiles';

export const usage = `usage: lockpane sop list-profiles SUBCOMMAND
Lists the --profile choices of SUBCOMMAND (${Object.keys(profilesBySubcommand).join(', ')}), the default first.
`;

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, {});
  const [sub, extra] = p.positionals;
  if (sub === undefined) throw new CliError(EXIT.MISSING_ARG, 'list-profiles needs a SUBCOMMAND (e.g. generate-key)');
  if (extra !== undefined) throw new CliError(EXIT.UNSUPPORTED_OPTION, `unexpected argument "${extra}"`);
  const profiles = Object.hasOwn(profilesBySubcommand, sub) ? profilesBySubcommand[sub] : undefined;
  // SOP: a subcommand without --profile is UNSUPPORTED_PROFILE, not an unsupported subcommand.
  if (!profiles) throw new CliError(EXIT.UNSUPPORTED_PROFILE, `"${sub}" has no profiles (only ${Object.keys(profilesBySubcommand).join(', ')} do)`);
  writeStdout(profiles.map((x) => `${x.name}: ${x.description}\n`).join(''));
  return 0;
}
