/** Asks for the passphrase of one of the user's own keys, inside an extension frame only. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KeySummary } from '../shared/key-summary';
import { t } from '../ui-kit/i18n';
import { FocusLossWarning, useFocusLoss } from './guard/focus-loss';
import { GuardedButton } from './guard/guarded-button';

export function PassphrasePrompt(props: { keys: KeySummary[]; busy: boolean; onSubmit: (fingerprint: string, passphrase: string) => void }) {
  const [fingerprint, setFingerprint] = useState(props.keys[0]?.fingerprint ?? '');
  const [passphrase, setPassphrase] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // Part of the passphrase may have gone to the page: what is in the field is not all of it, so it is cleared.
  const focus = useFocusLoss(input, () => setPassphrase(''));
  useEffect(() => { if (!focus.lost) input.current?.focus(); }, [focus.lost]); // ask again once acknowledged
  return (
    <form class="lp-passphrase" data-testid="passphrase-prompt" onSubmit={(e) => e.preventDefault()}>
      {focus.lost && (
        <FocusLossWarning text={t('passphraseFocusLost')} testId="passphrase-focus-lost" onAcknowledge={focus.acknowledge} />
      )}
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
        <input ref={input} type="password" autocomplete="current-password" data-testid="passphrase-input" value={passphrase}
          onInput={(e) => setPassphrase((e.target as HTMLInputElement).value)} disabled={focus.lost} autofocus />
      </label>{' '}
      <GuardedButton type="submit" testId="passphrase-submit" label={t('passphraseUnlock')} disabled={props.busy || !passphrase || focus.lost} typedHere
        onPress={() => { if (passphrase) props.onSubmit(fingerprint, passphrase); }} />
    </form>
  );
}
