/** Test-only: synthetic entries (plain facts, no key material) for bulk and concurrency tests. */
import type { OpenPgpEntry } from '../store/entry';

export function syntheticFingerprint(i: number, salt = 0): string {
  return (i.toString(16).padStart(8, '0') + salt.toString(16).padStart(4, '0')).padEnd(40, 'A').toUpperCase();
}

export function syntheticEntry(i: number, emails: string[], salt = 0): OpenPgpEntry {
  return {
    kind: 'openpgp',
    fingerprint: syntheticFingerprint(i, salt) as OpenPgpEntry['fingerprint'],
    emails,
    facts: {
      version: 4, algorithm: 'ed25519', created: '2025-01-01T00:00:00.000Z', expires: null, revoked: false,
      userIds: emails.map((e) => `User ${i} <${e}>`), primaryCanSign: true, primaryCanEncrypt: false,
      subkeys: [{ fingerprint: syntheticFingerprint(i, salt + 1), algorithm: 'x25519', created: '2025-01-01T00:00:00.000Z', expires: null, revoked: false, canEncrypt: true, canSign: false }],
    },
    publicArmored: `synthetic key ${i}`,
    addedAt: '2025-01-01T00:00:00.000Z',
  };
}
