/**
 * A button for a privileged action (decrypt, encrypt, sign, reply, save, import, unlock). It acts only when
 * the frame guard consents; otherwise it says why, in the frame, and does nothing. Until the frame has
 * settled it is aria-disabled (still focusable and clickable, so a refused click can be explained).
 * Where the browser cannot report visibility, a first press opens a confirmation at a place the page cannot
 * predict, which counts only after the frame kept the focus for a moment.
 */
import { useEffect, useState } from 'preact/hooks';
import { t, tk } from '../../ui-kit/i18n';
import { settleMs, type Refusal } from './rules';
import { useGuard } from './use-guard';

const refusalText: Record<Refusal, string> = {
  hidden: tk('guardRefusedHidden'),
  moved: tk('guardRefusedHidden'),
  settling: tk('guardRefusedSettling'),
  unfocused: tk('guardRefusedFocus'),
  small: tk('guardRefusedSmall'),
};

type Props = {
  label: string;
  onPress: () => void;
  testId: string;
  disabled?: boolean;
  /** 'submit' inside a form: Enter in a field activates it, and the same proof is needed as for a click. */
  type?: 'button' | 'submit';
  /**
   * No second press where visibility is unknown: the user's own typing into this frame just now, with the
   * focus unbroken (Unlock after a passphrase), already shows they are here.
   */
  typedHere?: boolean;
  ariaLabel?: string;
  describedBy?: string;
};

export function GuardedButton(props: Props) {
  const guard = useGuard();
  const [refused, setRefused] = useState<Refusal | null>(null);
  /** When the confirmation step appeared, and where (a share of the line, so a lure cannot be placed in advance). */
  const [confirm, setConfirm] = useState<{ at: number; offset: number } | null>(null);

  const [, setTick] = useState(0);
  useEffect(() => {
    if (!confirm) return;
    const handle = setTimeout(() => setTick((n) => n + 1), settleMs + 20); // the confirmation becomes active
    return () => clearTimeout(handle);
  }, [confirm]);

  function press(e: MouseEvent) {
    e.preventDefault(); // the action runs here, never through a form's own submission
    // A click from the keyboard (Enter, Space, a form's implicit submission) has no pointer position: detail 0.
    const why = guard.check(e.detail === 0 ? 'keyboard' : 'pointer', e.currentTarget as Element);
    setRefused(why);
    if (why) return;
    if (guard.facts.mode === 'confirm' && !props.typedHere) {
      setConfirm({ at: guard.now(), offset: Math.floor(crypto.getRandomValues(new Uint8Array(1))[0]! / 256 * 50) });
      return;
    }
    props.onPress();
  }

  function confirmPress(e: MouseEvent) {
    e.preventDefault();
    const why = confirm ? guard.checkConfirm(confirm.at) : 'unfocused';
    setRefused(why);
    setConfirm(null);
    if (!why) props.onPress();
  }

  const holdsBack = guard.pointerRefusal();
  const waiting = confirm !== null && guard.checkConfirm(confirm.at) === 'settling';
  return (
    <>
      <button type={props.type ?? 'button'} data-testid={props.testId} disabled={props.disabled} aria-label={props.ariaLabel}
        aria-describedby={props.describedBy} aria-disabled={holdsBack ? 'true' : undefined}
        data-guard={holdsBack ?? 'armed'}
        onClick={press}>
        {props.label}
      </button>
      {refused && <span role="alert" class="lp-warn lp-guard-refusal" data-testid="guard-refusal"> {t(refusalText[refused])}</span>}
      {confirm && (
        <span class="lp-guard-confirm" data-testid="guard-confirm" style={{ marginLeft: `${confirm.offset}%` }}>
          {t('guardConfirmWhy')}{' '}
          <button type="button" data-testid="guard-confirm-button" aria-disabled={waiting ? 'true' : undefined} onClick={confirmPress}>
            {t('guardConfirm', props.label)}
          </button>
        </span>
      )}
    </>
  );
}
