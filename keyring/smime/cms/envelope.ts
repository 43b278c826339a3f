/**
 * EnvelopedData (RFC 5652 §6) and AuthEnvelopedData (RFC 5083, AES-GCM per RFC 5084): encrypt a
 * MIME entity to certificates, and decrypt with an identity. pkijs has no AuthEnvelopedData, so
 * both are written on the asn1js DER layer (asn1/).
 */
import { LockpaneError } from '../../errors';
import { bytesOf, contentOf, decodeOid, expect, isContext, octetsOf, smallInteger, Tag, type Tlv } from '../asn1/der-reader';
import { integer, oid, setOf, tlv, tlvParts } from '../asn1/der-writer';
import { contentKeyLength, decryptContent, isAead, isAeadOid, type ContentCipher, type PendingEncryption } from '../crypto/content-cipher';
import type { SmimeIdentity } from '../keys/pkcs12';
import { nameOf, OID } from '../oids';
import { parseAlgorithm, type Certificate } from '../x509/certificate';
import type { ContentInfo } from './content-info';
import { identifierMatches } from './recipient-id';
import { buildRecipientInfo, readRecipientInfos, unwrapKey, type RecipientOptions } from './recipients';

export type EncryptOptions = RecipientOptions & { cipher?: ContentCipher };

/**
 * Wraps content encryption already under way (beginContentEncryption) for each recipient and returns the
 * DER ContentInfo (EnvelopedData for CBC, AuthEnvelopedData for GCM) as pieces in order: the ciphertext
 * is not copied, so it can be written out or base64-encoded as it is.
 */
export async function envelopeParts(pending: PendingEncryption, recipients: readonly Certificate[], opts: EncryptOptions = {}): Promise<Uint8Array[]> {
  if (recipients.length === 0) throw new LockpaneError('no-recipient', 'no recipient certificate given');
  const cipher = opts.cipher ?? 'aes-256-cbc';
  const infos = [];
  for (const cert of recipients) infos.push(await buildRecipientInfo(cert, pending.cek, opts));
  const enc = await pending.done;
  // Built as pieces and joined once: the ciphertext may be tens of megabytes.
  const eci = tlvParts(0x30, [oid(OID.data), enc.algorithm, ...tlvParts(0x80, [enc.ciphertext])]);
  const auth = isAead(cipher);
  const version = auth || infos.every((i) => i.version === 0) ? 0 : 2;
  const body = tlvParts(0x30, [integer(version), setOf(...infos.map((i) => i.der)), ...eci, ...(auth ? [tlv(0x04, enc.tag!)] : [])]);
  const type = auth ? OID.authEnvelopedData : OID.envelopedData;
  return tlvParts(0x30, [oid(type), ...tlvParts(0xa0, body)]);
}

export type DecryptResult = {
  content: Uint8Array;
  contentType: string;
  /** true for AuthEnvelopedData (AES-GCM); CBC EnvelopedData is malleable (SECURITY A1.3). */
  integrityProtected: boolean;
  contentCipher: string;
  recipient: Certificate;
};

export function isEncryptedType(t: string): boolean {
  return t === OID.envelopedData || t === OID.authEnvelopedData;
}

/**
 * Decrypts with the first identity that a recipient slot names. No slot for any identity →
 * cannot-decrypt; damaged structure → bad-data; GCM tag failure → integrity-failure.
 */
export async function decryptCms(ci: ContentInfo, identities: readonly SmimeIdentity[], opts: { scratch?: boolean } = {}): Promise<DecryptResult> {
  if (!isEncryptedType(ci.contentType)) {
    throw new LockpaneError('bad-data', `not an encrypted message (content type ${nameOf(ci.contentType)})`);
  }
  const auth = ci.contentType === OID.authEnvelopedData;
  let s: Tlv;
  let i = 0;
  try {
    s = expect(ci.content, Tag.SEQUENCE, auth ? 'AuthEnvelopedData' : 'EnvelopedData');
    smallInteger(s.children[i++]);
    if (isContext(s.children[i], 0)) i++; // originatorInfo
  } catch (e) {
    throw e instanceof LockpaneError ? e : new LockpaneError('bad-data', 'malformed enveloped data');
  }
  const slots = readRecipientInfos(expect(s.children[i++], Tag.SET, 'RecipientInfos'));
  const eciN = expect(s.children[i++], Tag.SEQUENCE, 'EncryptedContentInfo');
  const contentType = decodeOid(eciN.children[0]);
  const alg = parseAlgorithm(eciN.children[1]);
  const encN = eciN.children[2];
  if (!isContext(encN, 0)) throw new LockpaneError('bad-data', 'the encrypted content is detached (not supported)');
  let aad: Uint8Array | undefined;
  let tag: Uint8Array | undefined;
  let tagged: (() => Uint8Array) | undefined;
  if (auth) {
    if (!isAeadOid(alg.oid)) {
      const code = alg.oid === OID.chacha20Poly1305 ? 'unsupported-algorithm' : 'unsupported-algorithm';
      throw new LockpaneError(code, `authenticated cipher ${nameOf(alg.oid)} is not supported`);
    }
    if (isContext(s.children[i], 1)) {
      // authAttrs are MACed as a DER SET OF (RFC 5083 §2.2): swap the implicit tag back.
      const a = s.children[i++]!;
      aad = tlv(0x31, contentOf(a));
    }
    const macN = expect(s.children[i], Tag.OCTET_STRING, 'mac');
    tag = contentOf(macN).slice();
    // WebCrypto wants ciphertext‖tag in one buffer. When the mac directly follows a primitive
    // ciphertext in a buffer we own, move the tag over its 2-byte header instead of copying it all.
    if (opts.scratch === true && !encN.constructed && macN.start === encN.contentEnd && macN.contentStart - macN.start === 2 && encN.buf === macN.buf) {
      const buf = encN.buf;
      const at = encN.contentEnd;
      tagged = () => { buf.set(tag!, at); return buf.subarray(encN.contentStart, at + tag!.length); };
    }
  } else if (isAeadOid(alg.oid)) {
    throw new LockpaneError('bad-data', 'AES-GCM inside EnvelopedData is not allowed (RFC 5084)');
  }
  const keyLength = contentKeyLength(alg);
  let lastError: LockpaneError | undefined;
  for (const slot of slots) {
    for (const identity of identities) {
      if (!slot.ids.some((id) => identifierMatches(id, identity.certificate))) continue;
      let cek: Uint8Array;
      try {
        cek = await unwrapKey(slot, identity, keyLength);
      } catch (e) {
        if (!(e instanceof LockpaneError)) throw e;
        lastError = e;
        continue;
      }
      const content = await decryptContent(alg, cek, octetsOf(encN), tag, aad, tagged?.());
      return { content, contentType, integrityProtected: auth, contentCipher: nameOf(alg.oid), recipient: identity.certificate };
    }
  }
  if (lastError !== undefined && lastError.code !== 'cannot-decrypt') throw lastError;
  throw new LockpaneError('cannot-decrypt', slots.length === 0
    ? 'the message has no recipients'
    : 'none of the given keys is a recipient of this message');
}

export { bytesOf };
