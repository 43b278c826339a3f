/**
 * Encrypted files the worker made for one message: OpenPGP `<name>.pgp` per file, or the one S/MIME
 * `smime.p7m`. Only these (ciphertext) ever go to the content script.
 */
import { encrypt, type PgpKey, type PgpPrivateKey } from '../../../keyring/pgp';
import type { StagedFile } from './attachment-staging';

export type OutgoingFile = { id: string; name: string; mediaType: string; bytes: Uint8Array };

/** Each file becomes a binary OpenPGP message to the same keys as the body, signed the same way. */
export async function encryptFilesPgp(files: readonly StagedFile[], encryptionKeys: PgpKey[], signingKeys: PgpPrivateKey[]): Promise<OutgoingFile[]> {
  const out: OutgoingFile[] = [];
  for (const f of files) {
    const bytes = await encrypt({ data: f.bytes, encryptionKeys, signingKeys, encryptToSigners: false, format: 'binary', armor: false, filename: f.name });
    out.push({ id: f.id, name: `${f.name}.pgp`, mediaType: 'application/octet-stream', bytes });
  }
  return out;
}
