/** The keyring (DESIGN §7). Private material never leaves the worker except a protected export to a page. */
import { importPreviewItemSchema, keyAcceptanceSchema, keyListSchema, keySummarySchema } from '../key-summary';
import { arr, bool, empty, exactly, int, literal, nullable, obj, optional, str, tagged, type Infer } from '../schema';
import { armoredReply, emailSchema, fingerprintSchema, isoTime, mailText, many, MiB, passphraseSchema, type Entry } from './common';

const dn = mailText;
const problem = (status: 'untrusted' | 'expired' | 'revoked' | 'invalid' | 'unsupported') => obj({ status: exactly(status), detail: mailText });
/** One certificate's facts and its path to a trust anchor; `chain` is null for CA certificates. */
const certificateDetailsSchema = obj({
  subject: dn, issuer: dn, serialNumber: mailText, notBefore: isoTime, notAfter: isoTime,
  keyUsage: nullable(arr(mailText, many)), extKeyUsage: nullable(arr(mailText, many)), isCa: bool,
  chain: nullable(tagged('status', {
    valid: obj({ status: exactly('valid'), anchor: dn }),
    untrusted: problem('untrusted'), expired: problem('expired'), revoked: problem('revoked'), invalid: problem('invalid'), unsupported: problem('unsupported'),
  })),
  /** Leaf first; `anchor` marks the trust anchor that ends the path. */
  path: arr(obj({ subject: dn, anchor: bool }), many),
});
export type CertificateDetails = Infer<typeof certificateDetailsSchema>;

const fingerprints = arr(str({ max: 64 }), many);
/** A held key change: the address, the key(s) known before, and the newcomer. */
const keyConflictViewSchema = obj({
  id: mailText, kind: literal('openpgp', 'x509'), email: mailText, known: fingerprints, candidate: str({ max: 64 }),
  source: str({ max: 100 }), detectedAt: isoTime,
});
export type KeyConflictView = Infer<typeof keyConflictViewSchema>;

const oneKey = obj({ key: keySummarySchema });
const armored = obj({ armored: armoredReply });

/** `password`: of a PKCS#12 file or encrypted PEM key (used once, never stored); `protectWith`: Lockpane's passphrase for it. */
const importRequest = obj({ text: optional(str({ max: 4 * MiB })), base64: optional(str({ max: 6 * MiB })), protectWith: optional(passphraseSchema), password: optional(str({ max: 1024 })) });

export const keyMessages = {
  'keys.list': { from: ['frame', 'page'], request: obj({ query: optional(str({ max: 320 })) }), reply: obj({ keys: keyListSchema }) },
  'keys.generate': {
    from: ['page'],
    request: obj({
      name: str({ max: 200 }), email: emailSchema, passphrase: str({ min: 8, max: 1024 }),
      algorithm: optional(literal('curve25519', 'rsa3072', 'rsa4096')),
    }),
    reply: obj({ key: keySummarySchema, revocationCertificate: armoredReply }),
  },
  'keys.importPreview': {
    from: ['frame', 'page'], request: importRequest,
    reply: obj({ items: arr(importPreviewItemSchema, many) }),
  },
  'keys.import': {
    from: ['frame', 'page'], request: importRequest,
    reply: obj({ results: arr(obj({ key: keySummarySchema, conflicts: arr(obj({ email: mailText, known: fingerprints, candidate: str({ max: 64 }) }), many) }), many) }),
  },
  'keys.exportPublic': { from: ['frame', 'page'], request: obj({ fingerprint: fingerprintSchema }), reply: armored },
  'keys.exportPrivate': { from: ['page'], request: obj({ fingerprint: fingerprintSchema, passphrase: passphraseSchema }), reply: armored },
  'keys.delete': { from: ['page'], request: obj({ kind: literal('openpgp', 'x509'), fingerprint: fingerprintSchema }), reply: obj({ removed: bool }) },
  'keys.setAcceptance': {
    from: ['page'],
    request: obj({ fingerprint: fingerprintSchema, event: literal('seen', 'verify', 'unverify', 'reject', 'reconsider') }),
    reply: obj({ acceptance: keyAcceptanceSchema }),
  },
  'keys.unlock': { from: ['frame', 'page'], request: obj({ fingerprint: fingerprintSchema, passphrase: passphraseSchema }), reply: obj({ unlocked: exactly(true) }) },
  'keys.lockAll': { from: ['page'], request: empty, reply: obj({ locked: exactly(true) }) },
  /** Own-key maintenance (options page): both prove the passphrase first. */
  'keys.changePassphrase': { from: ['page'], request: obj({ fingerprint: fingerprintSchema, passphrase: passphraseSchema, newPassphrase: str({ min: 8, max: 1024 }) }), reply: oneKey },
  'keys.revoke': { from: ['page'], request: obj({ fingerprint: fingerprintSchema, passphrase: passphraseSchema, reason: optional(literal('no-reason', 'superseded', 'compromised', 'retired')) }), reply: obj({ key: keySummarySchema, armored: armoredReply }) },
  /** New lifetime for an own key, counted from now (0 days: no end date). */
  'keys.setExpiry': { from: ['page'], request: obj({ fingerprint: fingerprintSchema, passphrase: passphraseSchema, days: int({ min: 0, max: 36500 }) }), reply: oneKey },
  /** Held key changes for an address (SECURITY A3.4), and the user's decision on one. */
  'keys.conflicts': { from: ['page'], request: empty, reply: obj({ conflicts: arr(keyConflictViewSchema, many) }) },
  'keys.resolveConflict': { from: ['page'], request: obj({ id: str({ min: 3, max: 500 }), choice: literal('keep-known', 'switch-to-new') }), reply: obj({ resolved: exactly(true) }) },
  /** Issuer, usages and path to a trust anchor of one certificate (facts only). */
  'keys.certificateDetails': { from: ['frame', 'page'], request: obj({ fingerprint: fingerprintSchema }), reply: certificateDetailsSchema },
} as const satisfies Record<string, Entry>;
