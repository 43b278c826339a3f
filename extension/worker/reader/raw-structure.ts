/**
 * What a raw RFC 5322 message holds, decided from its MIME structure on the exact bytes (never a
 * re-serialisation, so signed parts stay byte-exact): PGP/MIME encrypted or signed, an S/MIME entity,
 * or a mixed mail whose protected pieces are attachments (smime.p7m, *.pgp/*.gpg/*.asc) or an inline
 * armored block. Walking is bounded in depth and part count; parts are subarrays, not copies.
 * Public keys attached outside the protected parts are collected too, so the reader can offer them; a mail
 * whose only such piece is a key is "unprotected": shown as it is, with the key offered.
 */
import { LockpaneError } from '../../../keyring/errors';
import { decodeTransferEncoding, headerValue, multipartParts, parseContentType, parseEntity, type ContentType, type HeaderField } from '../../../keyring/mime/entity';

export type RawLeaf = { headers: HeaderField[]; type: ContentType; filename: string | null; entity: Uint8Array; body: Uint8Array };

export type InlineArmor = { kind: 'pgp-message' | 'pgp-signed'; armored: string };

/** An attached public key file (armored or binary), decoded; read only when the reader offers it. */
export type KeyFile = { name: string; data: Uint8Array };

/**
 * `partial`: the protected part is not the root of the message and other parts carry content of their own
 * (SECURITY A2.3: "signed" only for the root envelope, otherwise the message is partially protected).
 */
export type RawPlan = (
  | { kind: 'pgp-encrypted'; ciphertext: Uint8Array }
  | { kind: 'pgp-signed'; signedPart: Uint8Array; signature: Uint8Array }
  | { kind: 'smime'; entity: Uint8Array }
  | {
    kind: 'mixed';
    /** An S/MIME entity carried as an attachment (Lockpane's own Roundcube sending does this). */
    smime: Uint8Array | null;
    /** Per-file encrypted attachments. */
    pgpFiles: { name: string; data: Uint8Array }[];
    /** An inline armored block in a text part (PGP MESSAGE or SIGNED MESSAGE). */
    inline: InlineArmor | null;
  }
  /** Nothing protected, but public keys attached: the whole mail is shown as the web mail would. */
  | { kind: 'unprotected' }) & { partial: boolean; keys: KeyFile[] };

const maxDepth = 8;
const maxParts = 500;
/** Key files offered from one mail (each may hold several keys). */
const maxKeyFiles = 16;
const pkcs7Mime = new Set(['application/pkcs7-mime', 'application/x-pkcs7-mime']);
const pkcs7Sig = new Set(['application/pkcs7-signature', 'application/x-pkcs7-signature']);
const notEncryptedFiles = new Set(['application/pgp-signature', 'application/pgp-keys']);
const keyFileNames = /\.(asc|gpg|pgp|key|pub)$/i;
/** A public-key packet's first byte: old format tag 6 (any length type) or new format tag 6. */
const binaryKeyTags = new Set([0x98, 0x99, 0x9a, 0x9b, 0xc6]);

