/** Plain-data description of a certificate, for the keyring store, the UI and `lockpane smime inspect`. */
import { LockpaneError } from '../../errors';
import { publicKeyInfo } from '../crypto/keys';
import { toHex as hexOf } from '../../bytes/hex';
import { digest } from '../crypto/util';
import { nameOf } from '../oids';
import { decodePemBlocks, encodePem, isBlank } from '../pem';
import { decodeOid, isContext, isUniversal, parseDer, Tag } from '../asn1/der-reader';
import { OID } from '../oids';
import { certificateEmails, certificateFromTlv, parseCertificate, type Certificate } from './certificate';

export type CertificateFacts = {
  fingerprintSha256: string;     // hex, lower case, of the DER
  subject: string;               // RFC 4514 string
  issuer: string;
  serialNumber: string;          // hex, lower case
  emails: string[];              // SAN rfc822Name + subject emailAddress, lower case
  notBefore: string;             // ISO-8601
  notAfter: string;
  keyUsage: string[];            // e.g. "digitalSignature"; empty when the extension is absent
  extendedKeyUsage: string[];    // dotted OIDs (1.3.6.1.5.5.7.3.4 = emailProtection)
  isCA: boolean;
  publicKeyAlgorithm: string;    // "rsa-3072", "ec-P-256", "ed25519", "x25519" or an OID name
  subjectKeyIdentifier?: string; // hex
};

export async function fingerprintSha256(cert: Certificate): Promise<string> {
  return hexOf(await digest('SHA-256', cert.der));
}

export async function describeCertificate(cert: Certificate): Promise<CertificateFacts> {
  let publicKeyAlgorithm: string;
  try {
    const info = publicKeyInfo(cert.spki);
    publicKeyAlgorithm = info.type === 'rsa' ? `rsa-${info.bits}` : info.type === 'ec' ? `ec-${info.curve}` : info.type === 'other' ? nameOf(info.algorithmOid) : info.type;
  } catch {
    publicKeyAlgorithm = nameOf(cert.publicKey.oid);
  }
  return {
    fingerprintSha256: await fingerprintSha256(cert),
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialHex,
    emails: certificateEmails(cert),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    keyUsage: [...(cert.keyUsage ?? [])],
    extendedKeyUsage: [...(cert.extendedKeyUsage ?? [])],
    isCA: cert.isCA,
    publicKeyAlgorithm,
    ...(cert.subjectKeyIdentifier !== undefined ? { subjectKeyIdentifier: hexOf(cert.subjectKeyIdentifier) } : {}),
  };
}

/** The certificates of a PKCS#7/CMS SignedData (a .p7b/.p7c "certs-only" bundle or any signed message). */
function certificatesFromCms(der: Uint8Array): Certificate[] | null {
  let root;
  try { root = parseDer(der); } catch { return null; }
  if (!isUniversal(root.children[0], Tag.OID) || decodeOid(root.children[0]) !== OID.signedData) return null;
  const sd = root.children[1]?.children[0];
  const certSet = sd?.children.find((c) => isContext(c, 0) && c.constructed);
  return (certSet?.children ?? []).filter((c) => isUniversal(c, Tag.SEQUENCE)).map((c) => certificateFromTlv(c));
}

/** Certificates from PEM (CERTIFICATE or PKCS7 blocks), one DER certificate, or a DER .p7b bundle. */
export function readCertificates(data: Uint8Array): Certificate[] {
  if (isBlank(data)) throw new LockpaneError('bad-data', 'the certificate file is empty');
  const blocks = decodePemBlocks(data);
  if (blocks.length === 0) {
    if (data[0] !== 0x30) throw new LockpaneError('bad-data', 'not a certificate: expected PEM ("-----BEGIN CERTIFICATE-----") or DER');
    return certificatesFromCms(data) ?? [parseCertificate(data)];
  }
  const certs = blocks.flatMap((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE'
    ? [parseCertificate(b.der)]
    : b.label === 'PKCS7' || b.label === 'CMS' ? certificatesFromCms(b.der) ?? [] : []);
  if (certs.length === 0) throw new LockpaneError('bad-data', `no certificate in the PEM input (it holds ${[...new Set(blocks.map((b) => b.label))].join(', ')})`);
  return certs;
}

export function exportCertificatePem(cert: Certificate): string {
  return encodePem('CERTIFICATE', cert.der);
}

export function exportCertificateDer(cert: Certificate): Uint8Array {
  return cert.der.slice();
}
