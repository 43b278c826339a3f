/**
 * A modal dialog on the native <dialog> element: the browser traps focus, Escape closes it, and focus
 * returns to the control that opened it.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const el = ref.current;
    if (el && !el.open) el.showModal();
    return () => opener?.focus?.();
  }, []);
  return (
    <dialog ref={ref} class="lp-dialog" aria-labelledby={titleId} data-testid={props.testId}
      onCancel={(e) => { e.preventDefault(); props.onClose(); }}>
      <h2 id={titleId} class="lp-dialog-title">{props.title}</h2>
      {props.children}
    </dialog>
  );
}
