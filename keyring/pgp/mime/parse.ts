/**
 * Reads RFC 3156 PGP/MIME. postal-mime extracts the signature and ciphertext parts (with their
 * transfer encodings undone); the signed part itself is cut from the raw bytes by boundary
 * scanning, because any re-serialisation would break the signature. A message whose CRLFs were
 * turned into LF (common in web mail "view source") is canonicalised back first.
 */
import PostalMime from 'postal-mime';
import { LockpaneError } from '../../errors';
import { fromUtf8, toBytes } from '../bytes';
import { decrypt, type DecryptResult } from '../decrypt';
import { verify } from '../sign';
import type { PgpKey, PgpPrivateKey, SignatureReport } from '../types';
import { headerValue, multipartParts, param, splitHeaders, toCrlf } from './canonical';

export type PgpMimeKind = 'signed' | 'encrypted' | 'none';

export type ParsedPgpMime =
  | { kind: 'signed'; signedEntity: Uint8Array; signature: Uint8Array; micalg: string | null }
  | { kind: 'encrypted'; ciphertext: Uint8Array }
  | { kind: 'none' };

export async function parsePgpMime(raw: Uint8Array | string): Promise<ParsedPgpMime> {
  const crlf = toCrlf(toBytes(raw));
  const { headers, body } = splitHeaders(crlf);
  const contentType = headerValue(headers, 'content-type') ?? '';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const protocol = (param(contentType, 'protocol') ?? '').toLowerCase();
  if (type === 'multipart/signed' && protocol === 'application/pgp-signature') {
    const b = param(contentType, 'boundary');
    if (!b) throw new LockpaneError('bad-data', 'multipart/signed without a boundary.');
    const parts = multipartParts(body, b);
    if (parts.length !== 2) throw new LockpaneError('bad-data', `multipart/signed must have exactly 2 parts, found ${parts.length}.`);
    const signature = await attachmentOf(crlf, 'application/pgp-signature');
    return { kind: 'signed', signedEntity: parts[0]!, signature, micalg: param(contentType, 'micalg') };
  }
  if (type === 'multipart/encrypted' && protocol === 'application/pgp-encrypted') {
    const b = param(contentType, 'boundary');
    if (!b) throw new LockpaneError('bad-data', 'multipart/encrypted without a boundary.');
    const parts = multipartParts(body, b);
    if (parts.length !== 2) throw new LockpaneError('bad-data', `multipart/encrypted must have exactly 2 parts, found ${parts.length}.`);
    const control = fromUtf8(parts[0]!);
    if (!/application\/pgp-encrypted/i.test(control) || !/Version:\s*1/.test(control)) {
      throw new LockpaneError('bad-data', 'The PGP/MIME version part is missing or not "Version: 1".');
    }
    return { kind: 'encrypted', ciphertext: await attachmentOf(crlf, 'application/octet-stream') };
  }
  return { kind: 'none' };
}

async function attachmentOf(raw: Uint8Array, mimeType: string): Promise<Uint8Array> {
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  } catch (e) {
    throw new LockpaneError('bad-data', 'The MIME structure could not be parsed.', { cause: e });
  }
  const found = email.attachments.filter((a) => a.mimeType.toLowerCase() === mimeType);
  if (found.length !== 1) throw new LockpaneError('bad-data', `Expected one ${mimeType} part, found ${found.length}.`);
  const content = found[0]!.content;
  return typeof content === 'string' ? toBytes(content) : new Uint8Array(content as ArrayBuffer);
}

/** Verifies a multipart/signed message; returns the exact signed entity (CRLF) and the signature reports. */
export async function verifyPgpMime(raw: Uint8Array | string, options: { verificationKeys: PgpKey[]; expectedSenderEmail?: string }):
  Promise<{ signedEntity: Uint8Array; signatures: SignatureReport[] }> {
  const parsed = await parsePgpMime(raw);
  if (parsed.kind !== 'signed') throw new LockpaneError('bad-data', 'Not a PGP/MIME signed message.');
  const { signatures } = await verify({ data: parsed.signedEntity, signature: parsed.signature, verificationKeys: options.verificationKeys,
    ...(options.expectedSenderEmail ? { expectedSenderEmail: options.expectedSenderEmail } : {}) });
  return { signedEntity: parsed.signedEntity, signatures };
}

/** Decrypts a multipart/encrypted message; `data` is the inner MIME entity (possibly multipart/signed itself). */
export async function decryptPgpMime(raw: Uint8Array | string, options: {
  decryptionKeys?: PgpPrivateKey[]; passwords?: string[]; verificationKeys?: PgpKey[]; expectedSenderEmail?: string;
}): Promise<DecryptResult> {
  const parsed = await parsePgpMime(raw);
  if (parsed.kind !== 'encrypted') throw new LockpaneError('bad-data', 'Not a PGP/MIME encrypted message.');
  return decrypt({ message: parsed.ciphertext, ...options });
}
