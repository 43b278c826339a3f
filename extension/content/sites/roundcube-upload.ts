/**
 * Roundcube's own attachment upload, driven from the content script: the (encrypted) file goes into its
 * file input and a `change` event starts the upload exactly as if the user had picked it, so Roundcube's
 * size checks, progress and attachment list all apply. Selectors come from roundcube.ts's `sel`.
 */

/** Why an upload did not end in Roundcube's attachment list. */
export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(readonly reason: 'refused' | 'timeout', message: string) {
    super(message);
  }
}

export type UploadSelectors = { input: string; list: string; done: string; uploading: string };

/** How long one upload may take before attach() gives up (Roundcube shows its own progress meanwhile). */
export const uploadTimeoutMs = 10 * 60 * 1000;

/** Fires a DOM event made by the target's own window. */
function fire(target: Element, type: string): void {
  const view = target.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  const EventType = view?.Event ?? Event;
  target.dispatchEvent(new EventType(type, { bubbles: true }));
}

/**
 * An attach function for this compose document, or null when it has no upload form. It resolves when
 * Roundcube lists the finished attachment and rejects with an UploadError when the upload item disappears
 * without one (Roundcube refused it: size, server error) or after the timeout. Uploads run one at a time.
 */
export function roundcubeUploader(doc: Document, sel: UploadSelectors, timeoutMs = uploadTimeoutMs): ((file: File) => Promise<void>) | null {
  const input = doc.querySelector<HTMLInputElement>(sel.input);
  const list = doc.querySelector(sel.list);
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  if (!input || !list || !view) return null;
  let queue: Promise<void> = Promise.resolve();

  const uploadOne = (file: File) => new Promise<void>((resolve, reject) => {
    const before = new Set([...list.querySelectorAll(sel.done)]);
    const done = () => [...list.querySelectorAll(sel.done)].some((li) => !before.has(li) && (li.textContent ?? '').includes(file.name));
    let sawUpload = false;
    const finish = (error: Error | null) => {
      observer.disconnect();
      view.clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const observer = new view.MutationObserver(() => {
      if (done()) return finish(null);
      if (list.querySelector(sel.uploading) !== null) sawUpload = true;
      else if (sawUpload) finish(new UploadError('refused', `Roundcube did not accept the attachment ${file.name}`));
    });
    const timer = view.setTimeout(() => finish(new UploadError('timeout', `Roundcube upload of ${file.name} timed out`)), timeoutMs);
    observer.observe(list, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'id'] });
    const transfer = new view.DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    fire(input, 'change');
  });

  return (file: File) => {
    const next = queue.then(() => uploadOne(file));
    queue = next.catch(() => undefined);
    return next;
  };
}
