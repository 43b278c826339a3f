/** The toolbar popup: is Lockpane on for this site, turn it on or off, and the way to the keyring. */
import browser from 'webextension-polyfill';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { call } from '../shared/client';
import { originMatchPattern, toSiteOrigin, type SiteOrigin } from '../shared/ids';
import { ProtocolError } from '../shared/result';
import { t } from './i18n';
import { SecurityBadge } from './security-badge';

async function activeOrigin(): Promise<SiteOrigin | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url ? toSiteOrigin(tab.url) : null;
}

function Popup() {
  const [origin, setOrigin] = useState<SiteOrigin | null>(null);
  const [enabled, setEnabled] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      const o = await activeOrigin();
      setOrigin(o);
      const { origins } = await call('sites.list', {});
      setEnabled(o !== null && origins.includes(o));
    })();
  }, []);

  async function toggle() {
    if (!origin) return;
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
      setMessage(e instanceof ProtocolError ? e.message : t('errorUnexpected'));
    }
  }

  return (
    <main class="lp-popup">
      <h1 class="lp-title">{t('extName')}</h1>
      <SecurityBadge />
      {origin ? (
        <section>
          <p data-testid="popup-site">{t(enabled ? 'popupEnabledOn' : 'popupDisabledOn', origin)}</p>
          <button type="button" onClick={toggle} data-testid="popup-toggle">
            {t(enabled ? 'popupDisable' : 'popupEnable')}
          </button>
        </section>
      ) : (
        <p>{t('popupNoSite')}</p>
      )}
      {message && <p role="status">{message}</p>}
      <p>
        <a href="options.html" target="_blank" rel="noopener">{t('popupOpenOptions')}</a>
      </p>
    </main>
  );
}

render(<Popup />, document.getElementById('root')!);
