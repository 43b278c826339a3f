/**
 * `lockpane sop …`: the Stateless OpenPGP CLI (draft-dkg-openpgp-stateless-cli) over keyring/pgp.
 * Each subcommand lives in its own file; errors go to stderr with the spec's exit codes and
 * nothing is written to stdout on failure (see ../dispatch.ts).
 */
import { runFamily, type Command, type Family } from '../dispatch';
import type { KeyRole } from '../exit-codes';
import * as version from './version';
import * as listProfiles from './list-profiles';
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

type Module = { usage: string; run: (args: string[]) => Promise<number> };
const command = (m: Module, role: KeyRole = 'other'): Command => ({ usage: m.usage, run: m.run, role });

export const sopFamily: Family = {
  name: 'sop',
  intro: 'usage: lockpane sop SUBCOMMAND [OPTIONS] [--] [ARGS]\nStateless OpenPGP (draft-dkg-openpgp-stateless-cli): data on stdin, result on stdout, SOP exit codes.',
  commands: {
    version: command(version),
    'list-profiles': command(listProfiles),
    'generate-key': command(generateKey),
    'extract-cert': command(extractCert),
    sign: command(sign, 'sign'),
    verify: command(verify),
    encrypt: command(encrypt, 'encrypt'),
    decrypt: command(decrypt, 'decrypt'),
    armor: command(armor),
    dearmor: command(dearmor),
    'inline-sign': command(inlineSign, 'sign'),
    'inline-verify': command(inlineVerify),
    'inline-detach': command(inlineDetach),
  },
};

export function runSop(args: string[]): Promise<number> {
  return runFamily(sopFamily, args);
}
