/**
 * Subcommand dispatch shared by `lockpane sop` and `lockpane smime`: help on stdout (exit 0), usage
 * errors and failures on stderr with the one exit-code table, nothing on stdout after a failure.
 */
import { EXIT, exitCodeFor, type KeyRole } from './exit-codes';
import { writeAll, writeStdout } from './stdio';

export type Command = {
  /** what `--help` prints: the synopsis and a few lines on stdin, stdout and the arguments */
  usage: string;
  /** what a failing key means for this subcommand (see exitCodeFor) */
  role: KeyRole;
  run: (args: string[]) => Promise<number>;
};

export type Family = { name: string; intro: string; commands: Record<string, Command> };

const isHelp = (a: string | undefined): boolean => a === '--help' || a === '-h' || a === 'help';

/** `--help` anywhere before `--` asks for the subcommand's usage. */
function wantsHelp(args: string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

export function familyUsage(f: Family): string {
  // the first line of each synopsis; a continued one (starting with spaces) is marked as cut
  const synopses = Object.values(f.commands).map((c) => {
    const [first, next] = c.usage.split('\n');
    return `  ${first!.replace(/^usage: /, '')}${next?.startsWith(' ') ? ' …' : ''}\n`;
  });
  return `${f.intro}\nsubcommands:\n${synopses.join('')}Run "lockpane ${f.name} SUBCOMMAND --help" for one subcommand's details.\n`;
}

export async function runFamily(f: Family, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined) {
    writeAll(2, familyUsage(f));
    return EXIT.MISSING_ARG;
  }
  if (isHelp(sub)) {
    const one = rest[0] !== undefined ? f.commands[rest[0]] : undefined;
    writeStdout(one ? one.usage : familyUsage(f));
    return EXIT.OK;
  }
  const cmd = Object.hasOwn(f.commands, sub) ? f.commands[sub] : undefined;
  if (!cmd) {
    writeAll(2, `lockpane ${f.name}: unsupported subcommand "${sub}"\n${familyUsage(f)}`);
    return EXIT.UNSUPPORTED_SUBCOMMAND;
  }
  if (wantsHelp(rest)) {
    writeStdout(cmd.usage);
    return EXIT.OK;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    writeAll(2, `lockpane ${f.name} ${sub}: ${message}\n`);
    return exitCodeFor(e, cmd.role);
  }
}
