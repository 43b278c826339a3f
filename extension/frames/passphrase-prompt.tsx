/** Asks for the passphrase of one of the user's own keys, inside an extension frame only. */
import { useState } from 'preact/hooks';
import type { KeySummary } from '../shared/key-summary';
import { t } from '../ui-kit/i18n';
import { GuardedButton } from './guard/guarded-button';
import { GuardedSecretField } from './guarded-secret-field';

export function PassphrasePrompt(props: { keys: KeySummary[]; busy: boolean; onSubmit: (fingerprint: string, passphrase: string) => void }) {
  const [fingerprint, setFingerprint] = useState(props.keys[0]?.fingerprint ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [lost, setLost] = useState(false);
  return (
    <form class="lp-passphrase" data-testid="passphrase-prompt" onSubmit={(e) => e.preventDefault()}>
      {props.keys.length > 1 && (
        <label>
          {t('passphraseKey')}{' '}
          <select value={fingerprint} onChange={(e) => setFingerprint((e.target as HTMLSelectElement).value)}>
            {props.keys.map((k) => <option key={k.fingerprint} value={k.fingerprint}>{k.emails[0] ?? k.fingerprint}</option>)}
          </select>
        </label>
      )}
      <GuardedSecretField label={t('passphraseLabel', props.keys[0]?.emails[0] ?? '')} value={passphrase} onValue={setPassphrase}
        testId="passphrase-input" purpose="current" onLost={setLost} />{' '}
      <GuardedButton type="submit" testId="passphrase-submit" label={t('passphraseUnlock')} disabled={props.busy || !passphrase || lost} typedHere
        onPress={() => { if (passphrase) props.onSubmit(fingerprint, passphrase); }} />
    </form>
  );
}
