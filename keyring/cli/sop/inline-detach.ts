/** sop inline-detach [--no-armor] --signatures-out=SIGNATURES < MESSAGE (cleartext-signed) > DATA */
import * as openpgp from 'openpgp';
import { mapPgpError } from '../../pgp';
import { one, parseArgs } from '../args';
import { EXIT, CliError } from '../exit-codes';
import { checkOutput, readStdin, writeIndirect, writeStdout } from './io';

export const usage = `usage: lockpane sop inline-detach [--no-armor] --signatures-out=SIGNATURES < MESSAGE > DATA
Files named in options and arguments may also be @ENV:NAME or @FD:N; output files must not exist yet.
`;

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, { flags: ['no-armor'], values: ['signatures-out'] });
  const sigOut = one(p, 'signatures-out');
  if (!sigOut) throw new CliError(EXIT.MISSING_ARG, 'inline-detach needs --signatures-out');
  checkOutput(sigOut);
  const input = Buffer.from(await readStdin()).toString('utf8');
  let message: openpgp.CleartextMessage;
  try {
    message = await openpgp.readCleartextMessage({ cleartextMessage: input });
  } catch (e) {
    throw mapPgpError(e, 'bad-data', 'Reading cleartext-signed message');
  }
  // The signed text is hashed without trailing white space on each line; emit it that way so
  // that `sop verify` over the output holds.
  const text = message.getText().split('\n').map((l) => l.replace(/[ \t\r]+$/, '')).join('\n');
  // openpgp.js keeps the signature on the message but does not type it publicly
  const signature = (message as unknown as { signature: openpgp.Signature }).signature;
  const sig = p.flags.has('no-armor') ? signature.write() as Uint8Array : signature.armor();
  writeIndirect(sigOut, sig);
  writeStdout(text);
  return 0;
}
