/** Lockpane on/off for the active tab's site. Turning on asks the browser for access to that one site. */
import browser from 'webextension-polyfill';
import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '../../shared/client';
import { originMatchPattern, toSiteOrigin, type SiteOrigin } from '../../shared/ids';
import { errorMessage } from '../../ui-kit/error-message';
import { t } from '../../ui-kit/i18n';
import { ComposeHere } from './compose-here';

async function activeTab(): Promise<{ id: number | undefined; origin: SiteOrigin | null }> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return { id: tab?.id, origin: tab?.url ? toSiteOrigin(tab.url) : null };
}

export function SiteToggle() {
  const [origin, setOrigin] = useState<SiteOrigin | null | undefined>(undefined);
  const [enabled, setEnabled] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  /** Set once Lockpane was just turned on: the page needs a reload to start it, offered as a button. */
  const [needsReload, setNeedsReload] = useState(false);
  /** The tab the popup was opened for (by the time of a later click, the popup may be the active tab). */
  const tabId = useRef<number | undefined>(undefined);

  useEffect(() => {
    void (async () => {
      const { id, origin: o } = await activeTab().catch(() => ({ id: undefined, origin: null }));
      tabId.current = id;
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
        setNeedsReload(false);
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
      setNeedsReload(true);
    } catch (e) {
      setMessage(errorMessage(e));
    }
  }

  async function reloadPage() {
    try {
      if (tabId.current !== undefined) await browser.tabs.reload(tabId.current);
      window.close();
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
      {needsReload && <button type="button" class="lp-primary" onClick={() => void reloadPage()} data-testid="popup-reload">{t('popupReloadNow')}</button>}
      {/* Until the page is reloaded Lockpane is not running in it, so there is nothing to write on yet. */}
      {enabled && !needsReload && <ComposeHere />}
    </section>
  );
}
