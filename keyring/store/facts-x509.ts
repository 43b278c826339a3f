/**
 * The one adapter between the store and X.509 material: parse a certificate (PEM or DER) and
 * compute its facts, through the S/MIME core's public API (keyring/smime). Nothing else in
 * keyring/store parses certificates.
 */
import { LockpaneError } from '../errors';
import { describeCertificate as describeWithCore, readCertificates, type Certificate } from '../smime';
import { plainBytes, toBase64, toHex } from '../bytes';
import { normalizeEmail, normalizeFingerprint, type CertificateEntry, type CertificateFacts, type Fingerprint } from './entry';

const MAX_CERT_BYTES = 256 * 1024;

function parseFirst(input: string | Uint8Array): Certificate {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  if (bytes.byteLength > MAX_CERT_BYTES) throw new LockpaneError('too-large', 'The certificate is larger than 256 KiB.');
  const [first] = readCertificates(bytes);
  if (!first) throw new LockpaneError('bad-data', 'No certificate found.');
  return first;
}

/** Accepts PEM (the first CERTIFICATE block) or DER; returns the DER. */
export function certificateDer(input: string | Uint8Array): Uint8Array {
  return plainBytes(parseFirst(input).der);
}

export function certificatePem(der: Uint8Array): string {
  const b64 = toBase64(der).replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

export async function sha256Fingerprint(der: Uint8Array): Promise<Fingerprint> {
  return normalizeFingerprint(toHex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', plainBytes(der))), 'upper'));
}

export async function describeCertificate(input: string | Uint8Array): Promise<{ der: Uint8Array; fingerprint: Fingerprint; emails: string[]; facts: CertificateFacts }> {
  const cert = parseFirst(input);
  const f = await describeWithCore(cert);
  const facts: CertificateFacts = {
    subject: f.subject,
    issuer: f.issuer,
    serialNumber: f.serialNumber.toUpperCase(),
    notBefore: f.notBefore,
    notAfter: f.notAfter,
    selfSigned: f.subject === f.issuer,
    isCa: f.isCA,
    publicKeyAlgorithm: f.publicKeyAlgorithm,
    // The core reports an absent extension as []; the keyring keeps "absent = no restriction" as null.
    keyUsage: cert.keyUsage === undefined ? null : [...cert.keyUsage],
    extKeyUsage: cert.extendedKeyUsage === undefined ? null : [...cert.extendedKeyUsage],
  };
  const der = plainBytes(cert.der);
  return { der, fingerprint: normalizeFingerprint(f.fingerprintSha256), emails: [...new Set(f.emails.map(normalizeEmail))].sort(), facts };
}

/** A store entry for a certificate; a private key must already be in its envelope (see private-key-envelope.ts). */
export async function certificateEntryFrom(input: string | Uint8Array, now = new Date()): Promise<CertificateEntry> {
  const d = await describeCertificate(input);
  return { kind: 'x509', fingerprint: d.fingerprint, emails: d.emails, facts: d.facts, certificatePem: certificatePem(d.der), addedAt: now.toISOString() };
}
