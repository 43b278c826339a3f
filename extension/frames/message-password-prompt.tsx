/**
 * Asks for a message's own password (OpenPGP SKESK), inside an extension frame only. Separate from the key
 * passphrase prompt: the password comes from the sender, and it is sent to the worker for this one
 * decryption and never kept.
 */
import { useState } from 'preact/hooks';
import { ProtocolError } from '../shared/result';
import { t } from '../ui-kit/i18n';
import { GuardedButton } from './guard/guarded-button';
import { GuardedSecretField } from './guarded-secret-field';

export function MessagePasswordPrompt(props: { busy: boolean; onSubmit: (password: string) => void; onUseKey?: (() => void) | undefined }) {
  const [password, setPassword] = useState('');
  const [lost, setLost] = useState(false);
  return (
    <form
      class="lp-passphrase"
      data-testid="message-password-prompt"
      aria-labelledby="lp-message-password-title"
      onSubmit={(e) => e.preventDefault()}
    >
      <p id="lp-message-password-title"><strong>{t('messagePasswordTitle')}</strong></p>
      <p class="lp-meta" id="lp-message-password-hint">{t('messagePasswordHint')}</p>
      <GuardedSecretField label={t('messagePasswordLabel')} value={password} onValue={setPassword} testId="message-password-input"
        purpose="off" describedBy="lp-message-password-hint" onLost={setLost} />{' '}
      <GuardedButton type="submit" testId="message-password-submit" label={t('messagePasswordOpen')} disabled={props.busy || !password || lost} typedHere
        onPress={() => { if (password) props.onSubmit(password); }} />
      {props.onUseKey && (
        <p><button type="button" data-testid="use-key-passphrase" onClick={props.onUseKey}>{t('messagePasswordUseKey')}</button></p>
      )}
    </form>
  );
}

/** Offered beside the key passphrase prompt when the message is also encrypted to a password. */
export function UseMessagePassword(props: { onClick: () => void }) {
  return <p><button type="button" data-testid="use-message-password" onClick={props.onClick}>{t('messagePasswordInstead')}</button></p>;
}

/** A wrong message password in the user's language; other errors are left to the caller. */
export function messagePasswordError(e: unknown): string | null {
  return e instanceof ProtocolError && e.code === 'wrong-passphrase' ? t('messagePasswordWrong') : null;
}
