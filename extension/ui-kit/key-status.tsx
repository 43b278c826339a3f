/** One status word per key, most important fact first: revoked and expired beat any trust decision. */
import type { KeySummary } from '../shared/key-summary';
import { t, tk } from './i18n';

export type KeyStatus = 'revoked' | 'expired' | 'own' | 'rejected' | 'verified' | 'unverified';

export function keyStatus(k: KeySummary): KeyStatus {
  if (k.revoked) return 'revoked';
  if (k.expired) return 'expired';
  if (k.hasPrivate) return 'own';
  // A certificate's trust is its path to a root the user or the organisation trusts, not a decision per key.
  if (k.kind === 'x509') return k.chain === 'valid' ? 'verified' : 'unverified';
  if (k.acceptance === 'rejected') return 'rejected';
  if (k.acceptance === 'verified') return 'verified';
  return 'unverified';
}

const label: Record<KeyStatus, string> = {
  revoked: tk('statusRevoked'), expired: tk('statusExpired'), own: tk('statusOwn'),
  rejected: tk('statusRejected'), verified: tk('statusVerified'), unverified: tk('statusUnverified'),
};

export function StatusBadge(props: { keyInfo: KeySummary }) {
  const s = keyStatus(props.keyInfo);
  return <span class={`lp-status-badge lp-st-${s}`} data-testid="key-status" data-status={s}>{t(label[s])}</span>;
}
