/**
 * A secret field inside a reader or editor frame: the kit's SecretInput plus the focus-loss rule
 * (SECURITY A6.8). If the frame loses the keyboard to the page while the field has it, part of the secret
 * may have gone to the page, so the field is cleared, disabled and a sticky warning asks to type it again.
 */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../ui-kit/i18n';
import { SecretInput } from '../ui-kit/secret-input';
import { FocusLossWarning, useFocusLoss } from './guard/focus-loss';

type Props = {
  label: string;
  value: string;
  onValue: (value: string) => void;
  testId: string;
  purpose: 'current' | 'off';
  describedBy?: string;
  /** Called with true while the warning stands, so the form's submit button can wait for it too. */
  onLost?: (lost: boolean) => void;
};

export function GuardedSecretField(props: Props) {
  const input = useRef<HTMLInputElement>(null);
  const focus = useFocusLoss(input, () => props.onValue(''));
  const onLost = props.onLost;
  useEffect(() => {
    onLost?.(focus.lost);
    if (!focus.lost) input.current?.focus(); // ask again once acknowledged
  }, [focus.lost, onLost]);
  return (
    <>
      {focus.lost && <FocusLossWarning text={t('passphraseFocusLost')} testId="passphrase-focus-lost" onAcknowledge={focus.acknowledge} />}
      <SecretInput layout="inline" label={props.label} value={props.value} onValue={props.onValue} testId={props.testId}
        purpose={props.purpose} inputRef={input} describedBy={props.describedBy} disabled={focus.lost} autofocus />
    </>
  );
}
