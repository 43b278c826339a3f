/**
 * Roundcube's own attachment upload, driven from the content script: the (encrypted) file goes into its
 * file input and a `change` event starts the upload exactly as if the user had picked it, so Roundcube's
 * size checks, progress and attachment list all apply (content/site-upload.ts). Selectors come from
 * roundcube.ts's `sel`.
 */
import { oneAtATime, uploadThroughInput } from '../site-upload';

/** Why an upload did not end in Roundcube's attachment list. */
export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(readonly reason: 'refused' | 'timeout', message: string) {
    super(message);
  }
}

export type UploadSelectors = { input: string; list: string; done: string; uploading: string };

/**
 * The list items of files Lockpane itself uploaded (encrypted `.pgp` files, `smime.p7m`): they are not
 * the user's plaintext files that roundcube-site-files.ts warns about.
 */
export const ownUploads = new WeakSet<Element>();

/** How long one upload may take before attach() gives up (Roundcube shows its own progress meanwhile). */
export const uploadTimeoutMs = 10 * 60 * 1000;

/**
 * An attach function for this compose document, or null when it has no upload form. It resolves when
 * Roundcube lists the finished attachment and rejects with an UploadError when the upload item disappears
 * without one (Roundcube refused it: size, server error) or after the timeout. Uploads run one at a time.
 */
export function roundcubeUploader(doc: Document, sel: UploadSelectors, timeoutMs = uploadTimeoutMs): ((file: File) => Promise<void>) | null {
  const input = doc.querySelector<HTMLInputElement>(sel.input);
  const list = doc.querySelector(sel.list);
  if (!input || !list) return null;
  return oneAtATime((file) => uploadThroughInput(input, file, () => {
    const before = new Set([...list.querySelectorAll(sel.done)]);
    const done = () => {
      const item = [...list.querySelectorAll(sel.done)].find((li) => !before.has(li) && (li.textContent ?? '').includes(file.name));
      if (item) ownUploads.add(item);
      return item !== undefined;
    };
    let sawUpload = false;
    return {
      target: list, attributes: ['class', 'id'], timeoutMs,
      state: () => {
        if (done()) return 'done';
        if (list.querySelector(sel.uploading) !== null) sawUpload = true;
        else if (sawUpload) return new UploadError('refused', `Roundcube did not accept the attachment ${file.name}`);
        return null;
      },
      timeoutError: () => new UploadError('timeout', `Roundcube upload of ${file.name} timed out`),
    };
  }));
}
