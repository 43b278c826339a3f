/**
 * Keyboard focus leaving a secret field (passphrase, the editor's text) for the page: the page may have
 * taken it to catch what the user types next (SECURITY A6.8). The warning stays until the user
 * acknowledges it: the page can hand the focus back at once, but what it caught meanwhile is gone.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../ui-kit/i18n';

/** True from the moment the frame lost focus while `field` had it, until acknowledge() is called. */
export function useFocusLoss(field: RefObject<HTMLElement | null>, onLost?: () => void): { lost: boolean; acknowledge: () => void } {
  const [lost, setLost] = useState(false);
  const lostHandler = useRef(onLost);
  lostHandler.current = onLost;
  useEffect(() => {
    // The field loses focus first, the frame's window right after: if the document then has no focus, the
    // keys went outside the frame (to the page), not to another control of ours.
    const onFocusOut = (e: FocusEvent) => {
      if (!field.current || e.target !== field.current) return;
      setTimeout(() => {
        if (document.hasFocus()) return;
        setLost(true);
        lostHandler.current?.();
      }, 0);
    };
    document.addEventListener('focusout', onFocusOut, true);
    return () => document.removeEventListener('focusout', onFocusOut, true);
  }, [field]);
  return { lost, acknowledge: () => setLost(false) };
}

/** The sticky warning with its acknowledge button, laid over the frame's top so nothing under the pointer moves. */
export function FocusLossWarning(props: { text: string; testId: string; onAcknowledge: () => void }) {
  return (
    <div class="lp-warn lp-focus-lost" role="alert" data-testid={props.testId}>
      <p>{props.text}</p>
      <button type="button" data-testid={`${props.testId}-ack`} onClick={props.onAcknowledge}>{t('focusLossAcknowledge')}</button>
    </div>
  );
}
