/**
 * Whether a compose form takes attachments, for generic mode: the editor's own form or dialog has exactly
 * one file input of its own that takes any file (no image-only `accept`). Never a file input elsewhere on
 * the page (an avatar upload, another form), and never a guess between two. This check ships in
 * content.js; the upload itself (generic-upload.ts) comes in `sites/generic.js` on first use.
 */

/** The editor's own compose form; null when the editor sits loose in the page. */
export function composeScope(editor: HTMLElement): Element | null {
  return editor.closest('form, [role="dialog"], section');
}

/** True unless `accept` restricts the input to types our .pgp/.p7m/.html files are not. */
function takesAnyFile(input: HTMLInputElement): boolean {
  const accept = input.accept.trim().toLowerCase();
  return accept === '' || accept.split(',').some((a) => a.trim() === '*/*' || a.trim() === '*');
}

export function findUploadInput(editor: HTMLElement): HTMLInputElement | null {
  const scope = composeScope(editor);
  if (!scope) return null;
  const inputs = [...scope.querySelectorAll<HTMLInputElement>('input[type="file"]')].filter((i) => !i.disabled && takesAnyFile(i));
  return inputs.length === 1 ? inputs[0]! : null;
}
