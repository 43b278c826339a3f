/** lockpane smime decrypt [--password-file FILE] KEY_FILE... < MESSAGE > MIME_ENTITY */
import { LockpaneError } from '../../errors';
import { decryptMessage, type SmimeIdentity } from '../../smime/index';
import { one, parseArgs } from '../args';
import { readStdin, writeAll, writeStdout } from '../stdio';
import { loadKeyFile, readPassword } from './files';

export const usage = `usage: lockpane smime decrypt [--password-file FILE] KEY_FILE... < MESSAGE > MIME_ENTITY
Decrypts an S/MIME message (MIME, PEM or DER CMS) with the first KEY_FILE that is a recipient.
A KEY_FILE is a PEM file holding the private key and its certificate, or a PKCS#12 (.p12/.pfx) file;
--password-file gives the password of an encrypted key or PKCS#12 file.
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['password-file'] });
  if (args.positionals.length === 0) throw new LockpaneError('missing-argument', 'decrypt needs at least one KEY_FILE');
  const password = readPassword(one(args, 'password-file'));
  const input = await readStdin();
  const identities: SmimeIdentity[] = [];
  for (const f of args.positionals) identities.push(...(await loadKeyFile(f, password)));
  const r = await decryptMessage(input, identities, { inputIsScratch: true });
  if (!r.integrityProtected) writeAll(2, 'lockpane smime decrypt: note: CBC content encryption is not integrity-protected\n');
  writeStdout(r.content);
  return 0;
}
