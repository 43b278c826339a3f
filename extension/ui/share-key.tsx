/**
 * "Send your public key": a contact needs it before they can write to you, and a new user does not know
 * where to find it. Copies the armored public key for an ordinary mail; where the clipboard is refused,
 * the key is shown as text to select and copy by hand. The public key is not secret.
 */
import { useState } from 'preact/hooks';
import { call } from '../shared/client';
import { errorMessage } from '../ui-kit/error-message';
import { t } from '../ui-kit/i18n';

export function ShareKey(props: { fingerprint: string }) {
  const [text, setText] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function copy() {
    setError(null);
    let armored: string;
    try {
      armored = (await call('keys.exportPublic', { fingerprint: props.fingerprint })).armored;
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    try {
      await navigator.clipboard.writeText(armored);
      setText(null);
      setNote(t('shareKeyCopied'));
    } catch {
      setText(armored);
      setNote(t('shareKeyCopyByHand'));
    }
  }

  return (
    <section class="lp-share-key" aria-labelledby="share-key-heading" data-testid="share-key">
      <h3 id="share-key-heading">{t('shareKeyHeading')}</h3>
      <p class="lp-hint">{t('shareKeyExplain')}</p>
      <button type="button" onClick={() => void copy()} data-testid="share-key-copy">{t('shareKeyCopy')}</button>
      {note && <p role="status" class="lp-ok" data-testid="share-key-note">{note}</p>}
      {text && <label class="lp-field">{t('shareKeyText')}<textarea readOnly rows={6} value={text} data-testid="share-key-text" /></label>}
      {error && <p role="alert" class="lp-error">{error}</p>}
    </section>
  );
}
