/** sop dearmor < DATA (armored) > DATA; binary input passes through unchanged. */
import * as openpgp from 'openpgp';
import { collect } from '../../pgp/bytes';
import { looksArmored, mapPgpError } from '../../pgp';
import { parseArgs } from '../args';
import { readStdin, writeStdout } from './io';

export const usage = `usage: lockpane sop dearmor < ARMORED > DATA
`;

export async function run(args: string[]): Promise<number> {
  parseArgs(args, {});
  const data = await readStdin();
  if (!looksArmored(data)) { writeStdout(data); return 0; }
  try {
    const { data: body } = await openpgp.unarmor(Buffer.from(data).toString('utf8'));
    const bytes = body instanceof Uint8Array ? body : await collect(body as ReadableStream<Uint8Array>);
    if (bytes.length === 0) throw new Error('Misformed armored text');
    writeStdout(bytes);
  } catch (e) {
    throw mapPgpError(e, 'bad-armor', 'Dearmoring');
  }
  return 0;
}
