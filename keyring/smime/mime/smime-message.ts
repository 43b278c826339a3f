/**
 * S/MIME entities (RFC 8551 §3): application/pkcs7-mime (enveloped-data, authEnveloped-data,
 * signed-data) and multipart/signed, plus raw DER and PEM CMS as inputs. The signed bytes of a
 * multipart/signed are taken exactly from the input (never re-serialised by a parser).
 */
import { LockpaneError } from '../../errors';
import { base64EncodeBlocks, base64EncodeParts, latin1String } from '../../bytes/base64';
import {
  base64Body, buildEntity, canonicalizeLineEndings, decodeTransferEncoding, headerValue, multipartParts, parseContentType, parseEntity, randomBoundary, type HeaderField,
} from '../../mime/entity';
import type { HashName } from '../oids';
import { decodePemBlocks, looksLikePem } from '../pem';

export type SmimeType = 'enveloped-data' | 'authEnveloped-data' | 'signed-data';

/** An application/pkcs7-mime entity around DER (given whole or as pieces), base64 encoded. */
export function buildPkcs7Mime(der: Uint8Array | readonly Uint8Array[], smimeType: SmimeType): Uint8Array {
  return base64EncodeParts(der instanceof Uint8Array ? [der] : der, 76, pkcs7MimeHead(smimeType));
}

/** The same entity as blocks (each valid until the next is taken), for writing out as it is encoded. */
export function* pkcs7MimeBlocks(der: readonly Uint8Array[], smimeType: SmimeType): Generator<Uint8Array> {
  yield pkcs7MimeHead(smimeType);
  yield* base64EncodeBlocks(der, 76);
}

function pkcs7MimeHead(smimeType: SmimeType): Uint8Array {
  return buildEntity([
    ['MIME-Version', '1.0'],
    ['Content-Type', `application/pkcs7-mime; smime-type=${smimeType}; name="smime.p7m"`],
    ['Content-Transfer-Encoding', 'base64'],
    ['Content-Disposition', 'attachment; filename="smime.p7m"'],
  ], new Uint8Array(0));
}

export const micalgName: Record<HashName, string> = { 'SHA-1': 'sha-1', 'SHA-256': 'sha-256', 'SHA-384': 'sha-384', 'SHA-512': 'sha-512' };

/** multipart/signed around a canonical (CRLF) entity and its detached signature. */
export function buildMultipartSigned(content: Uint8Array, signatureDer: Uint8Array, hash: HashName): Uint8Array {
  const boundary = randomBoundary();
  const sigPart = buildEntity([
    ['Content-Type', 'application/pkcs7-signature; name="smime.p7s"'],
    ['Content-Transfer-Encoding', 'base64'],
    ['Content-Disposition', 'attachment; filename="smime.p7s"'],
  ], base64Body(signatureDer));
  const enc = new TextEncoder();
  const pieces = [
    enc.encode('This is an S/MIME signed message.\r\n\r\n'),
    enc.encode(`--${boundary}\r\n`), content, enc.encode(`\r\n--${boundary}\r\n`), sigPart, enc.encode(`\r\n--${boundary}--\r\n`),
  ];
  const body = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of pieces) { body.set(p, o); o += p.length; }
  return buildEntity([
    ['MIME-Version', '1.0'],
    ['Content-Type', `multipart/signed; protocol="application/pkcs7-signature"; micalg="${micalgName[hash]}"; boundary="${boundary}"`],
  ], body);
}

export type SmimeInput =
  | { kind: 'cms'; der: Uint8Array; smimeType?: string; headers: HeaderField[] }
  | {
    kind: 'multipart-signed';
    /** The first body part as it appears in the input, and its CRLF-canonical form (first). */
    contentCandidates: Uint8Array[];
    rawContent: Uint8Array;
    signature: Uint8Array;
    headers: HeaderField[];
  };

const pkcs7Mime = new Set(['application/pkcs7-mime', 'application/x-pkcs7-mime']);
const pkcs7Sig = new Set(['application/pkcs7-signature', 'application/x-pkcs7-signature']);

