/** lockpane smime sign [--opaque] [--password-file FILE] KEY_FILE < MIME_ENTITY > MESSAGE */
import { LockpaneError } from '../../errors';
import { signMime } from '../../smime/index';
import { one, parseArgs } from '../args';
import { readStdin, writeAll, writeStdout } from '../stdio';
import { loadKeyFile, readPassword } from './files';
import { checkMimeEntity } from './mime-entity';

export const usage = `usage: lockpane smime sign [--opaque] [--password-file FILE] KEY_FILE < MIME_ENTITY > MESSAGE
Signs the MIME entity on stdin (headers, a blank line, the body): multipart/signed, or with --opaque
application/pkcs7-mime signed-data. KEY_FILE: a PEM file with the private key and its certificate,
or a PKCS#12 (.p12/.pfx) file; --password-file gives its password.
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { flags: ['opaque'], values: ['password-file'] });
  if (args.positionals.length !== 1) throw new LockpaneError('missing-argument', 'sign needs exactly one KEY_FILE');
  const password = readPassword(one(args, 'password-file'));
  const [identity] = await loadKeyFile(args.positionals[0]!, password);
  const entity = await readStdin();
  if (!checkMimeEntity(entity).hasContentType) {
    writeAll(2, 'lockpane smime sign: note: the entity has no Content-Type header, so readers will take it as US-ASCII plain text\n');
  }
  writeStdout(await signMime(entity, identity!, { opaque: args.flags.has('opaque') }));
  return 0;
}
