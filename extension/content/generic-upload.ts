/**
 * Attachments in generic mode: the encrypted file goes into the compose form's own file input
 * (upload-input.ts says which, if any) as if the user had picked it. The upload counts as done when the page lists the file's name in that form
 * (one mention more than before: what web mails that upload at once do), or when the input still holds it after a moment (a plain form
 * that sends its files with the message).
 */
import { fire, oneAtATime, uploadThroughInput } from './site-upload';
import { composeScope, findUploadInput } from './upload-input';

const listedWithinMs = 60_000;
/** A plain form does nothing visible: the file simply stays in its input. */
const keptAfterMs = 1500;

/** How often the form's text names the file: the page listing it adds one (the body may name it too). */
function mentions(scope: Element, name: string): number {
  return (scope.textContent ?? '').split(name).length - 1;
}

class NotListedYet extends Error {}

function holds(input: HTMLInputElement, file: File): boolean {
  return [...(input.files ?? [])].some((f) => f.name === file.name && f.size === file.size);
}

async function uploadOne(editor: HTMLElement, file: File): Promise<void> {
  const input = findUploadInput(editor); // found again: the page may have rebuilt its form
  const scope = composeScope(editor);
  const view = input?.ownerDocument.defaultView;
  if (!input || !scope || !view) throw new Error('The compose form no longer has its upload field.');
  const earlier = [...(input.files ?? [])];
  if (earlier.length > 0) {
    // A plain form keeps its files in the input until Send: add to them where it takes several.
    if (!input.multiple) throw new Error(`This page's upload field takes one file only; ${file.name} was not attached.`);
    const transfer = new view.DataTransfer();
    for (const f of [...earlier, file]) transfer.items.add(f);
    input.files = transfer.files;
    fire(input, 'change');
    return;
  }
  const started = Date.now();
  const before = mentions(scope, file.name);
  const listed = () => mentions(scope, file.name) > before;
  try {
    await uploadThroughInput(input, file, () => ({
      target: scope, attributes: [],
      state: () => (listed() ? 'done' : null),
      timeoutMs: keptAfterMs, timeoutError: () => new NotListedYet(),
    }));
  } catch (e) {
    if (!(e instanceof NotListedYet)) throw e;
    if (holds(input, file)) return; // a plain form: it sends the file with the message
    // The page took the file out of its input (it uploads) and has not listed it yet: wait for the listing.
    await new Promise<void>((resolve, reject) => {
      const done = (error: Error | null) => { observer.disconnect(); view.clearTimeout(timer); if (error) reject(error); else resolve(); };
      const observer = new view.MutationObserver(() => { if (listed()) done(null); });
      const timer = view.setTimeout(() => done(new Error(`The web mail did not list ${file.name}; check its attachments before sending.`)),
        Math.max(0, listedWithinMs - (Date.now() - started)));
      observer.observe(scope, { childList: true, subtree: true, characterData: true });
    });
  }
}

/** The generic pane's `attach`, or null when the editor's form takes no attachments. */
export function genericAttach(editor: HTMLElement): ((file: File) => Promise<void>) | null {
  return findUploadInput(editor) ? oneAtATime((file) => uploadOne(editor, file)) : null;
}
