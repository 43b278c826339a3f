/**
 * The personal security indicator (DESIGN §2.5): the user's own phrase and colour, drawn only inside
 * extension pages. A page can imitate our frames but cannot know this phrase.
 */
import { useEffect, useState } from 'preact/hooks';
import { call } from '../shared/client';
import type { SecurityIndicator } from '../shared/catalogue';
import { t } from './i18n';

/** Dispatched on window by the indicator editor after a save. */
export const indicatorChanged = 'lockpane-indicator-changed';

export function SecurityBadge() {
  const [indicator, setIndicator] = useState<SecurityIndicator | null>(null);
  useEffect(() => {
    const load = () => call('settings.indicator', {}).then(setIndicator, () => setIndicator(null));
    void load();
    // The options page changes the indicator in place; the badge on the same page follows.
    addEventListener(indicatorChanged, load);
    return () => removeEventListener(indicatorChanged, load);
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
