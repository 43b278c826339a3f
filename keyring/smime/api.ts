/**
 * The S/MIME operations on whole MIME entities, as the worker, the UI and `lockpane smime` use them.
 */
import { LockpaneError } from '../errors';
import { parseContentInfo } from './cms/content-info';
import { concatBytes } from '../bytes/concat';
import { decryptCms, envelopeParts, isEncryptedType, type DecryptResult, type EncryptOptions } from './cms/envelope';
import { signCms, type SignOptions } from './cms/sign';
import { verifyCms, type VerifyOptions, type VerifyReport } from './cms/verify';
import { encryptionUsageProblems } from './trust/cert-policy';
import type { SmimeIdentity } from './keys/pkcs12';
import { isCanonicalCrlf, toCrlf } from './mime/crlf';
import { canonicalizeLineEndings } from '../mime/entity';
import { beginContentEncryption } from './crypto/content-cipher';
import { buildMultipartSigned, buildPkcs7Mime, pkcs7MimeBlocks, readSmimeInput, smimeTypeFor, type SmimeType } from './mime/smime-message';
import { OID } from './oids';
import type { Certificate } from './x509/certificate';

export type EncryptMimeOptions = EncryptOptions & {
  /** Output raw DER instead of an application/pkcs7-mime entity. */
  der?: boolean;
  /** Refuse recipients whose KU/EKU forbid encryption (default true). */
  enforceUsage?: boolean;
};

export async function encryptMime(entity: Uint8Array, recipients: readonly Certificate[], opts: EncryptMimeOptions = {}): Promise<Uint8Array> {
  const { der, smimeType } = await encryptToParts(entity, recipients, opts);
  return opts.der === true ? concatBytes(der) : buildPkcs7Mime(der, smimeType);
}

/**
 * The same output as blocks to write out in order, each valid only until the next is taken: the
 * CLI never holds the whole base64 text of a large message (memory, and a 70 MB buffer's page faults).
 */
export async function encryptMimeBlocks(entity: Uint8Array, recipients: readonly Certificate[], opts: EncryptMimeOptions = {}): Promise<Iterable<Uint8Array>> {
  const { der, smimeType } = await encryptToParts(entity, recipients, opts);
  return opts.der === true ? der : pkcs7MimeBlocks(der, smimeType);
}

async function encryptToParts(entity: Uint8Array, recipients: readonly Certificate[], opts: EncryptMimeOptions): Promise<{ der: Uint8Array[]; smimeType: SmimeType }> {
  if (opts.enforceUsage !== false) {
    for (const r of recipients) {
      const p = encryptionUsageProblems(r);
      if (p.length > 0) throw new LockpaneError('key-not-usable', `cannot encrypt to "${r.subject}": ${p.join('; ')}`);
    }
  }
  if (recipients.length === 0) throw new LockpaneError('no-recipient', 'no recipient certificate given');
  // Encryption starts before the line-ending check, which then runs while WebCrypto works (in Node
  // on another thread). Almost every entity is canonical; one that is not is encrypted again.
  const cipher = opts.cipher ?? 'aes-256-cbc';
  let pending = await beginContentEncryption(cipher, entity);
  if (!isCanonicalCrlf(entity)) pending = await beginContentEncryption(cipher, canonicalizeLineEndings(entity));
  const der = await envelopeParts(pending, recipients, opts);
  return { der, smimeType: cipher.endsWith('gcm') ? 'authEnveloped-data' : 'enveloped-data' };
}

export type DecryptMessageOptions = {
  /** The caller gives up `input` (the CLI's stdin): it is decoded and decrypted in place, saving a copy of the message. */
  inputIsScratch?: boolean;
};

/** Decrypts an S/MIME entity, PEM or DER CMS; returns the inner MIME entity and how it was protected. */
export async function decryptMessage(input: Uint8Array, identities: readonly SmimeIdentity[], opts: DecryptMessageOptions = {}): Promise<DecryptResult> {
  const scratch = opts.inputIsScratch === true;
  const parsed = readSmimeInput(input, { scratch });
  if (parsed.kind !== 'cms') throw new LockpaneError('bad-data', 'the message is signed, not encrypted');
  const ci = parseContentInfo(parsed.der);
  if (!isEncryptedType(ci.contentType)) throw new LockpaneError('bad-data', 'the message is not encrypted');
  // DER decoded from base64/PEM is our own buffer, so AES-GCM may reuse it instead of copying 50 MB.
  return decryptCms(ci, identities, { scratch: scratch || parsed.der.buffer !== input.buffer });
}

export type SignMimeOptions = Omit<SignOptions, 'detached'> & { opaque?: boolean };

export async function signMime(entity: Uint8Array, identity: SmimeIdentity, opts: SignMimeOptions = {}): Promise<Uint8Array> {
  const content = toCrlf(entity);
  const hash = opts.hash ?? 'SHA-256';
  const der = await signCms(content, identity, { ...opts, hash, detached: opts.opaque !== true });
  if (opts.opaque === true) return buildPkcs7Mime(der, 'signed-data');
  return buildMultipartSigned(content, der, hash);
}

/** Verifies multipart/signed, opaque signed-data (MIME, PEM or DER). */
export async function verifyMessage(input: Uint8Array, opts: Omit<VerifyOptions, 'detachedContent'>): Promise<VerifyReport> {
  const parsed = readSmimeInput(input);
  if (parsed.kind === 'multipart-signed') {
    return verifyCms(parseContentInfo(parsed.signature), { ...opts, detachedContent: parsed.contentCandidates });
  }
  const ci = parseContentInfo(parsed.der);
  if (ci.contentType !== OID.signedData) throw new LockpaneError('bad-data', 'the message is not signed');
  return verifyCms(ci, opts);
}

export { smimeTypeFor };
