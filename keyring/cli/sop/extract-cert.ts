/** sop extract-cert [--no-armor] < KEYS > CERTS */
import { exportKey, readKeys } from '../../pgp';
import { parseArgs } from '../args';
import { readStdin, writeStdout } from './io';

export const usage = `usage: lockpane sop extract-cert [--no-armor] < KEYS > CERTS
Reads secret keys on stdin and writes their certificates (public keys) to stdout.
`;

export async function run(args: string[]): Promise<number> {
  const p = parseArgs(args, { flags: ['no-armor'] });
  const keys = await readKeys(await readStdin());
  if (p.flags.has('no-armor')) writeStdout(Buffer.concat(keys.map((k) => exportKey(k, { armor: false }))));
  else writeStdout(keys.map((k) => exportKey(k)).join(''));
  return 0;
}
