/**
 * "Write securely on this page": asks the active tab's content script to open the secure editor on its
 * compose form. Shown only where Lockpane is on; the click here is the user's gesture.
 */
import browser from 'webextension-polyfill';
import { useState } from 'preact/hooks';
import { call } from '../../shared/client';
import { errorMessage } from '../../ui-kit/error-message';
import { t } from '../../ui-kit/i18n';

export function ComposeHere() {
  const [message, setMessage] = useState<string | null>(null);
  async function compose() {
    setMessage(null);
    try {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) {
        setMessage(t('popupComposeNoForm'));
        return;
      }
      const { opened } = await call('sites.composeHere', { tabId: tab.id });
      if (opened) window.close();
      else setMessage(t('popupComposeNoForm'));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  }
  return (
    <div class="lp-popup-compose">
      <button type="button" class="lp-primary" onClick={() => void compose()} data-testid="popup-compose">{t('popupCompose')}</button>
      {message && <p role="status" data-testid="popup-compose-message">{message}</p>}
    </div>
  );
}
