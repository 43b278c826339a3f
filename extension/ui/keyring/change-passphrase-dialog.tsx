/** Change the passphrase of an own key: the current one, then a new one with the meter. */
import { useState } from 'preact/hooks';
import { call } from '../../shared/client';
import type { KeySummary } from '../../shared/key-summary';
import { Dialog } from '../dialog';
import { errorMessage } from '../../ui-kit/error-message';
import { t } from '../../ui-kit/i18n';
import { SecretInput } from '../../ui-kit/secret-input';
import { PassphraseFields, newPassphraseOk, type NewPassphrase } from '../passphrase-fields';

export function ChangePassphraseDialog(props: { keyInfo: KeySummary; onDone: () => void; onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassphrase>({ value: '', repeat: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputs = [...props.keyInfo.emails, ...props.keyInfo.names];

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      await call('keys.changePassphrase', { fingerprint: props.keyInfo.fingerprint, passphrase: current, newPassphrase: next.value });
      props.onDone();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }
  return (
    <Dialog title={t('changePassphraseTitle')} onClose={props.onClose} testId="change-passphrase-dialog">
      <form onSubmit={submit}>
        <SecretInput label={t('currentPassphraseLabel')} purpose="current" value={current} onValue={setCurrent}
          testId="current-passphrase" required autofocus />
        <PassphraseFields value={next} onChange={setNext} userInputs={inputs} />
        {error && <p class="lp-error" role="alert" data-testid="dialog-error">{error}</p>}
        <div class="lp-actions">
          <button type="submit" class="lp-primary" disabled={busy || !current || !newPassphraseOk(next, inputs)} data-testid="dialog-confirm">{t('changePassphraseConfirm')}</button>
          <button type="button" onClick={props.onClose}>{t('cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
