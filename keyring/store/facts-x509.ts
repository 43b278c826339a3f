/**
 * The one adapter between the store and X.509 material: parse a certificate (PEM or DER) and
 * compute its facts. It uses pkijs directly because the S/MIME core's public API
 * (keyring/smime/index.ts) did not exist yet; switch to it here and nowhere else.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { LockpaneError } from '../errors';
import { fromBase64, plainBytes, toBase64, toHex } from './base64';
import { normalizeEmail, normalizeFingerprint, type CertificateEntry, type CertificateFacts, type Fingerprint } from './entry';

const MAX_CERT_BYTES = 256 * 1024;
const OID_EMAIL_ADDRESS = '1.2.840.113549.1.9.1';
const KEY_USAGE_BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];
const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU', [OID_EMAIL_ADDRESS]: 'emailAddress',
};

/** Accepts one PEM `CERTIFICATE` block or DER bytes; returns the DER. */
export function certificateDer(input: string | Uint8Array): Uint8Array {
  if (typeof input !== 'string') {
    const head = new TextDecoder().decode(input.subarray(0, 64));
    if (!head.includes('-----BEGIN')) return input;
    input = new TextDecoder().decode(input);
  }
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(input);
  if (!m) throw new LockpaneError('bad-armor', 'No PEM CERTIFICATE block found.');
  try { return fromBase64(m[1]!); } catch (e) { throw new LockpaneError('bad-armor', 'The PEM certificate is not valid base64.', { cause: e }); }
}

export function certificatePem(der: Uint8Array): string {
  const b64 = toBase64(der).replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

export async function sha256Fingerprint(der: Uint8Array): Promise<Fingerprint> {
  return normalizeFingerprint(toHex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', plainBytes(der)))));
}

function parse(der: Uint8Array): pkijs.Certificate {
  if (der.byteLength > MAX_CERT_BYTES) throw new LockpaneError('too-large', 'The certificate is larger than 256 KiB.');
  try {
    return pkijs.Certificate.fromBER(plainBytes(der));
  } catch (e) {
    throw new LockpaneError('bad-data', 'Not a readable X.509 certificate.', { cause: e });
  }
}

function attrText(v: unknown): string {
  const block = (v as { valueBlock?: { value?: unknown } }).valueBlock;
  return typeof block?.value === 'string' ? block.value : '';
}

function nameText(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues.map((tv) => `${SHORT_NAMES[tv.type] ?? tv.type}=${attrText(tv.value)}`).join(', ');
}

function keyUsageNames(ext: pkijs.Extension): string[] {
  const bits = ext.parsedValue as asn1js.BitString;
  const bytes = bits.valueBlock.valueHexView;
  return KEY_USAGE_BITS.filter((_, i) => ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0);
}

export async function describeCertificate(input: string | Uint8Array): Promise<{ der: Uint8Array; fingerprint: Fingerprint; emails: string[]; facts: CertificateFacts }> {
  const der = certificateDer(input);
  const cert = parse(der);
  const emails = new Set<string>();
  for (const tv of cert.subject.typesAndValues) if (tv.type === OID_EMAIL_ADDRESS && attrText(tv.value)) emails.add(normalizeEmail(attrText(tv.value)));
  let keyUsage: string[] | null = null;
  let extKeyUsage: string[] | null = null;
  let isCa = false;
  for (const ext of cert.extensions ?? []) {
    if (ext.extnID === '2.5.29.15') keyUsage = keyUsageNames(ext);
    else if (ext.extnID === '2.5.29.37') extKeyUsage = [...(ext.parsedValue as pkijs.ExtKeyUsage).keyPurposes];
    else if (ext.extnID === '2.5.29.19') isCa = (ext.parsedValue as pkijs.BasicConstraints).cA === true;
    else if (ext.extnID === '2.5.29.17') {
      for (const gn of (ext.parsedValue as pkijs.AltName).altNames) if (gn.type === 1 && typeof gn.value === 'string') emails.add(normalizeEmail(gn.value));
    }
  }
  const subject = nameText(cert.subject);
  const issuer = nameText(cert.issuer);
  const facts: CertificateFacts = {
    subject,
    issuer,
    serialNumber: toHex(cert.serialNumber.valueBlock.valueHexView),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    selfSigned: subject === issuer,
    isCa,
    publicKeyAlgorithm: cert.subjectPublicKeyInfo.algorithm.algorithmId,
    keyUsage,
    extKeyUsage,
  };
  return { der, fingerprint: await sha256Fingerprint(der), emails: [...emails].sort(), facts };
}

/** A store entry for a certificate; a private key must already be in its envelope (see private-key-envelope.ts). */
export async function certificateEntryFrom(input: string | Uint8Array, now = new Date()): Promise<CertificateEntry> {
  const d = await describeCertificate(input);
  return { kind: 'x509', fingerprint: d.fingerprint, emails: d.emails, facts: d.facts, certificatePem: certificatePem(d.der), addedAt: now.toISOString() };
}
