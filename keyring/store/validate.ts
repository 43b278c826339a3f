/**
 * Hand-written shape checks for stored records. They throw plain Errors naming the bad field;
 * callers wrap them (corrupt-record when loading, bad-data when a caller passes a bad entry).
 */
import type { ConflictRecord, TrustRecord, TrustRoot } from '../trust/types';
import { ACCEPTANCES } from '../trust/acceptance';
import type { CertificateEntry, CertificateFacts, Entry, OpenPgpEntry, OpenPgpFacts, OpenPgpSubkeyFacts } from './entry';

type Obj = Record<string, unknown>;

function obj(v: unknown, at: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${at} is not an object`);
  return v as Obj;
}
function str(o: Obj, k: string, at: string): string {
  const v = o[k];
  if (typeof v !== 'string') throw new Error(`${at}.${k} is not a string`);
  return v;
}
function optStr(o: Obj, k: string, at: string): string | undefined {
  return o[k] === undefined ? undefined : str(o, k, at);
}
function strOrNull(o: Obj, k: string, at: string): string | null {
  return o[k] === null ? null : str(o, k, at);
}
function bool(o: Obj, k: string, at: string): boolean {
  if (typeof o[k] !== 'boolean') throw new Error(`${at}.${k} is not a boolean`);
  return o[k] as boolean;
}
function num(o: Obj, k: string, at: string): number {
  if (typeof o[k] !== 'number' || !Number.isFinite(o[k])) throw new Error(`${at}.${k} is not a number`);
  return o[k] as number;
}
function strings(o: Obj, k: string, at: string): string[] {
  const v = o[k];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`${at}.${k} is not a list of strings`);
  return [...v] as string[];
}
function stringsOrNull(o: Obj, k: string, at: string): string[] | null {
  return o[k] === null ? null : strings(o, k, at);
}
function fingerprint(o: Obj, k: string, at: string): string {
  const v = str(o, k, at);
  if (!/^[0-9A-F]{40}$|^[0-9A-F]{64}$/.test(v)) throw new Error(`${at}.${k} is not an upper-case fingerprint`);
  return v;
}
function oneOf<T extends string>(o: Obj, k: string, values: readonly T[], at: string): T {
  const v = str(o, k, at);
  if (!(values as readonly string[]).includes(v)) throw new Error(`${at}.${k} is not one of ${values.join('|')}`);
  return v as T;
}

function subkeyFacts(v: unknown, at: string): OpenPgpSubkeyFacts {
  const o = obj(v, at);
  return {
    fingerprint: str(o, 'fingerprint', at), algorithm: str(o, 'algorithm', at), created: str(o, 'created', at),
    expires: strOrNull(o, 'expires', at), revoked: bool(o, 'revoked', at), canEncrypt: bool(o, 'canEncrypt', at), canSign: bool(o, 'canSign', at),
  };
}

function openPgpFacts(v: unknown, at: string): OpenPgpFacts {
  const o = obj(v, at);
  const subs = o['subkeys'];
  if (!Array.isArray(subs)) throw new Error(`${at}.subkeys is not a list`);
  return {
    version: num(o, 'version', at), algorithm: str(o, 'algorithm', at), created: str(o, 'created', at),
    expires: strOrNull(o, 'expires', at), revoked: bool(o, 'revoked', at), userIds: strings(o, 'userIds', at),
    primaryCanSign: bool(o, 'primaryCanSign', at), primaryCanEncrypt: bool(o, 'primaryCanEncrypt', at),
    subkeys: subs.map((s, i) => subkeyFacts(s, `${at}.subkeys[${i}]`)),
  };
}

function certificateFacts(v: unknown, at: string): CertificateFacts {
  const o = obj(v, at);
  return {
    subject: str(o, 'subject', at), issuer: str(o, 'issuer', at), serialNumber: str(o, 'serialNumber', at),
    notBefore: str(o, 'notBefore', at), notAfter: str(o, 'notAfter', at), selfSigned: bool(o, 'selfSigned', at),
    isCa: bool(o, 'isCa', at), publicKeyAlgorithm: str(o, 'publicKeyAlgorithm', at),
    keyUsage: stringsOrNull(o, 'keyUsage', at), extKeyUsage: stringsOrNull(o, 'extKeyUsage', at),
  };
}

/** Structural check only; private-material protection is checked separately (it needs crypto). */
export function validateEntry(v: unknown): Entry {
  const at = 'entry';
  const o = obj(v, at);
  const kind = oneOf(o, 'kind', ['openpgp', 'x509'] as const, at);
  const emails = strings(o, 'emails', at);
  if (emails.some((e) => e !== e.trim().toLowerCase() || !e.includes('@'))) throw new Error(`${at}.emails must be normalised addresses`);
  const base = { fingerprint: fingerprint(o, 'fingerprint', at), emails, addedAt: str(o, 'addedAt', at) };
  if (kind === 'openpgp') {
    const e: OpenPgpEntry = { kind, ...base, fingerprint: base.fingerprint as OpenPgpEntry['fingerprint'], facts: openPgpFacts(o['facts'], `${at}.facts`), publicArmored: str(o, 'publicArmored', at) };
    const priv = optStr(o, 'privateArmored', at);
    if (priv !== undefined) e.privateArmored = priv;
    return e;
  }
  if (base.fingerprint.length !== 64) throw new Error(`${at}.fingerprint of a certificate is a SHA-256`);
  const e: CertificateEntry = { kind, ...base, fingerprint: base.fingerprint as CertificateEntry['fingerprint'], facts: certificateFacts(o['facts'], `${at}.facts`), certificatePem: str(o, 'certificatePem', at) };
  if (o['privateKey'] !== undefined) e.privateKey = obj(o['privateKey'], `${at}.privateKey`) as CertificateEntry['privateKey'] & object;
  return e;
}

export function validateTrust(v: unknown): TrustRecord {
  const o = obj(v, 'trust');
  return {
    fingerprint: fingerprint(o, 'fingerprint', 'trust'),
    acceptance: oneOf(o, 'acceptance', ACCEPTANCES, 'trust'),
    updatedAt: str(o, 'updatedAt', 'trust'),
    via: oneOf(o, 'via', ['tofu', 'user', 'policy', 'restore'] as const, 'trust'),
  };
}

export function validateConflict(v: unknown): ConflictRecord {
  const o = obj(v, 'conflict');
  return {
    id: str(o, 'id', 'conflict'), kind: oneOf(o, 'kind', ['openpgp', 'x509'] as const, 'conflict'), email: str(o, 'email', 'conflict'),
    known: strings(o, 'known', 'conflict'), candidate: fingerprint(o, 'candidate', 'conflict'),
    source: str(o, 'source', 'conflict'), detectedAt: str(o, 'detectedAt', 'conflict'),
  };
}

export function validateRoot(v: unknown): TrustRoot {
  const o = obj(v, 'root');
  return {
    fingerprint: fingerprint(o, 'fingerprint', 'root'), certificatePem: str(o, 'certificatePem', 'root'), subject: str(o, 'subject', 'root'),
    source: oneOf(o, 'source', ['user', 'policy'] as const, 'root'), locked: bool(o, 'locked', 'root'), addedAt: str(o, 'addedAt', 'root'),
  };
}

/** The per-address guard record: which entries bind an address (see keyring-store.ts). */
export type AddressRecord = { email: string; ids: string[] };

export function validateAddress(v: unknown): AddressRecord {
  const o = obj(v, 'address');
  const ids = strings(o, 'ids', 'address');
  if (ids.some((id) => !/^(openpgp|x509):[0-9A-F]+$/.test(id))) throw new Error('address.ids holds a malformed entry id');
  return { email: str(o, 'email', 'address'), ids };
}
