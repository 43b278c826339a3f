/**
 * X.509 certificate parsing (RFC 5280) into the fields S/MIME needs: asn1js reads the DER (with our
 * limits), pkijs.Certificate checks it against the X.509 schema and decodes the fields and
 * extensions. Parsed once, kept with its DER so signatures and fingerprints always work on the exact
 * bytes we received.
 */
import { toHex } from '../../bytes/hex';
import { LockpaneError } from '../../errors';
import * as asn1js from 'asn1js';
import { AltName, AuthorityKeyIdentifier, BasicConstraints, Certificate as PkijsCertificate, CRLDistributionPoints, ExtKeyUsage, type Extension } from 'pkijs';
import { bytesOf, decodeOid, expect, isContext, isUniversal, parseDer, Tag, type Tlv, isTruncation } from '../asn1/der-reader';
import { pkijsReady } from '../crypto/pkijs-engine';
import { OID } from '../oids';
import { decodeString, formatName, nameAttributes } from './name';

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


export function parseCertificate(der: Uint8Array): Certificate {
  let root: Tlv;
  try {
    root = parseDer(der);
  } catch (e) {
    if (e instanceof LockpaneError && e.code === 'too-large') throw e;
    if (der.length === 0) throw bad('the data is empty');
    throw bad(isTruncation(e) ? 'truncated: the certificate ends early (part of the file is missing)' : 'not a DER certificate');
  }
  return certificateFromTlv(root);
}

export function certificateFromTlv(root: Tlv): Certificate {
  // Keep the certificate on its own buffer, never as a view into a larger message.
  if (root.start !== 0 || root.end !== root.buf.length) return parseCertificate(bytesOf(root).slice());
  let pc: PkijsCertificate;
  try {
    // pkijs checks the structure against its X.509 schema and decodes the typed fields.
    pkijsReady();
    pc = new PkijsCertificate({ schema: root.block });
  } catch (e) {
    throw bad(`not an X.509 certificate (${e instanceof Error ? e.message.slice(0, 120) : 'schema mismatch'})`);
  }
  try {
    // Exact byte ranges (names, SPKI, algorithm parameters) are taken from the same asn1js tree.
    const [tbsN, sigAlgN] = expect(root, Tag.SEQUENCE, 'Certificate').children;
    const tbs = expect(tbsN, Tag.SEQUENCE, 'TBSCertificate');
    const i = isContext(tbs.children[0], 0) ? 1 : 0;
    const issuerName = expect(tbs.children[i + 2], Tag.SEQUENCE, 'issuer');
    const subjectName = expect(tbs.children[i + 4], Tag.SEQUENCE, 'subject');
    const spkiN = expect(tbs.children[i + 5], Tag.SEQUENCE, 'SubjectPublicKeyInfo');
    const serialAll = pc.serialNumber.valueBlock.valueHexView;
    if (serialAll.length === 0) throw bad('empty serial number');
    const serial = serialAll.length > 1 && serialAll[0] === 0 ? serialAll.subarray(1) : serialAll;
    const cert: Certificate = {
      der: root.buf,
      tbs: pc.tbsView,
      serial,
      serialHex: toHex(serial),
      issuerName,
      subjectName,
      issuer: formatName(issuerName),
      subject: formatName(subjectName),
      notBefore: validDate(pc.notBefore.value),
      notAfter: validDate(pc.notAfter.value),
      spki: bytesOf(spkiN),
      publicKey: parseAlgorithm(spkiN.children[0]),
      signatureAlgorithm: parseAlgorithm(sigAlgN),
      signature: pc.signatureValue.valueBlock.valueHexView,
      isCA: false,
      sanEmails: [],
      subjectEmails: nameAttributes(subjectName).filter((a) => a.type === OID.emailAddress).map((a) => a.value.toLowerCase()),
      crlUrls: [],
      unknownCriticalExtensions: [],
    };
    for (const ext of pc.extensions ?? []) readExtension(cert, ext);
    pkijsForms.set(cert, pc);
    return cert;
  } catch (e) {
    if (e instanceof LockpaneError) throw e.code === 'bad-data' && !e.message.startsWith('certificate') ? bad(e.message) : e;
    throw bad(String(e));
  }
}

