/**
 * The personal security indicator (DESIGN §2.5): the user's own phrase and colour, drawn only inside
 * extension pages. A page can imitate our frames but cannot know this phrase.
 */
import { useEffect, useState } from 'preact/hooks';
import { call } from '../shared/client';
import type { SecurityIndicator } from '../shared/catalogue';
import { t } from './i18n';

export function SecurityBadge() {
  const [indicator, setIndicator] = useState<SecurityIndicator | null>(null);
  useEffect(() => {
    call('settings.indicator', {}).then(setIndicator, () => setIndicator(null));
  }, []);
  if (!indicator) return null;
  return (
    <div class="lp-badge" style={{ borderColor: indicator.color }} data-testid="security-badge">
      <span class="lp-badge-swatch" style={{ background: indicator.color }} aria-hidden="true" />
      <span class="lp-badge-label">{t('securityPhraseLabel')}</span>{' '}
      <strong data-testid="security-phrase">{indicator.phrase}</strong>
    </div>
  );
}
