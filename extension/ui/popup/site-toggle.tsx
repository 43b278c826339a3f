/** Lockpane on/off for the active tab's site. Turning on asks the browser for access to that one site. */
import browser from 'webextension-polyfill';
import { useEffect, useState } from 'preact/hooks';
import { call } from '../../shared/client';
import { originMatchPattern, toSiteOrigin, type SiteOrigin } from '../../shared/ids';
import { errorMessage } from '../error-message';
import { t } from '../i18n';
import { ComposeHere } from './compose-here';

async function activeOrigin(): Promise<SiteOrigin | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url ? toSiteOrigin(tab.url) : null;
}

export function SiteToggle() {
  const [origin, setOrigin] = useState<SiteOrigin | null | undefined>(undefined);
  const [enabled, setEnabled] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      const o = await activeOrigin().catch(() => null);
      setOrigin(o);
      const { origins } = await call('sites.list', {});
      setEnabled(o !== null && origins.includes(o));
    })();
  }, []);

  async function toggle() {
    if (!origin) return;
    setMessage(null);
    try {
      if (enabled) {
        await call('sites.disable', { origin });
        setEnabled(false);
        return;
      }
      // Must be asked from this click: browsers allow permission prompts only during a user gesture.
      const granted = await browser.permissions.request({ origins: [originMatchPattern(origin)] });
      if (!granted) {
        setMessage(t('popupPermissionDenied'));
        return;
      }
      await call('sites.enable', { origin });
      setEnabled(true);
      setMessage(t('popupReloadHint'));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  }

  if (origin === undefined) return <p>{t('loading')}</p>;
  if (origin === null) return <p data-testid="popup-site">{t('popupNoSite')}</p>;
  return (
    <section class="lp-popup-site" aria-labelledby="popup-site-text">
      <p id="popup-site-text" data-testid="popup-site">
        <span class={`lp-dot ${enabled ? 'lp-dot-on' : 'lp-dot-off'}`} aria-hidden="true" />
        {t(enabled ? 'popupEnabledOn' : 'popupDisabledOn', origin)}
      </p>
      <button type="button" class={enabled ? '' : 'lp-primary'} onClick={() => void toggle()} data-testid="popup-toggle">
        {t(enabled ? 'popupDisable' : 'popupEnable')}
      </button>
      {message && <p role="status" data-testid="popup-message">{message}</p>}
      {enabled && <ComposeHere />}
    </section>
  );
}
