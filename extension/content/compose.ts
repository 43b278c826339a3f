/**
 * Generic secure compose: a "Secure" control beside each editor; on a real click, an extension-origin editor
 * frame opens below it. The worker later sends back only ciphertext, which goes into the page's editor.
 */
import { call } from '../shared/client';
import type { ContentInsert } from '../shared/content-messages';
import { describeCompose, findEditors } from './compose-finder';
import { editorFrameHeightPx, mountFrame } from './frame-mount';
import { insertText } from './insert-text';
import { addSecureButton } from './secure-button';

export function createComposeWatcher(root: HTMLElement) {
  const handled = new WeakSet<HTMLElement>();
  const editorsByToken = new Map<string, HTMLElement>();

  async function open(editor: HTMLElement, button: HTMLElement): Promise<void> {
    const target = describeCompose(editor);
    const { token } = await call('editor.open', { to: target.to, cc: target.cc, ...(target.subject ? { subject: target.subject } : {}) });
    editorsByToken.set(token, editor);
    const frame = mountFrame('editor', token, button);
    frame.style.height = `${editorFrameHeightPx}px`;
  }

  function attach(editor: HTMLElement): void {
    if (handled.has(editor)) return;
    handled.add(editor);
    const button = addSecureButton(editor, () => void open(editor, button).catch((e: unknown) => console.warn('Lockpane could not open the editor', e)));
  }

  return {
    /** Puts ciphertext into the page editor the editor frame belongs to (for a reply: the first one on the page). */
    insert(message: ContentInsert): { inserted: boolean } {
      const editor = editorsByToken.get(message.token) ?? findEditors(root).find((e) => e.isConnected && e.offsetParent !== null);
      if (!editor || !editor.isConnected) return { inserted: false };
      insertText(editor, message.text);
      return { inserted: true };
    },
    /** A reply editor, mounted under the reader frame it answers. */
    openEditor(after: Element, editorToken: string): void {
      const frame = mountFrame('editor', editorToken, after);
      frame.style.height = `${editorFrameHeightPx}px`;
    },
    scan(subtree: ParentNode = root): void {
      for (const editor of findEditors(subtree)) attach(editor);
    },
  };
}
