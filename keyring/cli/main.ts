#!/usr/bin/env node
/** The `lockpane` command: `lockpane sop …` (Stateless OpenPGP) and `lockpane smime …`. */
import { writeAll, writeStdout } from './stdio';

const usage = `usage: lockpane sop SUBCOMMAND [OPTIONS] [--] [ARGS]     Stateless OpenPGP (draft-dkg-openpgp-stateless-cli)
       lockpane smime SUBCOMMAND [OPTIONS] [ARGS]        S/MIME in the same stateless style
Input on stdin, result on stdout, errors on stderr with SOP exit codes; no command overwrites a file.
Run "lockpane sop --help" or "lockpane smime --help" for the subcommands.
`;

async function main(argv: string[]): Promise<number> {
  const [family, ...rest] = argv;
  switch (family) {
    // Loaded on demand: `lockpane smime` never parses openpgp.js, `lockpane sop` never parses pkijs
    // (start-up is a large share of a short command's time).
    case 'sop': return (await import(/* webpackChunkName: "sop" */ './sop/main')).runSop(rest);
    case 'smime': return (await import(/* webpackChunkName: "smime" */ './smime/main')).runSmime(rest);
    case '--help': case '-h': case 'help':
      writeStdout(usage);
      return 0;
    case undefined:
      writeAll(2, usage);
      return 19; // SOP: MISSING_ARG
    default:
      writeAll(2, `lockpane: unknown command family "${family}"\n${usage}`);
      return 69; // SOP: UNSUPPORTED_SUBCOMMAND
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { writeAll(2, `lockpane: internal error: ${String(e)}\n`); process.exitCode = 1; },
);