/** The pkijs form of each parsed certificate (for pkijs's chain engine); not part of the plain data. */
const pkijsForms = new WeakMap<Certificate, PkijsCertificate>();

export function pkijsCertificate(cert: Certificate): PkijsCertificate {
  let pc = pkijsForms.get(cert);
  if (pc === undefined) {
    pkijsReady();
    pc = new PkijsCertificate({ schema: parseDer(cert.der).block });
    pkijsForms.set(cert, pc);
  }
  return pc;
}

function validDate(d: Date): Date {
  if (Number.isNaN(d.getTime())) throw bad('invalid time');
  return d;
}

/** A parsed extension value of the expected pkijs/asn1js class, or bad-data (pkijs keeps going with a default). */
function parsed<T>(ext: Extension, type: abstract new (...a: never[]) => T, what: string): T {
  const v: unknown = ext.parsedValue;
  if (!(v instanceof type) || (v as { parsingError?: string }).parsingError !== undefined) throw bad(`malformed ${what} extension`);
  return v;
}

const latin1 = (s: unknown): string => (typeof s === 'string' ? s : '');

function readExtension(cert: Certificate, ext: Extension): void {
  switch (ext.extnID) {
    case OID.keyUsage: {
      const bits = parsed(ext, asn1js.BitString, 'key usage').valueBlock.valueHexView;
      cert.keyUsage = keyUsageNames.filter((_, bit) => {
        const byte = bits[bit >> 3];
        return byte !== undefined && (byte & (0x80 >> (bit & 7))) !== 0;
      });
      break;
    }
    case OID.extKeyUsage:
      cert.extendedKeyUsage = [...parsed(ext, ExtKeyUsage, 'extended key usage').keyPurposes];
      break;
    case OID.basicConstraints: {
      const bc = parsed(ext, BasicConstraints, 'basic constraints');
      cert.isCA = bc.cA;
      if (bc.cA && bc.pathLenConstraint !== undefined) {
        cert.pathLength = typeof bc.pathLenConstraint === 'number' ? bc.pathLenConstraint : bc.pathLenConstraint.valueBlock.valueDec;
      }
      break;
    }
    case OID.subjectKeyIdentifier:
      cert.subjectKeyIdentifier = parsed(ext, asn1js.OctetString, 'subject key identifier').valueBlock.valueHexView.slice();
      break;
    case OID.authorityKeyIdentifier: {
      const keyId = parsed(ext, AuthorityKeyIdentifier, 'authority key identifier').keyIdentifier;
      if (keyId !== undefined) cert.authorityKeyIdentifier = keyId.valueBlock.valueHexView.slice();
      break;
    }
    case OID.subjectAltName:
      for (const gn of parsed(ext, AltName, 'subject alternative name').altNames) {
        if (gn.type === 1) cert.sanEmails.push(latin1(gn.value).toLowerCase());
      }
      break;
    case OID.crlDistributionPoints:
      for (const dp of parsed(ext, CRLDistributionPoints, 'CRL distribution points').distributionPoints) {
        if (!Array.isArray(dp.distributionPoint)) continue; // a relative name, not URLs
        for (const gn of dp.distributionPoint) if (gn.type === 6) cert.crlUrls.push(latin1(gn.value));
      }
      break;
    default:
      if (ext.critical) cert.unknownCriticalExtensions.push(ext.extnID);
  }
}

/** Emails bound to the certificate: SAN rfc822Name first, then subject emailAddress, lower-cased, unique. */
export function certificateEmails(cert: Certificate): string[] {
  return [...new Set([...cert.sanEmails, ...cert.subjectEmails])];
}

export { decodeString };
