/**
 * `lockpane sop …`: the Stateless OpenPGP CLI (draft-dkg-openpgp-stateless-cli) over keyring/pgp.
 * Each subcommand lives in its own file; errors go to stderr with the spec's exit codes and
 * nothing is written to stdout on failure.
 */
import { exitCodeFor, EXIT, type KeyRole } from './exit-codes';
import * as version from './version';
import * as generateKey from './generate-key';
import * as extractCert from './extract-cert';
import * as sign from './sign';
import * as verify from './verify';
import * as encrypt from './encrypt';
import * as decrypt from './decrypt';
import * as armor from './armor';
import * as dearmor from './dearmor';
import * as inlineSign from './inline-sign';
import * as inlineVerify from './inline-verify';
import * as inlineDetach from './inline-detach';

type Command = { run: (args: string[]) => Promise<number>; role: KeyRole };

const commands: Record<string, Command> = {
  version: { run: version.run, role: 'other' },
  'generate-key': { run: generateKey.run, role: 'other' },
  'extract-cert': { run: extractCert.run, role: 'other' },
  sign: { run: sign.run, role: 'sign' },
  verify: { run: verify.run, role: 'other' },
  encrypt: { run: encrypt.run, role: 'encrypt' },
  decrypt: { run: decrypt.run, role: 'other' },
  armor: { run: armor.run, role: 'other' },
  dearmor: { run: dearmor.run, role: 'other' },
  'inline-sign': { run: inlineSign.run, role: 'sign' },
  'inline-verify': { run: inlineVerify.run, role: 'other' },
  'inline-detach': { run: inlineDetach.run, role: 'other' },
};

const usage = `usage: lockpane sop <subcommand> [options] [--] [args]\nsubcommands: ${Object.keys(commands).join(', ')}\n`;

export async function runSop(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === 'help') {
    process.stderr.write(usage);
    return sub === undefined ? EXIT.MISSING_ARG : 0;
  }
  const cmd = commands[sub];
  if (!cmd) {
    process.stderr.write(`lockpane sop: unsupported subcommand "${sub}"\n${usage}`);
    return EXIT.UNSUPPORTED_SUBCOMMAND;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    const code = exitCodeFor(e, cmd.role);
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`lockpane sop ${sub}: ${message}\n`);
    return code;
  }
}
