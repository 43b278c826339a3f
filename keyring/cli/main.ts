#!/usr/bin/env node
/** The `lockpane` command: `lockpane sop …` (Stateless OpenPGP) and `lockpane smime …`. */

const usage = 'usage: lockpane sop <subcommand> [options] | lockpane smime <subcommand> [options]\n';

async function main(argv: string[]): Promise<number> {
  const [family, ...rest] = argv;
  switch (family) {
    // Loaded on demand: `lockpane smime` never parses openpgp.js, `lockpane sop` never parses pkijs
    // (start-up is a large share of a short command's time).
    case 'sop': return (await import(/* webpackChunkName: "sop" */ './sop/main')).runSop(rest);
    case 'smime': return (await import(/* webpackChunkName: "smime" */ './smime/main')).runSmime(rest);
    case '--help': case '-h': case undefined:
      process.stderr.write(usage);
      return family === undefined ? 19 : 0;
    default:
      process.stderr.write(`lockpane: unknown command family "${family}"\n${usage}`);
      return 69; // SOP: UNSUPPORTED_SUBCOMMAND
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { process.stderr.write(`lockpane: internal error: ${String(e)}\n`); process.exitCode = 1; },
);
