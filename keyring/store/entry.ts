/**
 * The keyring's entry model: plain facts about each key or certificate, computed once at import
 * by the facts adapters, so lookups and recipient resolution never re-parse key material.
 */
import type { PrivateKeyEnvelope } from './private-key-envelope';

/** Upper-case hex. OpenPGP: the v4 (40) or v6 (64) fingerprint; X.509: SHA-256 of the DER (64). */
export type Fingerprint = string & { readonly __brand: 'Fingerprint' };

export type EntryKind = 'openpgp' | 'x509';

/** A key's validity facts at one moment are computed from these (dates are ISO strings, JSON-safe). */
export type OpenPgpSubkeyFacts = {
  fingerprint: string;
  algorithm: string;
  created: string;
  expires: string | null;
  revoked: boolean;
  canEncrypt: boolean;
  canSign: boolean;
};

export type OpenPgpFacts = {
  version: number;
  algorithm: string;
  created: string;
  /** Primary key expiry (null: never). */
  expires: string | null;
  revoked: boolean;
  userIds: string[];
  primaryCanSign: boolean;
  primaryCanEncrypt: boolean;
  subkeys: OpenPgpSubkeyFacts[];
};

export type CertificateFacts = {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  selfSigned: boolean;
  isCa: boolean;
  publicKeyAlgorithm: string;
  /** Key usage bit names present; null when the extension is absent (no restriction). */
  keyUsage: string[] | null;
  /** Extended key usage OIDs; null when absent (no restriction). */
  extKeyUsage: string[] | null;
};

export type OpenPgpEntry = {
  kind: 'openpgp';
  fingerprint: Fingerprint;
  /** Normalised (lower-case) addresses bound by the key's user IDs. */
  emails: string[];
  facts: OpenPgpFacts;
  publicArmored: string;
  /** Always passphrase-protected: the store refuses anything else. */
  privateArmored?: string;
  addedAt: string;
};

export type CertificateEntry = {
  kind: 'x509';
  fingerprint: Fingerprint;
  emails: string[];
  facts: CertificateFacts;
  certificatePem: string;
  /** The PKCS#8 private key, only ever inside a passphrase envelope. */
  privateKey?: PrivateKeyEnvelope;
  addedAt: string;
};

export type Entry = OpenPgpEntry | CertificateEntry;

/** The index key of an entry: kind-qualified, since the two fingerprint spaces are unrelated. */
export type EntryId = `${EntryKind}:${string}`;

export function entryId(kind: EntryKind, fingerprint: string): EntryId {
  return `${kind}:${normalizeFingerprint(fingerprint)}`;
}

export function normalizeFingerprint(fp: string): Fingerprint {
  return fp.replace(/\s+/g, '').toUpperCase() as Fingerprint;
}

/**
 * An OpenPGP key ID: a v4 fingerprint's last 16 hex digits, a v5/v6 fingerprint's first 16. Takes a stored
 * (validated, upper-case) fingerprint: it runs for every key on every store load.
 */
export function keyIdOfFingerprint(fp: string): string {
  return fp.length === 40 ? fp.slice(-16) : fp.slice(0, 16);
}

/**
 * Addresses compare case-insensitively in practice (RFC 5321 allows case-sensitive local parts,
 * but no mail system relied on here uses them), so the index folds to lower case.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Extracts the address from a user ID like `Alice <alice@example.org>` or a bare address. */
export function emailFromUserId(userId: string): string | undefined {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(userId);
  const candidate = angle?.[1] ?? (/^\s*([^\s<>@]+@[^\s<>@]+)\s*$/.exec(userId)?.[1]);
  return candidate === undefined ? undefined : normalizeEmail(candidate);
}
