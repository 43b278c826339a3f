/**
 * Secure compose: a "Secure" control beside each compose pane's editor (the panes come from the running
 * site adapter, generic mode included); on a real click, an extension-origin editor frame opens below it.
 * The worker later sends back only ciphertext, which goes into the page's editor.
 */
import { call } from './worker-client';
import type { ContentAttach, ContentInsert } from '../shared/content-messages';
import type { ContentAttachReply } from '../shared/content-replies';
import type { ComposePane } from './adapter';
import { createAttachmentAssembly } from './attachment-assembly';
import { editorFrameHeightPx, mountFrame } from './frame-mount';
import { addSecureButton } from './secure-button';

function hintsOf(pane: ComposePane): { to: string[]; cc: string[]; subject: string | null } {
  const r = pane.getRecipients();
  // The editor has no Bcc row: Bcc recipients need a key just the same, so they join Cc there.
  return { to: r.to, cc: [...r.cc, ...r.bcc], subject: pane.getSubject() };
}

export function createComposeWatcher() {
  /** The panes the adapter reports now, by editor (a pane found again replaces the old one). */
  const panes = new Map<HTMLElement, ComposePane>();
  /** Each editor's Secure control (its host element), so frames mount right after it. */
  const controls = new WeakMap<HTMLElement, HTMLElement>();
  const panesByToken = new Map<string, ComposePane>();

  async function open(pane: ComposePane, after: Element): Promise<void> {
    const target = hintsOf(pane);
    const { token } = await call('editor.open', {
      to: target.to.slice(0, 100), cc: target.cc.slice(0, 100), ...(target.subject ? { subject: target.subject } : {}), canAttach: pane.attach !== null,
      ...(pane.smimeInline ? { smimeInline: true } : {}), pgpMime: !!pane.setPgpMime,
    });
    pane.setPgpMime?.(null); // a new editor: what an earlier one set must not go out
    panesByToken.set(token, pane);
    const frame = mountFrame('editor', token, after);
    frame.style.height = `${editorFrameHeightPx}px`;
  }

  function controlFor(pane: ComposePane): HTMLElement {
    const known = controls.get(pane.editor);
    if (known?.isConnected) return known;
    const button = addSecureButton(pane.editor, () => {
      // The pane reported last for this editor: an adapter may have replaced it since the button was added.
      const current = panes.get(pane.editor) ?? pane;
      void open(current, button).catch((e: unknown) => console.warn('Lockpane could not open the editor', e));
    });
    controls.set(pane.editor, button);
    return button;
  }

  function firstVisible(): ComposePane | undefined {
    return [...panes.values()].find((p) => p.editor.isConnected && p.editor.getClientRects().length > 0);
  }

  // Encrypted files only go to the pane whose editor frame asked for them.
  const assemble = createAttachmentAssembly((token) => {
    const pane = panesByToken.get(token);
    return pane?.editor.isConnected ? pane.attach : null;
  });

  return {
    /** A compose pane appeared: it gets its Secure control. */
    add(pane: ComposePane): void {
      panes.set(pane.editor, pane);
      controlFor(pane);
    },
    /** A compose pane went (its window closed, the view changed). */
    remove(pane: ComposePane): void {
      if (panes.get(pane.editor) === pane) panes.delete(pane.editor);
    },
    /** Attaches an encrypted file (sent in chunks) through the web mail's upload of the editor's compose form. */
    attach(message: ContentAttach): Promise<ContentAttachReply> {
      return assemble(message);
    },
    /** Puts ciphertext into the page editor the editor frame belongs to (for a reply: the first one on the page). */
    insert(message: ContentInsert): { inserted: boolean; subjectSet?: boolean; siteFiles?: string[] } {
      const pane = panesByToken.get(message.token) ?? firstVisible();
      if (!pane?.editor.isConnected || (message.pgpMime && !pane.setPgpMime)) return { inserted: false };
      // The site would drop its own files from a PGP/MIME mail, or send them in clear beside an encrypted
      // one: nothing goes in, the editor says why.
      const siteFiles = (message.pgpMime || message.encrypted) && pane.siteFiles?.();
      if (siteFiles && siteFiles.length > 0) return { inserted: false, siteFiles };
      pane.setBody(message.text);
      pane.setPgpMime?.(message.pgpMime ?? null);
      if (message.to || message.cc) pane.setRecipients?.({ to: message.to ?? [], cc: message.cc ?? [] });
      if (message.subject === undefined) return { inserted: true };
      pane.setSubject?.(message.subject);
      return { inserted: true, subjectSet: typeof pane.setSubject === 'function' };
    },
    /**
     * The toolbar popup's "compose securely" (a gesture in extension UI, so no page click is needed): the
     * editor opens on the first visible compose form, mounted after its Secure control.
     */
    async openFirst(): Promise<boolean> {
      const pane = firstVisible();
      if (!pane) return false;
      await open(pane, controlFor(pane));
      return true;
    },
    /**
     * A reply editor handed over after the web mail opened its own reply form: mounted on that form's
     * editor (the pane just reported, else the first visible one), and the ciphertext goes there.
     */
    openTaken(token: string, pane: ComposePane | undefined = firstVisible()): boolean {
      if (!pane?.editor.isConnected) return false;
      panesByToken.set(token, pane);
      const frame = mountFrame('editor', token, controlFor(pane));
      frame.style.height = `${editorFrameHeightPx}px`;
      return true;
    },
    /** A reply editor, mounted under the reader frame it answers. */
    openEditor(after: Element, editorToken: string): void {
      const frame = mountFrame('editor', editorToken, after);
      frame.style.height = `${editorFrameHeightPx}px`;
    },
  };
}
