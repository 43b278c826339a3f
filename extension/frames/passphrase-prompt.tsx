/** Asks for the passphrase of one of the user's own keys, inside an extension frame only. */
import { useState } from 'preact/hooks';
import type { KeySummary } from '../shared/key-summary';
import { t } from '../ui-kit/i18n';

export function PassphrasePrompt(props: { keys: KeySummary[]; busy: boolean; onSubmit: (fingerprint: string, passphrase: string) => void }) {
  const [fingerprint, setFingerprint] = useState(props.keys[0]?.fingerprint ?? '');
  const [passphrase, setPassphrase] = useState('');
  return (
    <form
      class="lp-passphrase"
      data-testid="passphrase-prompt"
      onSubmit={(e) => {
        e.preventDefault();
        if (passphrase) props.onSubmit(fingerprint, passphrase);
      }}
    >
      {props.keys.length > 1 && (
        <label>
          {t('passphraseKey')}{' '}
          <select value={fingerprint} onChange={(e) => setFingerprint((e.target as HTMLSelectElement).value)}>
            {props.keys.map((k) => <option key={k.fingerprint} value={k.fingerprint}>{k.emails[0] ?? k.fingerprint}</option>)}
          </select>
        </label>
      )}
      <label>
        {t('passphraseLabel', props.keys[0]?.emails[0] ?? '')}{' '}
        <input type="password" autocomplete="current-password" data-testid="passphrase-input" value={passphrase}
          onInput={(e) => setPassphrase((e.target as HTMLInputElement).value)} autofocus />
      </label>{' '}
      <button type="submit" disabled={props.busy || !passphrase} data-testid="passphrase-submit">{t('passphraseUnlock')}</button>
    </form>
  );
}
