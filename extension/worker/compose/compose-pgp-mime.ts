/**
 * PGP/MIME sending (RFC 3156) where the web mail can carry it (Roundcube's `_pgpmime` field): the text and
 * every file become one MIME entity (the same builder as S/MIME: text/plain, multipart/mixed with files),
 * the real Subject, From, To and Cc go on its root (RFC 9788, `hp="cipher"`), and the whole entity is
 * encrypted (signed inside when asked, RFC 3156 §6.2 combined method). The web mail wraps the armored
 * result in `multipart/encrypted` itself, so only the armor leaves here.
 */
import { encrypt, type PgpKey, type PgpPrivateKey } from '../../../keyring/pgp';
import { addProtectedHeaders, type ProtectedHeaderInput } from '../../../keyring/mime/header-protection-write';
import type { StagedFile } from './attachment-staging';
import { textEntity } from './compose-smime';
import { mixedEntity } from './mime-mixed';

/** The visible body beside a PGP/MIME mail when the editor gave no (localized) line of its own. */
export const pgpMimeDefaultNotice = 'This message is encrypted with OpenPGP (PGP/MIME). Open it with Lockpane or an OpenPGP mail program.';

export type PgpMimeInput = {
  body: string;
  files: readonly StagedFile[];
  /** Null: no Subject was given, so none is protected (the entity still carries From/To/Cc). */
  headers: ProtectedHeaderInput;
};

/** The cleartext entity that gets encrypted: text (and files), protected headers on its root. */
export function pgpMimeEntity(input: PgpMimeInput): Uint8Array {
  const text = textEntity(input.body);
  const content = input.files.length > 0 ? mixedEntity(text, input.files) : text;
  return addProtectedHeaders(content, input.headers, 'cipher');
}

/** The armored OpenPGP message for the web mail's `encrypted.asc` part. */
export async function encryptPgpMime(input: PgpMimeInput, encryptionKeys: PgpKey[], signingKeys: PgpPrivateKey[]): Promise<string> {
  // The entity is CRLF already; binary literal data keeps it byte for byte (a signature covers exactly it).
  return encrypt({ data: pgpMimeEntity(input), encryptionKeys, signingKeys, encryptToSigners: false, format: 'binary' });
}
