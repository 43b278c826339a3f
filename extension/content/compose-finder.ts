/**
 * Generic compose detection: any visible textarea or contenteditable region an enabled page offers,
 * small ones included. Recipient hints come from nearby address fields; they are only suggestions.
 */
export type ComposeTarget = { editor: HTMLElement; to: string[]; cc: string[]; subject: string | null };

const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * The editable body of a same-origin frame, or null: rich editors (CKEditor, TinyMCE) keep their text in
 * an about:blank frame the content script does not run in, so the page's own script finds it here.
 */
export function framedEditable(frame: HTMLIFrameElement): HTMLElement | null {
  try {
    const doc = frame.contentDocument;
    const body = doc?.body ?? null;
    return body && (body.isContentEditable || doc?.designMode === 'on') ? body : null;
  } catch {
    return null; // another origin (Lockpane's own frames among them)
  }
}

function isEditor(el: Element): el is HTMLElement {
  // Hidden fields (address widgets back their chips with hidden textareas) are not compose editors.
  if (el instanceof HTMLElement && el.getClientRects().length === 0) return false;
  if (el.tagName === 'IFRAME') return framedEditable(el as HTMLIFrameElement) !== null;
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  return el instanceof HTMLElement && el.isContentEditable && el.parentElement?.isContentEditable !== true;
}

/**
 * The sender's own field is never a recipient field, however its label reads: SOGo labels its From picker
 * "Choose which identity to send this message from", which the To pattern would match.
 */
const senderField = /(^|[\s_-])(from|sender|identity|absender|von)($|[\s_-])/i;

function fieldText(scope: Element, pattern: RegExp, except?: RegExp): string {
  const fields = [...scope.querySelectorAll<HTMLElement>('input, [role="textbox"], [contenteditable]')];
  const label = (f: HTMLElement) => `${f.getAttribute('name') ?? ''} ${f.id} ${f.getAttribute('aria-label') ?? ''} ${f.getAttribute('placeholder') ?? ''}`;
  const match = fields.filter((f) => pattern.test(label(f)) && !except?.test(label(f)));
  return match.map((f) => (f instanceof HTMLInputElement ? f.value : f.textContent ?? '')).join(',');
}

function addresses(text: string): string[] {
  return [...new Set((text.match(emailPattern) ?? []).map((a) => a.toLowerCase()))].slice(0, 100);
}

export function describeCompose(editor: HTMLElement): ComposeTarget {
  const scope = editor.closest('form, [role="dialog"], section, main') ?? editor.ownerDocument.body;
  const subject = fieldText(scope, /subject|betreff/i);
  return {
    editor,
    to: addresses(fieldText(scope, /(^|[\s_-])(to|recipients?|an)($|[\s_-])/i, senderField)),
    cc: addresses(fieldText(scope, /(^|[\s_-])cc($|[\s_-])/i, senderField)),
    subject: subject ? subject.slice(0, 998) : null,
  };
}

const editorSelector = 'textarea, [contenteditable=""], [contenteditable="true"], iframe';

/** Editors in `root`, the root itself included: an editor in a frame is found as its <iframe>. */
export function findEditors(root: ParentNode): HTMLElement[] {
  const self = root instanceof Element && root.matches(editorSelector) ? [root] : [];
  return [...self, ...root.querySelectorAll(editorSelector)].filter(isEditor);
}
