/** The keyring (DESIGN §7). Private material never leaves the worker except a protected export to a page. */
import type { KeySummary } from '../key-summary';
import { empty, int, literal, obj, optional, str } from '../schema';
import { emailSchema, fingerprintSchema, MiB, passphraseSchema, type Entry } from './common';

/** One certificate's facts and its path to a trust anchor; `chain` is null for CA certificates. */
export type CertificateDetails = {
  subject: string; issuer: string; serialNumber: string; notBefore: string; notAfter: string;
  keyUsage: string[] | null; extKeyUsage: string[] | null; isCa: boolean;
  chain: { status: 'valid'; anchor: string } | { status: 'untrusted' | 'expired' | 'revoked' | 'invalid' | 'unsupported'; detail: string } | null;
  /** Leaf first; `anchor` marks the trust anchor that ends the path. */
  path: { subject: string; anchor: boolean }[];
};
/** A held key change: the address, the key(s) known before, and the newcomer. */
export type KeyConflictView = { id: string; kind: 'openpgp' | 'x509'; email: string; known: string[]; candidate: string; source: string; detectedAt: string };

/** `password`: of a PKCS#12 file or encrypted PEM key (used once, never stored); `protectWith`: Lockpane's passphrase for it. */
const importRequest = obj({ text: optional(str({ max: 4 * MiB })), base64: optional(str({ max: 6 * MiB })), protectWith: optional(passphraseSchema), password: optional(str({ max: 1024 })) });

export const keyMessages = {
  'keys.list': { from: ['frame', 'page'], request: obj({ query: optional(str({ max: 320 })) }) },
  'keys.generate': {
    from: ['page'],
    request: obj({
      name: str({ max: 200 }), email: emailSchema, passphrase: str({ min: 8, max: 1024 }),
      algorithm: optional(literal('curve25519', 'rsa3072', 'rsa4096')),
    }),
  },
  'keys.importPreview': { from: ['frame', 'page'], request: importRequest },
  'keys.import': { from: ['frame', 'page'], request: importRequest },
  'keys.exportPublic': { from: ['frame', 'page'], request: obj({ fingerprint: fingerprintSchema }) },
  'keys.exportPrivate': { from: ['page'], request: obj({ fingerprint: fingerprintSchema, passphrase: passphraseSchema }) },
  'keys.delete': { from: ['page'], request: obj({ kind: literal('openpgp', 'x509'), fingerprint: fingerprintSchema }) },
  'keys.setAcceptance': {
    from: ['page'],
    request: obj({ fingerprint: fingerprintSchema, event: literal('seen', 'verify', 'unverify', 'reject', 'reconsider') }),
  },
  'keys.unlock': { from: ['frame', 'page'], request: obj({ fingerprint: fingerprintSchema, passphrase: passphraseSchema }) },
  'keys.lockAll': { from: ['page'], request: empty },
  /** Own-key maintenance (options page): both prove the passphrase first. */
  'keys.changePassphrase': { from: ['page'], request: obj({ fingerprint: fingerprintSchema, passphrase: passphraseSchema, newPassphrase: str({ min: 8, max: 1024 }) }) },
  'keys.revoke': { from: ['page'], request: obj({ fingerprint: fingerprintSchema, passphrase: passphraseSchema, reason: optional(literal('no-reason', 'superseded', 'compromised', 'retired')) }) },
  /** New lifetime for an own key, counted from now (0 days: no end date). */
  'keys.setExpiry': { from: ['page'], request: obj({ fingerprint: fingerprintSchema, passphrase: passphraseSchema, days: int({ min: 0, max: 36500 }) }) },
  /** Held key changes for an address (SECURITY A3.4), and the user's decision on one. */
  'keys.conflicts': { from: ['page'], request: empty },
  'keys.resolveConflict': { from: ['page'], request: obj({ id: str({ min: 3, max: 500 }), choice: literal('keep-known', 'switch-to-new') }) },
  /** Issuer, usages and path to a trust anchor of one certificate (facts only). */
  'keys.certificateDetails': { from: ['frame', 'page'], request: obj({ fingerprint: fingerprintSchema }) },
} as const satisfies Record<string, Entry>;

export type KeyResponses = {
  'keys.list': { keys: KeySummary[] };
  'keys.generate': { key: KeySummary; revocationCertificate: string };
  'keys.importPreview': { items: (KeySummary & { alreadyKnown: boolean; replacesFor: string[] })[] };
  'keys.import': { results: { key: KeySummary; conflicts: { email: string; known: string[]; candidate: string }[] }[] };
  'keys.exportPublic': { armored: string };
  'keys.exportPrivate': { armored: string };
  'keys.delete': { removed: boolean };
  'keys.setAcceptance': { acceptance: KeySummary['acceptance'] };
  'keys.unlock': { unlocked: true };
  'keys.lockAll': { locked: true };
  'keys.changePassphrase': { key: KeySummary };
  'keys.revoke': { key: KeySummary; armored: string };
  'keys.setExpiry': { key: KeySummary };
  'keys.conflicts': { conflicts: KeyConflictView[] };
  'keys.resolveConflict': { resolved: true };
  'keys.certificateDetails': CertificateDetails;
};
