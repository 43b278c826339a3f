/**
 * Whether a signing key is the key the keyring holds for the addresses it claims (issue #23, item 4).
 * A key that claims Carol's address but is held as an unaccepted change of her key, was rejected, or
 * conflicts with her accepted key must never be shown as Carol: a user reads a name beside a good
 * signature as "Carol wrote this". The contact named in the verdict comes from the keyring's record of
 * the known key, never from the signer.
 *
 * OpenPGP: held = an open conflict names the key as candidate; rejected = its acceptance; conflicting =
 * not verified itself while the address has a verified key (or, for an undecided key, any accepted one).
 * X.509 (no acceptance states): held = an open conflict; conflicting = not in the keyring while the
 * address has a certificate from another issuer (the store's key-change rule; a renewal by the same
 * issuer is not a change). A turned-down certificate change is deleted, so it comes back as conflicting.
 */
import { emailFromUserId, normalizeEmail } from '../../../keyring/store/entry';
import type { KeyringStore } from '../../../keyring/store/keyring-store';
import { isAccepted, type Acceptance } from '../../../keyring/trust/acceptance';
import type { NotContactKey } from '../../shared/reader-result';

export type StandingStore = Pick<KeyringStore, 'get' | 'acceptanceOf' | 'findByEmail' | 'conflicts'>;

/** The user's own keys count as verified. */
export function effectiveAcceptance(store: StandingStore, fingerprint: string): Acceptance {
  const e = store.get('openpgp', fingerprint);
  return e?.kind === 'openpgp' && e.privateArmored ? 'verified' : store.acceptanceOf(fingerprint);
}

function claimedAddresses(claims: readonly string[]): string[] {
  const out = new Set<string>();
  for (const c of claims) {
    const addr = emailFromUserId(c);
    if (addr) out.add(addr);
  }
  return [...out];
}

/** The known key's user ID for `address`, as the keyring recorded it. */
function pgpContact(store: StandingStore, fingerprint: string, address: string): string {
  const e = store.get('openpgp', fingerprint);
  const uid = e?.kind === 'openpgp' ? e.facts.userIds.find((u) => emailFromUserId(u) === address) : undefined;
  return uid ?? address;
}

type Known = { fingerprint: string; verified: boolean; accepted: boolean };

function knownPgp(store: StandingStore, address: string, except: string): Known[] {
  return store.findByEmail(address).filter((e) => e.kind === 'openpgp' && e.fingerprint !== except).map((e) => {
    const a = effectiveAcceptance(store, e.fingerprint);
    return { fingerprint: e.fingerprint, verified: a === 'verified', accepted: isAccepted(a) };
  });
}

/**
 * `fingerprint`: the signer's primary key; `claims`: its user IDs (the keyring's entry's when it has one).
 * Null: nothing speaks against showing the signer under its own user ID.
 */
export function pgpStanding(store: StandingStore, fingerprint: string, claims: readonly string[]): NotContactKey | null {
  const fp = fingerprint.toUpperCase();
  const entry = store.get('openpgp', fp);
  const addresses = claimedAddresses(entry ? [...entry.emails, ...claims] : claims);
  const acceptance = effectiveAcceptance(store, fp);
  const verdict = (why: NotContactKey['why'], address: string, known: Known[]): NotContactKey => {
    const best = known.find((k) => k.verified) ?? known.find((k) => k.accepted);
    return { why, kind: 'openpgp', address, contact: best ? pgpContact(store, best.fingerprint, address) : null, contactVerified: best?.verified ?? false };
  };

  const held = store.conflicts().find((c) => c.kind === 'openpgp' && c.candidate.toUpperCase() === fp && acceptance !== 'verified');
  if (held) return verdict('held', held.email, knownPgp(store, held.email, fp));
  if (acceptance === 'rejected') {
    const address = addresses.find((a) => knownPgp(store, a, fp).some((k) => k.accepted)) ?? addresses[0] ?? '';
    return verdict('rejected', address, address ? knownPgp(store, address, fp) : []);
  }
  if (acceptance === 'verified') return null;
  for (const address of addresses) {
    const known = knownPgp(store, address, fp);
    if (known.some((k) => k.verified) || (acceptance === 'undecided' && known.some((k) => k.accepted))) return verdict('conflicting', address, known);
  }
  return null;
}

export type SignerCertificate = { fingerprint: string; emails: readonly string[]; issuer: string };

export function certStanding(store: StandingStore, cert: SignerCertificate): NotContactKey | null {
  const fp = cert.fingerprint.toUpperCase();
  const emails = cert.emails.map(normalizeEmail);
  const held = store.conflicts().find((c) => c.kind === 'x509' && c.candidate.toUpperCase() === fp);
  const others = (address: string) => store.findByEmail(address)
    .filter((e) => e.kind === 'x509' && e.fingerprint !== fp && e.facts.issuer !== cert.issuer);
  if (held) return { why: 'held', kind: 'x509', address: held.email, contact: held.email, contactVerified: true };
  if (store.get('x509', fp)) return null;
  for (const address of emails) {
    if (others(address).length > 0) return { why: 'conflicting', kind: 'x509', address, contact: address, contactVerified: true };
  }
  return null;
}
