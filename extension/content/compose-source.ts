/**
 * Where compose editors come from: a site adapter's precise compose panes, or the generic finder. Either way
 * the watcher gets the same shape: the editor element, recipient hints, and how to put ciphertext in.
 */
import type { SiteAdapter } from './adapter';
import { describeCompose, findEditors } from './compose-finder';
import { insertText } from './insert-text';

export type ComposeSlot = {
  editor: HTMLElement;
  hints(): { to: string[]; cc: string[]; subject: string | null };
  insert(text: string): void;
  /** Sets the web mail's Subject field; null where Lockpane cannot (generic mode). */
  setSubject: ((subject: string) => void) | null;
  /** Attaches an encrypted file through the web mail's own upload; null where Lockpane cannot (generic mode). */
  attach: ((file: File) => Promise<void>) | null;
};

export type ComposeSource = (root: ParentNode) => ComposeSlot[];

export const genericCompose: ComposeSource = (root) => findEditors(root).map((editor) => ({
  editor,
  hints: () => describeCompose(editor),
  insert: (text) => insertText(editor, text),
  setSubject: null,
  attach: null,
}));

export function adapterCompose(adapter: SiteAdapter, doc: Document): ComposeSource {
  return () => adapter.composePanes(doc).map((pane) => ({
    editor: pane.editor,
    hints: () => {
      const r = pane.getRecipients();
      return { to: r.to, cc: [...r.cc, ...r.bcc], subject: pane.getSubject() };
    },
    insert: (text) => pane.setBody(text),
    setSubject: pane.setSubject ?? null,
    attach: pane.attach,
  }));
}
