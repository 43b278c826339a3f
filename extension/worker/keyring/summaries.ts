/** Turns store entries into the wire summaries extension pages see. */
import type { Entry } from '../../../keyring/store/entry';
import type { KeyAcceptance, KeySummary } from '../../shared/key-summary';

function expiredAt(expires: string | null, now: Date): boolean {
  return expires !== null && Date.parse(expires) <= now.getTime();
}

export function summarize(entry: Entry, acceptance: KeyAcceptance, unlocked: boolean, now = new Date()): KeySummary {
  if (entry.kind === 'openpgp') {
    const f = entry.facts;
    const live = (s: { expires: string | null; revoked: boolean }) => !s.revoked && !expiredAt(s.expires, now);
    const usable = !f.revoked && !expiredAt(f.expires, now);
    return {
      kind: 'openpgp', fingerprint: entry.fingerprint, emails: entry.emails, names: f.userIds, algorithm: f.algorithm,
      created: f.created, expires: f.expires, expired: expiredAt(f.expires, now), revoked: f.revoked,
      canEncrypt: usable && (f.primaryCanEncrypt || f.subkeys.some((s) => s.canEncrypt && live(s))),
      canSign: usable && (f.primaryCanSign || f.subkeys.some((s) => s.canSign && live(s))),
      hasPrivate: entry.privateArmored !== undefined, unlocked, acceptance,
    };
  }
  const f = entry.facts;
  const valid = !expiredAt(f.notAfter, now) && Date.parse(f.notBefore) <= now.getTime();
  const ku = f.keyUsage;
  return {
    kind: 'x509', fingerprint: entry.fingerprint, emails: entry.emails, names: [f.subject], algorithm: f.publicKeyAlgorithm,
    created: f.notBefore, expires: f.notAfter, expired: expiredAt(f.notAfter, now), revoked: false,
    canEncrypt: valid && (ku === null || ku.includes('keyEncipherment') || ku.includes('keyAgreement')),
    canSign: valid && (ku === null || ku.includes('digitalSignature') || ku.includes('nonRepudiation')),
    hasPrivate: entry.privateKey !== undefined, unlocked, acceptance,
  };
}
