/**
 * Generic secure compose: a "Secure" control beside each editor; on a real click, an extension-origin editor
 * frame opens below it. The worker later sends back only ciphertext, which goes into the page's editor.
 */
import { call } from './worker-client';
import type { ContentAttach, ContentInsert } from '../shared/content-messages';
import type { ContentAttachReply } from '../shared/content-replies';
import { createAttachmentAssembly } from './attachment-assembly';
import type { ComposeSlot, ComposeSource } from './compose-source';
import { editorFrameHeightPx, mountFrame } from './frame-mount';
import { addSecureButton } from './secure-button';

export function createComposeWatcher(root: HTMLElement, source: ComposeSource) {
  /** Each editor's Secure control (its host element), so frames mount right after it. */
  const controls = new WeakMap<HTMLElement, HTMLElement>();
  const slotsByToken = new Map<string, ComposeSlot>();

  async function open(slot: ComposeSlot, after: Element): Promise<void> {
    const target = slot.hints();
    const { token } = await call('editor.open', {
      to: target.to.slice(0, 100), cc: target.cc.slice(0, 100), ...(target.subject ? { subject: target.subject } : {}), canAttach: slot.attach !== null,
    });
    slotsByToken.set(token, slot);
    const frame = mountFrame('editor', token, after);
    frame.style.height = `${editorFrameHeightPx}px`;
  }

  function attach(slot: ComposeSlot): HTMLElement {
    const known = controls.get(slot.editor);
    if (known) return known;
    const button = addSecureButton(slot.editor, () => void open(slot, button).catch((e: unknown) => console.warn('Lockpane could not open the editor', e)));
    controls.set(slot.editor, button);
    return button;
  }

  // Encrypted files only go to the slot whose editor frame asked for them.
  const assemble = createAttachmentAssembly((token) => {
    const slot = slotsByToken.get(token);
    return slot?.editor.isConnected ? slot.attach : null;
  });

  return {
    /** Attaches an encrypted file (sent in chunks) through the web mail's upload of the editor's compose form. */
    attach(message: ContentAttach): Promise<ContentAttachReply> {
      return assemble(message);
    },
    /** Puts ciphertext into the page editor the editor frame belongs to (for a reply: the first one on the page). */
    insert(message: ContentInsert): { inserted: boolean; subjectSet?: boolean } {
      const slot = slotsByToken.get(message.token) ?? source(root).find((s) => s.editor.isConnected && s.editor.getClientRects().length > 0);
      if (!slot || !slot.editor.isConnected) return { inserted: false };
      slot.insert(message.text);
      if (message.subject === undefined) return { inserted: true };
      slot.setSubject?.(message.subject);
      return { inserted: true, subjectSet: slot.setSubject !== null };
    },
    /**
     * The toolbar popup's "compose securely" (a gesture in extension UI, so no page click is needed): the
     * editor opens on the first visible compose form, mounted after its Secure control when it has one.
     */
    async openFirst(): Promise<boolean> {
      const slot = source(root).find((s) => s.editor.isConnected && s.editor.getClientRects().length > 0);
      if (!slot) return false;
      await open(slot, attach(slot));
      return true;
    },
    /**
     * A reply editor handed over after the page went to the web mail's own reply form: mounted on that
     * form's editor, and the ciphertext goes there.
     */
    openTaken(token: string): boolean {
      const slot = source(root).find((s) => s.editor.isConnected && s.editor.getClientRects().length > 0);
      if (!slot) return false;
      slotsByToken.set(token, slot);
      const frame = mountFrame('editor', token, attach(slot));
      frame.style.height = `${editorFrameHeightPx}px`;
      return true;
    },
    /** A reply editor, mounted under the reader frame it answers. */
    openEditor(after: Element, editorToken: string): void {
      const frame = mountFrame('editor', editorToken, after);
      frame.style.height = `${editorFrameHeightPx}px`;
    },
    scan(subtree: ParentNode = root): void {
      for (const slot of source(subtree)) attach(slot);
    },
  };
}
