/**
 * Attaching a file through a web mail's own upload input, for every site adapter: the (encrypted) file
 * goes into the site's file input and a `change` event starts the upload exactly as if the user had picked
 * it, so the site's own size checks, progress and attachment list apply. The adapter says which element to
 * watch and when the upload counts as done or refused.
 */

/** Fires a DOM event made by the target's own window. */
export function fire(target: Element, type: string): void {
  const view = target.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  target.dispatchEvent(new (view?.Event ?? Event)(type, { bubbles: true }));
}

export type UploadWatch = {
  /** The element whose changes tell the upload's progress (the attachment list or the compose form). */
  target: Element;
  /** Attribute changes that matter besides added and removed nodes. */
  attributes: string[];
  /** After each change: null while running, 'done' when listed, an Error when the site refused it. */
  state: () => 'done' | Error | null;
  timeoutMs: number;
  timeoutError: () => Error;
};

/** Puts `file` into the site's `input` and resolves once `watch` says it is listed. */
export function uploadThroughInput(input: HTMLInputElement, file: File, watchFor: () => UploadWatch): Promise<void> {
  const view = input.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  if (!view) return Promise.reject(new Error('the upload input has no window'));
  return new Promise<void>((resolve, reject) => {
    const watch = watchFor(); // taken before the upload starts, so its "before" state is the list without this file
    const finish = (error: Error | null) => {
      observer.disconnect();
      view.clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const observer = new view.MutationObserver(() => {
      const state = watch.state();
      if (state === 'done') finish(null);
      else if (state) finish(state);
    });
    const timer = view.setTimeout(() => finish(watch.timeoutError()), watch.timeoutMs);
    observer.observe(watch.target, { childList: true, subtree: true, attributes: true, attributeFilter: watch.attributes });
    const transfer = new view.DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    fire(input, 'change');
  });
}

/** Runs uploads one at a time (sites keep one upload form); a failed one does not block the next. */
export function oneAtATime(uploadOne: (file: File) => Promise<void>): (file: File) => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  return (file) => {
    const next = queue.then(() => uploadOne(file));
    queue = next.catch(() => undefined);
    return next;
  };
}
