/**
 * "Require encryption for" (policy or user setting): which recipients may only be written to encrypted.
 * Pure, so the secure editor and the worker apply the same rule and it is unit-tested.
 *
 * Rules: `alice@example.com` matches that address; `example.com` matches addresses at exactly that
 * domain; `*.example.com` matches addresses at any subdomain of it (not example.com itself).
 */
import type { Settings } from './settings';

export type EncryptionRequirement = {
  /** True when at least one recipient may not receive this message in the clear. */
  required: boolean;
  /** Each matching recipient with the rule that matched (for the explanation shown to the user). */
  matches: { recipient: string; rule: string }[];
};

/** The address part of `Name <a@b>` or `a@b`, lower-cased; null when there is none. */
function addressOf(recipient: string): string | null {
  const angle = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(recipient);
  const raw = (angle?.[1] ?? recipient).trim().toLowerCase();
  const at = raw.lastIndexOf('@');
  return at > 0 && at < raw.length - 1 && !/\s/.test(raw) ? raw : null;
}

export function matchesRecipientRule(rule: string, recipient: string): boolean {
  const address = addressOf(recipient);
  if (!address) return false;
  const r = rule.trim().toLowerCase();
  if (r.includes('@')) return address === r;
  const domain = address.slice(address.lastIndexOf('@') + 1).replace(/\.$/, '');
  if (r.startsWith('*.')) return domain.endsWith(r.slice(1)) && domain.length > r.length - 1;
  return domain === r;
}

export function requiresEncryption(settings: Pick<Settings, 'requireEncryptionFor'>, recipients: readonly string[]): EncryptionRequirement {
  const matches: EncryptionRequirement['matches'] = [];
  for (const recipient of recipients) {
    const rule = settings.requireEncryptionFor.find((r) => matchesRecipientRule(r, recipient));
    if (rule !== undefined) matches.push({ recipient, rule });
  }
  return { required: matches.length > 0, matches };
}
