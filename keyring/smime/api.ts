/**
 * The S/MIME operations on whole MIME entities, as the worker, the UI and `lockpane smime` use them.
 */
import { LockpaneError } from '../errors';
import { parseContentInfo } from './cms/content-info';
import { concatBytes } from './asn1/der-reader';
import { decryptCms, encryptCmsParts, isEncryptedType, type DecryptResult, type EncryptOptions } from './cms/envelope';
import { signCms, type SignOptions } from './cms/sign';
import { verifyCms, type VerifyOptions, type VerifyReport } from './cms/verify';
import { encryptionUsageProblems } from './trust/cert-policy';
import type { SmimeIdentity } from './keys/pkcs12';
import { toCrlf } from './mime/crlf';
import { buildMultipartSigned, buildPkcs7Mime, readSmimeInput, smimeTypeFor } from './mime/smime-message';
import { OID } from './oids';
import type { Certificate } from './x509/certificate';

export type EncryptMimeOptions = EncryptOptions & {
  /** Output raw DER instead of an application/pkcs7-mime entity. */
  der?: boolean;
  /** Refuse recipients whose KU/EKU forbid encryption (default true). */
  enforceUsage?: boolean;
};

export async function encryptMime(entity: Uint8Array, recipients: readonly Certificate[], opts: EncryptMimeOptions = {}): Promise<Uint8Array> {
  if (opts.enforceUsage !== false) {
    for (const r of recipients) {
      const p = encryptionUsageProblems(r);
      if (p.length > 0) throw new LockpaneError('key-not-usable', `cannot encrypt to "${r.subject}": ${p.join('; ')}`);
    }
  }
  const parts = await encryptCmsParts(toCrlf(entity), recipients, opts);
  if (opts.der === true) return concatBytes(parts);
  return buildPkcs7Mime(parts, opts.cipher?.endsWith('gcm') === true ? 'authEnveloped-data' : 'enveloped-data');
}

/** Decrypts an S/MIME entity, PEM or DER CMS; returns the inner MIME entity and how it was protected. */
export async function decryptMessage(input: Uint8Array, identities: readonly SmimeIdentity[]): Promise<DecryptResult> {
  const parsed = readSmimeInput(input);
  if (parsed.kind !== 'cms') throw new LockpaneError('bad-data', 'the message is signed, not encrypted');
  const ci = parseContentInfo(parsed.der);
  if (!isEncryptedType(ci.contentType)) throw new LockpaneError('bad-data', 'the message is not encrypted');
  // DER decoded from base64/PEM is our own buffer, so AES-GCM may reuse it instead of copying 50 MB.
  return decryptCms(ci, identities, { scratch: parsed.der.buffer !== input.buffer });
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
