/**
 * The identity view of one address: which OpenPGP key and which certificate can encrypt to it or
 * verify it, and why not when none can. Pure: everything comes from a ResolveContext.
 */
import { normalizeEmail, type CertificateEntry, type OpenPgpEntry } from '../store/entry';
import { isAccepted } from '../trust/acceptance';
import {
  certificateCanEncrypt, certificateCanVerify, certificateValidity, openPgpEncryption, openPgpSigning, openPgpValidity,
} from '../store/validity';
import type { IdentityView, KeyVerdict, ProtocolView, ResolveContext, UnusableReason } from './types';

/** When nothing is usable, show the reason closest to being fixable by the user. */
const ACTIONABILITY: readonly UnusableReason[] = ['untrusted', 'no-encryption-capability', 'expired', 'revoked', 'rejected', 'no-key'];

function pending(ctx: ResolveContext, kind: 'openpgp' | 'x509', email: string, fp: string): boolean {
  return ctx.conflicts.some((c) => c.kind === kind && c.email === email && c.candidate === fp);
}

function openPgpVerdict(e: OpenPgpEntry, email: string, ctx: ResolveContext): KeyVerdict {
  const acceptance = ctx.acceptanceOf(e.fingerprint);
  const validity = openPgpValidity(e.facts, ctx.now);
  const enc = openPgpEncryption(e.facts, ctx.now);
  const conflict = pending(ctx, 'openpgp', email, e.fingerprint);
  let reason: UnusableReason | null = null;
  if (acceptance === 'rejected') reason = 'rejected';
  else if (validity === 'revoked') reason = 'revoked';
  else if (validity === 'expired' || validity === 'not-yet-valid' || enc === 'expired') reason = 'expired';
  else if (enc === 'none') reason = 'no-encryption-capability';
  else if (!isAccepted(acceptance) || conflict) reason = 'untrusted';
  return {
    fingerprint: e.fingerprint,
    reason,
    canVerify: acceptance !== 'rejected' && !conflict && openPgpSigning(e.facts),
    pendingConflict: conflict,
    hasPrivate: e.privateArmored !== undefined,
  };
}

function certificateVerdict(e: CertificateEntry, email: string, ctx: ResolveContext): KeyVerdict {
  const chain = ctx.chainStatus(e.fingerprint);
  const validity = certificateValidity(e.facts, ctx.now);
  const conflict = pending(ctx, 'x509', email, e.fingerprint);
  const trusted = chain?.status === 'valid' && !conflict;
  let reason: UnusableReason | null = null;
  if (chain?.status === 'revoked') reason = 'revoked';
  else if (validity !== 'valid' || chain?.status === 'expired') reason = 'expired';
  else if (!certificateCanEncrypt(e.facts)) reason = 'no-encryption-capability';
  else if (!trusted) reason = 'untrusted';
  return {
    fingerprint: e.fingerprint,
    reason,
    canVerify: trusted && certificateCanVerify(e.facts),
    pendingConflict: conflict,
    hasPrivate: e.privateKey !== undefined,
  };
}

function view<E extends OpenPgpEntry | CertificateEntry>(entries: E[], verdict: (e: E) => KeyVerdict, rank: (e: E) => number): ProtocolView {
  const scored = entries.map((e) => ({ e, v: verdict(e) }));
  const usable = scored.filter((s) => s.v.reason === null).sort((a, b) => rank(b.e) - rank(a.e) || a.v.fingerprint.localeCompare(b.v.fingerprint));
  const reasons = scored.map((s) => s.v.reason).filter((r): r is UnusableReason => r !== null);
  return {
    encryptTo: usable[0]?.v.fingerprint ?? null,
    verifiers: scored.filter((s) => s.v.canVerify).map((s) => s.v.fingerprint).sort(),
    reason: usable.length > 0 ? null : entries.length === 0 ? 'no-key' : ACTIONABILITY.find((r) => reasons.includes(r)) ?? 'no-key',
    candidates: scored.map((s) => s.v),
  };
}

export function identityView(address: string, ctx: ResolveContext): IdentityView {
  const email = normalizeEmail(address);
  const entries = ctx.findByEmail(email);
  const pgp = entries.filter((e): e is OpenPgpEntry => e.kind === 'openpgp');
  const certs = entries.filter((e): e is CertificateEntry => e.kind === 'x509' && !e.facts.isCa);
  return {
    email,
    // Prefer a fingerprint the user verified, then the newest key.
    openpgp: view(pgp, (e) => openPgpVerdict(e, email, ctx),
      (e) => (ctx.acceptanceOf(e.fingerprint) === 'verified' ? 1e15 : 0) + Date.parse(e.facts.created)),
    // Prefer the certificate valid the longest.
    smime: view(certs, (e) => certificateVerdict(e, email, ctx), (e) => Date.parse(e.facts.notAfter)),
  };
}
