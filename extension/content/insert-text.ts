/**
 * Puts ciphertext into a web mail's editor so the site notices: for textareas the native value setter plus
 * `input`/`change` events (frameworks track the setter); for contenteditable, `insertText` (which fires
 * `beforeinput`/`input` like typing) with a plain-text fallback.
 */
export function insertText(editor: HTMLElement, text: string): void {
  if (editor instanceof HTMLTextAreaElement) {
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
    if (setter) setter.call(editor, text);
    else editor.value = text;
    editor.dispatchEvent(new Event('input', { bubbles: true }));
    editor.dispatchEvent(new Event('change', { bubbles: true }));
    return;
  }
  editor.focus();
  const selection = editor.ownerDocument.getSelection();
  selection?.selectAllChildren(editor);
  const inserted = editor.ownerDocument.execCommand?.('insertText', false, text) === true && editor.textContent?.includes(text.split('\n')[0]!);
  if (!inserted) {
    editor.replaceChildren(...text.split('\n').flatMap((line, i) => (i === 0 ? [document.createTextNode(line)] : [document.createElement('br'), document.createTextNode(line)])));
    editor.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
  }
}

/**
 * A rich editor's body (in its frame): the text as one <pre>, so armor lines and the blank line stay as they
 * are when the editor turns its HTML into mail, inserted by an editing command so the editor registers it
 * (CKEditor's change event, TinyMCE's input). Plain insertion when the command is refused.
 */
export function insertPreformatted(body: HTMLElement, text: string): void {
  const doc = body.ownerDocument;
  body.focus();
  doc.getSelection()?.selectAllChildren(body);
  const html = `<pre>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</pre>`;
  if (doc.execCommand?.('insertHTML', false, html) === true && body.textContent?.includes(text.split('\n')[0]!)) return;
  insertText(body, text);
}
