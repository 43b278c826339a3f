/**
 * Recipient resolution for one message: OpenPGP if every recipient has a usable key, S/MIME if
 * every recipient has a usable certificate, the user's preference when both, otherwise what is
 * missing per recipient. This is the data behind the compose-time key assistant.
 */
import { normalizeEmail } from '../store/entry';
import { identityView } from './identity';
import type { IdentityView, Protocol, ResolveContext, UnusableReason } from './types';

export type ComposeInput = { from: string; to: readonly string[]; cc?: readonly string[]; preference: Protocol };

/** Per recipient lacking at least one protocol; null = that protocol would work for this recipient. */
export type Missing = { email: string; openpgp: UnusableReason | null; smime: UnusableReason | null };

export type RecipientResolution =
  | {
    ok: true;
    protocol: Protocol;
    recipients: { email: string; fingerprint: string }[];
    /** The sender's own key/certificate with a private part, to encrypt a readable sent copy and to sign. */
    self: { encryptTo: string | null; signWith: string | null };
    /** The other protocol, when it would have worked too. */
    alternative: Protocol | null;
  }
  | { ok: false; reason: 'no-recipients' | 'missing-keys'; missing: Missing[] };

function selfKeys(from: IdentityView, protocol: Protocol): { encryptTo: string | null; signWith: string | null } {
  const view = protocol === 'openpgp' ? from.openpgp : from.smime;
  const own = view.candidates.filter((c) => c.hasPrivate);
  return {
    encryptTo: own.find((c) => c.reason === null || c.reason === 'untrusted')?.fingerprint ?? null,
    signWith: own.find((c) => c.reason !== 'revoked' && c.reason !== 'expired' && c.reason !== 'rejected' && c.canVerify)?.fingerprint ?? null,
  };
}

export function resolveRecipients(input: ComposeInput, ctx: ResolveContext): RecipientResolution {
  const emails = [...new Set([...input.to, ...(input.cc ?? [])].map(normalizeEmail).filter((e) => e.length > 0))];
  if (emails.length === 0) return { ok: false, reason: 'no-recipients', missing: [] };
  const views = emails.map((e) => identityView(e, ctx));
  const all = (p: Protocol): boolean => views.every((v) => (p === 'openpgp' ? v.openpgp : v.smime).encryptTo !== null);
  const possible = (['openpgp', 'smime'] as const).filter(all);
  if (possible.length === 0) {
    const missing = views
      .filter((v) => v.openpgp.encryptTo === null || v.smime.encryptTo === null)
      .map((v) => ({ email: v.email, openpgp: v.openpgp.reason, smime: v.smime.reason }));
    return { ok: false, reason: 'missing-keys', missing };
  }
  const protocol = possible.includes(input.preference) ? input.preference : possible[0]!;
  return {
    ok: true,
    protocol,
    recipients: views.map((v) => ({ email: v.email, fingerprint: (protocol === 'openpgp' ? v.openpgp : v.smime).encryptTo! })),
    self: selfKeys(identityView(input.from, ctx), protocol),
    alternative: possible.find((p) => p !== protocol) ?? null,
  };
}
