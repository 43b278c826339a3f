/**
 * Computed facts, not choices: whether a key or certificate is revoked, expired or able to
 * encrypt/sign at a given moment, from the facts recorded at import.
 */
import type { CertificateFacts, OpenPgpFacts } from './entry';

export type Validity = 'valid' | 'expired' | 'revoked' | 'not-yet-valid';
/** `expired`: it had encryption-capable (sub)keys but all have expired since. */
export type Capability = 'ok' | 'expired' | 'none';

const after = (iso: string | null, now: Date): boolean => iso !== null && Date.parse(iso) <= now.getTime();

export function openPgpValidity(f: OpenPgpFacts, now: Date): Validity {
  if (f.revoked) return 'revoked';
  if (after(f.expires, now)) return 'expired';
  if (Date.parse(f.created) > now.getTime() + 5 * 60_000) return 'not-yet-valid'; // clock skew allowance
  return 'valid';
}

export function openPgpEncryption(f: OpenPgpFacts, now: Date): Capability {
  const capable = f.subkeys.filter((s) => s.canEncrypt && !s.revoked);
  if (f.primaryCanEncrypt) return 'ok';
  if (capable.length === 0) return 'none';
  return capable.some((s) => !after(s.expires, now)) ? 'ok' : 'expired';
}

export function openPgpSigning(f: OpenPgpFacts): boolean {
  return f.primaryCanSign || f.subkeys.some((s) => s.canSign && !s.revoked);
}

export function certificateValidity(f: CertificateFacts, now: Date): Validity {
  if (Date.parse(f.notBefore) > now.getTime()) return 'not-yet-valid';
  if (Date.parse(f.notAfter) < now.getTime()) return 'expired';
  return 'valid';
}

const EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
const ANY_EKU = '2.5.29.37.0';
const ekuAllowsMail = (f: CertificateFacts): boolean => f.extKeyUsage === null || f.extKeyUsage.includes(EMAIL_PROTECTION) || f.extKeyUsage.includes(ANY_EKU);

/** RSA needs keyEncipherment, (EC)DH needs keyAgreement; an absent extension restricts nothing. */
export function certificateCanEncrypt(f: CertificateFacts): boolean {
  if (f.isCa || !ekuAllowsMail(f)) return false;
  return f.keyUsage === null || f.keyUsage.includes('keyEncipherment') || f.keyUsage.includes('keyAgreement');
}

export function certificateCanVerify(f: CertificateFacts): boolean {
  if (!ekuAllowsMail(f)) return false;
  return f.keyUsage === null || f.keyUsage.includes('digitalSignature') || f.keyUsage.includes('nonRepudiation');
}
