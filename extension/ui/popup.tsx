/** The toolbar popup: Lockpane on or off for this site, whether keys are unlocked, and the way to the rest. */
import { render } from 'preact';
import { t } from '../ui-kit/i18n';
import { LockState } from './popup/lock-state';
import { SiteToggle } from './popup/site-toggle';
import { SecurityBadge } from '../ui-kit/security-badge';

function Popup() {
  return (
    <main class="lp-popup">
      <h1 class="lp-title">{t('extName')}</h1>
      <SecurityBadge />
      <SiteToggle />
      <LockState />
      <nav aria-label={t('popupLinks')}>
        <ul class="lp-plain lp-popup-links">
          <li><a href="options.html#keys" target="_blank" rel="noopener" data-testid="popup-keys">{t('popupOpenKeyring')}</a></li>
          <li><a href="options.html#settings" target="_blank" rel="noopener" data-testid="popup-settings">{t('navSettings')}</a></li>
        </ul>
      </nav>
    </main>
  );
}

render(<Popup />, document.getElementById('root')!);
