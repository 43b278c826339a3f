/**
 * The one field for a secret (key passphrase, message or file password), for the frames and the options
 * page alike: always a labelled `type=password` input, so no secret is ever shown, spell-checked or
 * autofilled by a name-based guess, and every form gets the same label wiring.
 */
import type { ComponentChildren, RefObject } from 'preact';

type Props = {
  label: ComponentChildren;
  value: string;
  onValue: (value: string) => void;
  testId: string;
  /** 'current': an existing passphrase; 'new': one being chosen; 'off': a one-time password (a message's, a file's). */
  purpose: 'current' | 'new' | 'off';
  inputRef?: RefObject<HTMLInputElement | null>;
  describedBy?: string;
  disabled?: boolean;
  autofocus?: boolean;
  required?: boolean;
  minLength?: number;
  invalid?: boolean;
  /** 'field' stacks label and input (options page); 'inline' keeps them on one line (frames). */
  layout?: 'field' | 'inline';
};

const autocomplete = { current: 'current-password', new: 'new-password', off: 'off' } as const;

export function SecretInput(props: Props) {
  const input = (
    <input ref={props.inputRef} type="password" autocomplete={autocomplete[props.purpose]} spellcheck={false}
      data-testid={props.testId} value={props.value} disabled={props.disabled} autofocus={props.autofocus}
      required={props.required} minLength={props.minLength} aria-invalid={props.invalid} aria-describedby={props.describedBy}
      onInput={(e) => props.onValue(e.currentTarget.value)} />
  );
  return props.layout === 'inline'
    ? <label>{props.label}{' '}{input}</label>
    : <label class="lp-field">{props.label}{input}</label>;
}
