/**
 * Adding recipients to a web mail's own address fields, for site adapters: the address is typed into the
 * field's input and committed with Enter, as the user would, so the site makes its own chip and its Send
 * and draft see it. Only addresses no field holds yet are added: nothing is removed, and a Bcc recipient
 * (which the secure editor shows under Cc) is never copied into Cc.
 */
import type { Recipients } from './adapter';
import { fire } from './site-upload';

const addrSpec = /^[^\s@<>",;()]+@[^\s@<>",;()]+$/;
const fields = ['to', 'cc', 'bcc'] as const;

/** For each field, the addresses of `wanted` that no field of `present` holds (case-insensitively), each once. */
export function missingRecipients(present: Recipients, wanted: Partial<Recipients>): Recipients {
  const seen = new Set(fields.flatMap((f) => present[f]).map((a) => a.toLowerCase()));
  const out: Recipients = { to: [], cc: [], bcc: [] };
  for (const f of fields) {
    for (const addr of wanted[f] ?? []) {
      if (!addrSpec.test(addr) || seen.has(addr.toLowerCase())) continue;
      seen.add(addr.toLowerCase());
      out[f].push(addr);
    }
  }
  return out;
}

/** A recipient field's input: an `<input>`/`<textarea>`, or a contenteditable well (Outlook's). */
export type RecipientInput = HTMLInputElement | HTMLTextAreaElement | HTMLElement;

/**
 * Types `address` into the site's recipient input and presses Enter: an input through the native value
 * setter (so frameworks see it), a contenteditable well as typed text (insertText, so its editor sees it).
 */
export function typeRecipient(input: RecipientInput, address: string): void {
  const doc = input.ownerDocument;
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  input.focus({ preventScroll: true }); // the page stays where the user looks (at the editor)
  if (input.localName === 'input' || input.localName === 'textarea') {
    const field = input as HTMLInputElement | HTMLTextAreaElement;
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field) as object, 'value')?.set;
    if (setter) setter.call(field, address);
    else field.value = address;
    fire(field, 'input');
  } else if (doc.execCommand?.('insertText', false, address) !== true) {
    input.append(doc.createTextNode(address));
    fire(input, 'input');
  }
  input.dispatchEvent(new (view?.KeyboardEvent ?? KeyboardEvent)('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
}

/** Adds what `wanted` lacks to the fields `inputOf` finds (a field without an input is left alone). */
export function addMissingRecipients(present: Recipients, wanted: Partial<Recipients>, inputOf: (field: keyof Recipients) => RecipientInput | null): void {
  const missing = missingRecipients(present, wanted);
  let typed: RecipientInput | null = null;
  for (const f of fields) {
    const input = missing[f].length > 0 ? inputOf(f) : null;
    for (const addr of input ? missing[f] : []) typeRecipient(input!, addr);
    typed = input ?? typed;
  }
  // Not left focused in an address field: leaving it commits what is there, as the user's next click would.
  if (typed) typed.blur();
}
