/**
 * Generic mode's `attach` as content.js carries it: only the check whether the form takes attachments.
 * The first file to attach loads `sites/generic.js` (generic mode with the upload code) and hands the
 * file to that adapter's pane for the same editor, so no page pays for upload code it never uses.
 */
import type { ComposePane, SiteAdapter } from '../adapter';
import { findUploadInput } from '../upload-input';
import { genericId, type AttachFor } from './generic';

export function lazyGenericAttach(loadBundle: (id: typeof genericId) => Promise<SiteAdapter>): AttachFor {
  return (editor) => {
    if (!findUploadInput(editor)) return null;
    let full: Promise<ComposePane['attach']> | null = null;
    return async (file) => {
      full ??= loadBundle(genericId).then((a) => a.composePanes(editor.ownerDocument).find((p) => p.editor === editor)?.attach ?? null);
      const attach = await full;
      if (!attach) throw new Error('The compose form no longer has its upload field.');
      return attach(file);
    };
  };
}