/** Recognises raw DER, PEM CMS, or an S/MIME MIME entity (or whole message). */
/** `scratch`: the caller gives up `data`, so base64 is decoded into its bytes instead of a new buffer. */
/** A base64 body that stops mid-way is a message cut off in transit or while copying: say so. */
function truncationNamed(decode: () => Uint8Array): Uint8Array {
  try {
    return decode();
  } catch (e) {
    if (e instanceof LockpaneError && /truncated/.test(e.message)) throw new LockpaneError('bad-data', `the message is truncated: its base64 body ends mid-way (${e.message})`, { cause: e });
    throw e;
  }
}

export function readSmimeInput(data: Uint8Array, opts: { scratch?: boolean } = {}): SmimeInput {
  const inPlace = { inPlace: opts.scratch === true };
  if (data.length === 0) throw new LockpaneError('bad-data', 'empty input');
  if (data[0] === 0x30) return { kind: 'cms', der: data, headers: [] };
  if (looksLikePem(data)) {
    // A mail may quote a PEM line in its text: only input that starts with one is PEM, and only then is a damaged block an error.
    const startsAsPem = /^\s*-----BEGIN /.test(latin1String(data.subarray(0, 256)));
    let blocks: ReturnType<typeof decodePemBlocks> = [];
    try { blocks = decodePemBlocks(data); } catch (e) { if (startsAsPem) throw e; }
    const block = blocks.find((b) => b.label === 'PKCS7' || b.label === 'CMS');
    if (block !== undefined) return { kind: 'cms', der: block.der, headers: [] };
  }
  const entity = parseEntity(data);
  const ct = parseContentType(headerValue(entity.headers, 'content-type'));
  const cte = headerValue(entity.headers, 'content-transfer-encoding');
  const name = ct.params.name ?? '';
  if (pkcs7Mime.has(ct.mediaType) || (ct.mediaType === 'application/octet-stream' && /\.p7m$/i.test(name))) {
    const der = truncationNamed(() => decodeTransferEncoding(entity.body, cte, inPlace));
    return { kind: 'cms', der, headers: entity.headers, ...(ct.params['smime-type'] !== undefined ? { smimeType: ct.params['smime-type'].toLowerCase() } : {}) };
  }
  if (ct.mediaType === 'multipart/signed') {
    const protocol = (ct.params.protocol ?? '').toLowerCase();
    if (!pkcs7Sig.has(protocol)) throw new LockpaneError('unsupported-option', `multipart/signed with protocol "${protocol.slice(0, 60)}" is not S/MIME`);
    const boundary = ct.params.boundary;
    if (boundary === undefined) throw new LockpaneError('bad-data', 'multipart/signed without a boundary');
    const { parts } = multipartParts(entity.body, boundary);
    if (parts.length !== 2) throw new LockpaneError('bad-data', `multipart/signed must have two parts, found ${parts.length}`);
    const raw = entity.body.subarray(parts[0]!.start, parts[0]!.end);
    const sigEntity = parseEntity(entity.body.subarray(parts[1]!.start, parts[1]!.end));
    const sigType = parseContentType(headerValue(sigEntity.headers, 'content-type'));
    if (!pkcs7Sig.has(sigType.mediaType)) throw new LockpaneError('bad-data', `the signature part is ${sigType.mediaType}, not application/pkcs7-signature`);
    const signature = decodeTransferEncoding(sigEntity.body, headerValue(sigEntity.headers, 'content-transfer-encoding'));
    const canonical = canonicalizeLineEndings(raw);
    return { kind: 'multipart-signed', contentCandidates: canonical === raw ? [raw] : [canonical, raw], rawContent: raw, signature, headers: entity.headers };
  }
  // Header-less base64 (what some tools write for .p7m): try it before giving up.
  const text = latin1String(data.subarray(0, Math.min(4096, data.length)));
  if (/^[A-Za-z0-9+/=\r\n]+$/.test(text)) {
    try {
      const der = decodeTransferEncoding(data, 'base64', inPlace);
      if (der[0] === 0x30) return { kind: 'cms', der, headers: [] };
    } catch { /* fall through */ }
  }
  throw new LockpaneError('bad-data', `not an S/MIME message (Content-Type ${ct.mediaType})`);
}

export function smimeTypeFor(contentTypeOid: string): SmimeType {
  if (contentTypeOid === '1.2.840.113549.1.9.16.1.23') return 'authEnveloped-data';
  if (contentTypeOid === '1.2.840.113549.1.7.2') return 'signed-data';
  return 'enveloped-data';
}
