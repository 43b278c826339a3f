/** lockpane smime encrypt [--cipher C] [--der] CERT_FILE... < MIME_ENTITY > MESSAGE */
import { LockpaneError } from '../../errors';
import { encryptMimeBlocks, type Certificate, type ContentCipher } from '../../smime/index';
import { contentCiphers } from '../../smime/crypto/content-cipher';
import { one, parseArgs } from '../args';
import { readStdin, writeAll, writeStdout } from '../stdio';
import { readCertificateFile } from './files';
import { checkMimeEntity } from './mime-entity';

export const usage = `usage: lockpane smime encrypt [--cipher ${contentCiphers.join('|')}] [--der] CERT_FILE... < MIME_ENTITY > MESSAGE
Encrypts the MIME entity on stdin (headers, a blank line, the body) to each CERT_FILE (PEM or DER
certificate). Writes an application/pkcs7-mime message, or with --der the bare CMS structure.
Default cipher: aes-256-cbc (what every mail program reads); the -gcm ciphers are integrity-protected.
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { flags: ['der'], values: ['cipher'] });
  const cipher = one(args, 'cipher') ?? 'aes-256-cbc';
  if (!(contentCiphers as readonly string[]).includes(cipher)) throw new LockpaneError('unsupported-option', `unknown cipher "${cipher}" (use ${contentCiphers.join(', ')})`);
  if (args.positionals.length === 0) throw new LockpaneError('missing-argument', 'encrypt needs at least one CERT_FILE');
  const certs: Certificate[] = [];
  for (const f of args.positionals) certs.push(readCertificateFile(f)[0]!);
  const entity = await readStdin();
  if (!checkMimeEntity(entity).hasContentType) {
    writeAll(2, 'lockpane smime encrypt: note: the entity has no Content-Type header, so readers will take it as US-ASCII plain text\n');
  }
  const out = await encryptMimeBlocks(entity, certs, { cipher: cipher as ContentCipher, der: args.flags.has('der') });
  for (const block of out) writeStdout(block);
  return 0;
}
