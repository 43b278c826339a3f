/** The facts about one key or certificate, as a definition list. */
import type { KeySummary } from '../../shared/key-summary';
import { Fingerprint } from '../../ui-kit/fingerprint';
import { formatDate, t, tk } from '../../ui-kit/i18n';
import { StatusBadge } from '../../ui-kit/key-status';

const trustWord = { undecided: tk('trustUndecided'), unverified: tk('trustUnverified'), verified: tk('trustVerified'), rejected: tk('trustRejected') };

export function KeyFacts(props: { keyInfo: KeySummary }) {
  const k = props.keyInfo;
  return (
    <dl class="lp-facts" data-testid="key-facts">
      <dt>{t('factStatus')}</dt><dd><StatusBadge keyInfo={k} /></dd>
      <dt>{t('factFingerprint')}</dt><dd><Fingerprint value={k.fingerprint} testId="details-fingerprint" /></dd>
      <dt>{t(k.kind === 'openpgp' ? 'factUserIds' : 'factSubject')}</dt>
      <dd><ul class="lp-plain">{k.names.map((n) => <li key={n}>{n}</li>)}</ul></dd>
      <dt>{t('factEmails')}</dt><dd>{k.emails.join(', ') || '—'}</dd>
      <dt>{t('factKind')}</dt><dd>{t(k.kind === 'openpgp' ? 'kindOpenPgp' : 'kindSmime')} · {k.algorithm}</dd>
      <dt>{t('factCreated')}</dt><dd>{formatDate(k.created)}</dd>
      <dt>{t('factExpires')}</dt><dd>{k.expires ? formatDate(k.expires) : t('factNeverExpires')}</dd>
      {k.kind === 'openpgp' && !k.hasPrivate && <><dt>{t('factTrust')}</dt><dd data-testid="details-trust">{t(trustWord[k.acceptance])}</dd></>}
      <dt>{t('factUse')}</dt>
      <dd>{[k.canEncrypt ? t('factCanEncrypt') : null, k.canSign ? t('factCanSign') : null].filter(Boolean).join(', ') || t('factCannotUse')}</dd>
    </dl>
  );
}
