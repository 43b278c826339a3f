/**
 * X.509 certificate parsing (RFC 5280) into the fields S/MIME needs. Parsed once, kept with its
 * DER so signatures and fingerprints always work on the exact bytes we received.
 */
import { LockpaneError } from '../../errors';
import {
  bitStringBytes, bytesOf, contentOf, decodeOid, expect, integerBytes, isContext, isUniversal, octetsOf, parseDer, Tag, type Tlv,
} from '../asn1/der-reader';
import { OID } from '../oids';
import { decodeString, formatName, nameAttributes } from './name';
import { parseTime } from './time';

export type AlgorithmIdentifier = { oid: string; params?: Tlv };

export const keyUsageNames = [
  'digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement',
  'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly',
] as const;
export type KeyUsage = (typeof keyUsageNames)[number];

export type Certificate = {
  der: Uint8Array;
  tbs: Uint8Array;
  serial: Uint8Array;          // magnitude, big-endian
  serialHex: string;
  issuerName: Tlv;
  subjectName: Tlv;
  issuer: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;            // SubjectPublicKeyInfo DER
  publicKey: AlgorithmIdentifier;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
  keyUsage?: KeyUsage[];       // undefined when the extension is absent
  extendedKeyUsage?: string[]; // undefined when absent
  isCA: boolean;
  pathLength?: number;
  subjectKeyIdentifier?: Uint8Array;
  authorityKeyIdentifier?: Uint8Array;
  sanEmails: string[];
  subjectEmails: string[];
  crlUrls: string[];
  unknownCriticalExtensions: string[];
};

const bad = (m: string): LockpaneError => new LockpaneError('bad-data', `certificate: ${m}`);

export function parseAlgorithm(n: Tlv | undefined): AlgorithmIdentifier {
  const s = expect(n, Tag.SEQUENCE, 'an AlgorithmIdentifier');
  const params = s.children[1];
  return { oid: decodeOid(s.children[0]), ...(params !== undefined && !isUniversal(params, Tag.NULL) ? { params } : {}) };
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
export { hex as toHex };

export function parseCertificate(der: Uint8Array): Certificate {
  let root: Tlv;
  try {
    root = parseDer(der);
  } catch (e) {
    throw e instanceof LockpaneError && e.code === 'too-large' ? e : bad('not DER');
  }
  return certificateFromTlv(root);
}

export function certificateFromTlv(root: Tlv): Certificate {
  // Keep the certificate on its own buffer, never as a view into a larger message.
  if (root.start !== 0 || root.end !== root.buf.length) return parseCertificate(bytesOf(root).slice());
  try {
    const [tbsN, sigAlgN, sigN] = expect(root, Tag.SEQUENCE, 'Certificate').children;
    const tbs = expect(tbsN, Tag.SEQUENCE, 'TBSCertificate');
    let i = 0;
    if (isContext(tbs.children[0], 0)) i++; // version
    const serialN = tbs.children[i++];
    const serial = integerBytes(serialN);
    i++; // inner signature algorithm
    const issuerName = expect(tbs.children[i++], Tag.SEQUENCE, 'issuer');
    const validity = expect(tbs.children[i++], Tag.SEQUENCE, 'validity');
    const subjectName = expect(tbs.children[i++], Tag.SEQUENCE, 'subject');
    const spkiN = expect(tbs.children[i++], Tag.SEQUENCE, 'SubjectPublicKeyInfo');
    const cert: Certificate = {
      der: root.buf,
      tbs: bytesOf(tbs),
      serial,
      serialHex: hex(serial),
      issuerName,
      subjectName,
      issuer: formatName(issuerName),
      subject: formatName(subjectName),
      notBefore: parseTime(validity.children[0]),
      notAfter: parseTime(validity.children[1]),
      spki: bytesOf(spkiN),
      publicKey: parseAlgorithm(spkiN.children[0]),
      signatureAlgorithm: parseAlgorithm(sigAlgN),
      signature: bitStringBytes(sigN),
      isCA: false,
      sanEmails: [],
      subjectEmails: nameAttributes(subjectName).filter((a) => a.type === OID.emailAddress).map((a) => a.value.toLowerCase()),
      crlUrls: [],
      unknownCriticalExtensions: [],
    };
    for (; i < tbs.children.length; i++) {
      const n = tbs.children[i]!;
      if (isContext(n, 3)) readExtensions(cert, expect(n.children[0], Tag.SEQUENCE, 'extensions'));
    }
    return cert;
  } catch (e) {
    if (e instanceof LockpaneError) throw e.code === 'bad-data' && !e.message.startsWith('certificate') ? bad(e.message) : e;
    throw bad(String(e));
  }
}

function readExtensions(cert: Certificate, exts: Tlv): void {
  for (const ext of exts.children) {
    const id = decodeOid(ext.children[0]);
    let k = 1;
    let critical = false;
    if (isUniversal(ext.children[1], Tag.BOOLEAN)) { critical = contentOf(ext.children[1])[0] !== 0; k++; }
    const value = octetsOf(expect(ext.children[k], Tag.OCTET_STRING, 'extension value'));
    const v = parseDer(value);
    switch (id) {
      case OID.keyUsage: {
        const bits = contentOf(expect(v, Tag.BIT_STRING, 'key usage'));
        cert.keyUsage = keyUsageNames.filter((_, bit) => {
          const byte = bits[1 + (bit >> 3)];
          return byte !== undefined && (byte & (0x80 >> (bit & 7))) !== 0;
        });
        break;
      }
      case OID.extKeyUsage:
        cert.extendedKeyUsage = expect(v, Tag.SEQUENCE, 'EKU').children.map((c) => decodeOid(c));
        break;
      case OID.basicConstraints: {
        const [ca, len] = expect(v, Tag.SEQUENCE, 'basic constraints').children;
        if (isUniversal(ca, Tag.BOOLEAN)) {
          cert.isCA = contentOf(ca)[0] !== 0;
          if (isUniversal(len, Tag.INTEGER)) cert.pathLength = contentOf(len).reduce((a, b) => a * 256 + b, 0);
        }
        break;
      }
      case OID.subjectKeyIdentifier:
        cert.subjectKeyIdentifier = contentOf(expect(v, Tag.OCTET_STRING, 'SKI')).slice();
        break;
      case OID.authorityKeyIdentifier: {
        const keyId = expect(v, Tag.SEQUENCE, 'AKI').children.find((c) => isContext(c, 0));
        if (keyId !== undefined) cert.authorityKeyIdentifier = contentOf(keyId).slice();
        break;
      }
      case OID.subjectAltName:
        for (const gn of expect(v, Tag.SEQUENCE, 'SAN').children) {
          if (isContext(gn, 1)) cert.sanEmails.push(new TextDecoder('latin1').decode(contentOf(gn)).toLowerCase());
        }
        break;
      case OID.crlDistributionPoints:
        for (const dp of v.children) {
          const dpName = dp.children.find((c) => isContext(c, 0));
          const full = dpName?.children.find((c) => isContext(c, 0));
          for (const gn of full?.children ?? []) {
            if (isContext(gn, 6)) cert.crlUrls.push(new TextDecoder('latin1').decode(contentOf(gn)));
          }
        }
        break;
      default:
        if (critical) cert.unknownCriticalExtensions.push(id);
    }
  }
}

/** Emails bound to the certificate: SAN rfc822Name first, then subject emailAddress, lower-cased, unique. */
export function certificateEmails(cert: Certificate): string[] {
  return [...new Set([...cert.sanEmails, ...cert.subjectEmails])];
}

export { decodeString };
