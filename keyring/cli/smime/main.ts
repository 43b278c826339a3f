/**
 * `lockpane smime encrypt|decrypt|sign|verify|inspect`: stateless, stdin → stdout, SOP exit codes
 * (../exit-codes.ts). Nothing is written to stdout unless the whole operation succeeded.
 */
import { runFamily, type Family } from '../dispatch';
import * as encrypt from './encrypt';
import * as decrypt from './decrypt';
import * as sign from './sign';
import * as verify from './verify';
import * as inspect from './inspect';

export const smimeFamily: Family = {
  name: 'smime',
  intro: `usage: lockpane smime SUBCOMMAND [OPTIONS] [ARGS]
S/MIME in the Stateless OpenPGP CLI's style: input on stdin, result on stdout, SOP exit codes.
stdin for encrypt and sign is a MIME entity: header fields (at least Content-Type), a blank line, the body.
A KEY_FILE is a PEM file with the private key and its certificate, or a PKCS#12 (.p12/.pfx) file.
A CERT_FILE is a PEM or DER certificate. Output files must not exist yet.`,
  commands: {
    encrypt: { usage: encrypt.usage, run: encrypt.run, role: 'encrypt' },
    decrypt: { usage: decrypt.usage, run: decrypt.run, role: 'decrypt' },
    sign: { usage: sign.usage, run: sign.run, role: 'sign' },
    verify: { usage: verify.usage, run: verify.run, role: 'other' },
    inspect: { usage: inspect.usage, run: inspect.run, role: 'other' },
  },
};

export function runSmime(args: string[]): Promise<number> {
  return runFamily(smimeFamily, args);
}
