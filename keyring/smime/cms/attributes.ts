/** CMS attributes (RFC 5652 §5.3, RFC 8551 §2.5, RFC 5035): building signed attributes and reading them. */
import { LockpaneError } from '../../errors';
import { contentOf, decodeOid, expect, isUniversal, Tag, type Tlv } from '../asn1/der-reader';
import { algorithmId, integer, octets, oid, seq, setOf, time, tlv } from '../asn1/der-writer';
import { digest } from '../crypto/util';
import { digestOids, OID, type HashName } from '../oids';
import type { Certificate } from '../x509/certificate';
import { parseTime } from '../x509/time';

export const attribute = (type: string, ...values: Uint8Array[]): Uint8Array => seq(oid(type), setOf(...values));

/** What we can decrypt, most preferred first (RFC 8551 §2.5.2). */
export const ourCapabilities: readonly string[] = [OID.aes256Gcm, OID.aes128Gcm, OID.aes256Cbc, OID.aes128Cbc, OID.rsaesOaep];

export function smimeCapabilities(oids: readonly string[] = ourCapabilities): Uint8Array {
  return seq(...oids.map((o) => seq(oid(o))));
}

/** ESS signingCertificateV2 with a SHA-256 hash (the default algorithm, so omitted) and IssuerSerial. */
export async function signingCertificateV2(cert: Certificate): Promise<Uint8Array> {
  const hash = await digest('SHA-256', cert.der);
  const issuerSerial = seq(seq(tlv(0xa4, cert.issuerName.buf.subarray(cert.issuerName.start, cert.issuerName.end))), integer(cert.serial));
  return seq(seq(seq(octets(hash), issuerSerial)));
}

export type AttributeMap = Map<string, Tlv[][]>;

/** Attribute type → list of value sets (a type appearing twice is kept twice, so callers can refuse it). */
export function readAttributes(set: Tlv): AttributeMap {
  const out: AttributeMap = new Map();
  for (const a of set.children) {
    const s = expect(a, Tag.SEQUENCE, 'Attribute');
    const type = decodeOid(s.children[0]);
    const values = expect(s.children[1], Tag.SET, 'attribute values').children;
    const list = out.get(type) ?? [];
    list.push(values);
    out.set(type, list);
  }
  return out;
}

/** The single value of a single-valued attribute, or undefined; duplicates are bad-data (RFC 5652 §5.3). */
export function singleValue(map: AttributeMap, type: string): Tlv | undefined {
  const sets = map.get(type);
  if (sets === undefined) return undefined;
  if (sets.length !== 1 || sets[0]!.length !== 1) throw new LockpaneError('bad-data', `attribute ${type} must appear once with one value`);
  return sets[0]![0];
}

export function readSigningTime(map: AttributeMap): Date | undefined {
  const v = singleValue(map, OID.signingTime);
  return v === undefined ? undefined : parseTime(v);
}

export function readCapabilities(map: AttributeMap): string[] | undefined {
  const v = singleValue(map, OID.smimeCapabilities);
  if (v === undefined) return undefined;
  return expect(v, Tag.SEQUENCE, 'SMIMECapabilities').children.map((c) => decodeOid(c.children[0]));
}

export function readMessageDigest(map: AttributeMap): Uint8Array | undefined {
  const v = singleValue(map, OID.messageDigest);
  return v === undefined ? undefined : contentOf(expect(v, Tag.OCTET_STRING, 'messageDigest'));
}

export function readContentType(map: AttributeMap): string | undefined {
  const v = singleValue(map, OID.contentType);
  return v === undefined ? undefined : decodeOid(v);
}

export { algorithmId, time };

/**
 * The certificate hash an ESS signing-certificate attribute binds the signature to (RFC 5035), or
 * undefined when neither attribute is present. v2 wins over v1; only the first ESSCertID counts.
 */
export function readSigningCertificateHash(map: AttributeMap): { hash: HashName; value: Uint8Array } | undefined {
  const v2 = singleValue(map, OID.signingCertificateV2);
  if (v2 !== undefined) {
    const first = expect(expect(expect(v2, Tag.SEQUENCE, 'SigningCertificateV2').children[0], Tag.SEQUENCE, 'certs').children[0], Tag.SEQUENCE, 'ESSCertIDv2');
    let k = 0;
    let hash: HashName = 'SHA-256';
    if (isUniversal(first.children[0], Tag.SEQUENCE)) {
      const h = digestOids[decodeOid(first.children[k++]!.children[0])];
      if (h === undefined) throw new LockpaneError('unsupported-algorithm', 'signing-certificate hash algorithm is not supported');
      hash = h;
    }
    return { hash, value: contentOf(expect(first.children[k], Tag.OCTET_STRING, 'certHash')) };
  }
  const v1 = singleValue(map, OID.signingCertificate);
  if (v1 === undefined) return undefined;
  const first = expect(expect(expect(v1, Tag.SEQUENCE, 'SigningCertificate').children[0], Tag.SEQUENCE, 'certs').children[0], Tag.SEQUENCE, 'ESSCertID');
  return { hash: 'SHA-1', value: contentOf(expect(first.children[0], Tag.OCTET_STRING, 'certHash')) };
}
