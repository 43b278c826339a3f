/** Asks for the passphrase of an own key before a sensitive action; the error stays inside the dialog. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Dialog } from '../dialog';
import { errorMessage } from '../../ui-kit/error-message';
import { t } from '../../ui-kit/i18n';
import { SecretInput } from '../../ui-kit/secret-input';

export function PassphraseDialog(props: {
  title: string; confirm: string; email: string; children?: ComponentChildren; danger?: boolean;
  onSubmit: (passphrase: string) => Promise<void>; onClose: () => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      await props.onSubmit(passphrase);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }
  return (
    <Dialog title={props.title} onClose={props.onClose} testId="passphrase-dialog">
      <form onSubmit={submit}>
        {props.children}
        <SecretInput label={t('passphraseLabel', props.email)} purpose="current" value={passphrase} onValue={setPassphrase}
          testId="dialog-passphrase" required autofocus />
        {error && <p class="lp-error" role="alert" data-testid="dialog-error">{error}</p>}
        <div class="lp-actions">
          <button type="submit" class={props.danger ? 'lp-danger' : 'lp-primary'} disabled={busy || !passphrase} data-testid="dialog-confirm">{props.confirm}</button>
          <button type="button" onClick={props.onClose}>{t('cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