function unquoteName(v: string | undefined): string | null {
  if (!v) return null;
  // RFC 2231 (name*=utf-8''x%20y) and plain names; anything else is kept as written.
  const star = /^[^']*'[^']*'(.*)$/.exec(v);
  if (star) {
    try {
      return decodeURIComponent(star[1] ?? '');
    } catch {
      return star[1] ?? null;
    }
  }
  return v;
}

function dispositionParams(headers: HeaderField[]): Record<string, string> {
  const value = headerValue(headers, 'content-disposition') ?? '';
  const semi = value.indexOf(';');
  return semi < 0 ? {} : parseContentType(`x/x${value.slice(semi)}`).params;
}

export function leafOf(entity: Uint8Array): RawLeaf {
  const e = parseEntity(entity);
  const type = parseContentType(headerValue(e.headers, 'content-type'));
  const d = dispositionParams(e.headers);
  const filename = unquoteName(d['filename*'] ?? d.filename ?? type.params['name*'] ?? type.params.name);
  return { headers: e.headers, type, filename, entity, body: e.body };
}

export function decodedBody(leaf: RawLeaf): Uint8Array {
  return decodeTransferEncoding(leaf.body, headerValue(leaf.headers, 'content-transfer-encoding'));
}

function twoParts(leaf: RawLeaf): [Uint8Array, Uint8Array] {
  const boundary = leaf.type.params.boundary;
  if (!boundary) throw new LockpaneError('bad-data', `${leaf.type.mediaType} without a boundary`);
  const { parts } = multipartParts(leaf.body, boundary);
  if (parts.length !== 2) throw new LockpaneError('bad-data', `${leaf.type.mediaType} must have exactly 2 parts, found ${parts.length}`);
  return [leaf.body.subarray(parts[0]!.start, parts[0]!.end), leaf.body.subarray(parts[1]!.start, parts[1]!.end)];
}

/** The leaves of a (possibly nested) multipart entity, depth-first; protected multiparts are kept whole. */
export function leavesOf(entity: Uint8Array): RawLeaf[] {
  const out: RawLeaf[] = [];
  const walk = (bytes: Uint8Array, depth: number) => {
    if (out.length >= maxParts) throw new LockpaneError('too-large', `more than ${maxParts} MIME parts`);
    const leaf = leafOf(bytes);
    const protectedMultipart = leaf.type.subtype === 'signed' || leaf.type.subtype === 'encrypted';
    if (leaf.type.type !== 'multipart' || protectedMultipart) {
      out.push(leaf);
      return;
    }
    if (depth >= maxDepth) throw new LockpaneError('bad-data', `MIME nesting deeper than ${maxDepth}`);
    const boundary = leaf.type.params.boundary;
    if (!boundary) throw new LockpaneError('bad-data', 'multipart without a boundary');
    for (const p of multipartParts(leaf.body, boundary).parts) walk(leaf.body.subarray(p.start, p.end), depth + 1);
  };
  walk(entity, 0);
  return out;
}

export function isPgpSignedMultipart(t: ContentType): boolean {
  return t.mediaType === 'multipart/signed' && (t.params.protocol ?? '').toLowerCase() === 'application/pgp-signature';
}

export function isPgpEncryptedMultipart(t: ContentType): boolean {
  return t.mediaType === 'multipart/encrypted' && (t.params.protocol ?? '').toLowerCase() === 'application/pgp-encrypted';
}

function isSmimeEntity(leaf: RawLeaf): boolean {
  if (pkcs7Mime.has(leaf.type.mediaType)) return true;
  if (leaf.type.mediaType === 'multipart/signed') return pkcs7Sig.has((leaf.type.params.protocol ?? '').toLowerCase());
  return leaf.type.mediaType === 'application/octet-stream' && /\.p7m$/i.test(leaf.filename ?? '');
}

/** PGP/MIME encrypted: part 1 says "Version: 1", part 2 is the OpenPGP message. */
export function pgpEncryptedParts(leaf: RawLeaf): Uint8Array {
  const [control, data] = twoParts(leaf);
  const c = leafOf(control);
  if (c.type.mediaType !== 'application/pgp-encrypted' || !/Version:\s*1/.test(new TextDecoder('latin1').decode(c.body.subarray(0, 200)))) {
    throw new LockpaneError('bad-data', 'The PGP/MIME version part is missing or not "Version: 1".');
  }
  return decodedBody(leafOf(data));
}

/** PGP/MIME signed: the first part's exact bytes and the decoded signature. */
export function pgpSignedParts(leaf: RawLeaf): { signedPart: Uint8Array; signature: Uint8Array } {
  const [signedPart, sig] = twoParts(leaf);
  const s = leafOf(sig);
  if (s.type.mediaType !== 'application/pgp-signature') throw new LockpaneError('bad-data', `the signature part is ${s.type.mediaType}, not application/pgp-signature`);
  return { signedPart, signature: decodedBody(s) };
}

/**
 * Whether an attachment is a public key file: typed application/pgp-keys, or a key-like name whose bytes
 * start as an armored public key block or a public-key packet. Private key blocks are never offered.
 */
export function isKeyFile(name: string, mediaType: string, data: Uint8Array): boolean {
  if (mediaType === 'application/pgp-keys') return true;
  if (!keyFileNames.test(name) || data.length === 0) return false;
  if (binaryKeyTags.has(data[0]!)) return true;
  return /^\s*-----BEGIN PGP PUBLIC KEY BLOCK-----/.test(new TextDecoder('latin1').decode(data.subarray(0, 80)));
}

const armorStart = /-----BEGIN PGP (MESSAGE|SIGNED MESSAGE)-----/;

function inlineArmor(leaf: RawLeaf): InlineArmor | null {
  if (leaf.type.type !== 'text' || leaf.filename) return null;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(decodedBody(leaf));
  const m = armorStart.exec(text);
  if (!m) return null;
  const kind = m[1] === 'MESSAGE' ? 'pgp-message' : 'pgp-signed';
  const endMarker = kind === 'pgp-message' ? '-----END PGP MESSAGE-----' : '-----END PGP SIGNATURE-----';
  const end = text.indexOf(endMarker, m.index);
  if (end < 0) return null;
  return { kind, armored: text.slice(m.index, end + endMarker.length) };
}

/** Whether an unprotected part says anything (whitespace-only text does not count). */
function hasContent(leaf: RawLeaf, coverNoteBytes: number): boolean {
  const body = decodedBody(leaf);
  if (leaf.type.type !== 'text' || leaf.filename) return body.length > 0;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  // The HTML alternative of an armored body is the same ciphertext, not content of its own.
  if (text.includes('-----BEGIN PGP ')) return false;
  return text.trim().length > coverNoteBytes;
}

export function planRaw(raw: Uint8Array): RawPlan {
  if (raw.length === 0) throw new LockpaneError('bad-data', 'The raw message is empty.');
  const top = leafOf(raw);
  if (isPgpEncryptedMultipart(top.type)) return { kind: 'pgp-encrypted', ciphertext: pgpEncryptedParts(top), partial: false, keys: [] };
  if (isPgpSignedMultipart(top.type)) return { kind: 'pgp-signed', ...pgpSignedParts(top), partial: false, keys: [] };
  if (isSmimeEntity(top)) return { kind: 'smime', entity: raw, partial: false, keys: [] };
  const plan: RawPlan & { kind: 'mixed' } = { kind: 'mixed', smime: null, pgpFiles: [], inline: null, partial: false, keys: [] };
  let nested: (RawPlan & { kind: 'pgp-encrypted' | 'pgp-signed' }) | null = null;
  const unprotected: RawLeaf[] = [];
  for (const leaf of leavesOf(raw)) {
    if (!nested && isPgpEncryptedMultipart(leaf.type)) {
      nested = { kind: 'pgp-encrypted', ciphertext: pgpEncryptedParts(leaf), partial: false, keys: [] };
      continue;
    }
    if (!nested && isPgpSignedMultipart(leaf.type)) {
      nested = { kind: 'pgp-signed', ...pgpSignedParts(leaf), partial: false, keys: [] };
      continue;
    }
    if (isSmimeEntity(leaf)) {
      // A whole S/MIME entity as attachment: its body may itself be a MIME entity, PEM or DER.
      plan.smime ??= leaf.type.mediaType === 'multipart/signed' ? leaf.entity : decodedBody(leaf);
      continue;
    }
    const name = leaf.filename ?? '';
    const data = leaf.type.mediaType === 'application/pgp-keys' || keyFileNames.test(name) ? decodedBody(leaf) : null;
    if (data && isKeyFile(name, leaf.type.mediaType, data)) {
      if (plan.keys.length < maxKeyFiles) plan.keys.push({ name: name || 'key.asc', data });
      continue;
    }
    if (data && /\.(pgp|gpg|asc)$/i.test(name) && !notEncryptedFiles.has(leaf.type.mediaType)) {
      // A .asc that is a detached signature is not an encrypted file.
      const head = new TextDecoder('latin1').decode(data.subarray(0, 64));
      if (/^\s*-----BEGIN PGP SIGNATURE/.test(head)) continue;
      plan.pgpFiles.push({ name, data });
      continue;
    }
    const inline = plan.inline ? null : inlineArmor(leaf);
    if (inline) plan.inline = inline;
    else unprotected.push(leaf);
  }
  if (nested) {
    // A PGP/MIME part inside another mail: anything else with content makes it partial.
    const otherProtected = plan.smime !== null || plan.pgpFiles.length > 0 || plan.inline !== null;
    return { ...nested, partial: otherProtected || unprotected.some((l) => hasContent(l, 0)), keys: plan.keys };
  }
  if (!plan.smime && plan.pgpFiles.length === 0 && !plan.inline) {
    if (plan.keys.length > 0) return { kind: 'unprotected', partial: false, keys: plan.keys };
    throw new LockpaneError('bad-data', 'This message has no OpenPGP or S/MIME part.');
  }
  // An smime.p7m attachment usually comes with a short cover note (Lockpane's own sending does this).
  plan.partial = unprotected.some((l) => hasContent(l, plan.smime ? 1024 : 0));
  return plan;
}
