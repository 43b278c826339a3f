/**
 * Generic mode, the registry's last adapter: claims every page no specific adapter claims (and every page
 * whose adapter failed its health check). It has no read panes (the armored-block detector finds blocks
 * anywhere, without sender or raw source) and treats every visible textarea or contenteditable region as
 * a compose form, with recipient hints from nearby fields and attachments through the form's own file
 * input where it has one (upload-input.ts; the upload code itself is `sites/generic.js`, loaded on first
 * use). Bundled into content.js itself.
 *
 * Its compose tracking looks only at the subtrees each page-change batch added, never the whole document
 * again, so a churning page costs next to nothing.
 */
import type { AdapterRun, ComposePane, SiteAdapter, SiteId } from '../adapter';
import { describeCompose, findEditors, framedEditable } from '../compose-finder';
import { insertPreformatted, insertText } from '../insert-text';

export const genericId = 'generic' as SiteId;

/** A compose form's `attach`, or null where it takes no attachments. */
export type AttachFor = (editor: HTMLElement) => ComposePane['attach'];

function genericPane(editor: HTMLElement, attachFor: AttachFor): ComposePane {
  return {
    editor,
    getRecipients: () => {
      const target = describeCompose(editor);
      return { to: target.to, cc: target.cc, bcc: [] };
    },
    getSubject: () => describeCompose(editor).subject,
    setBody: (text) => {
      // An editor in a frame is found as its <iframe> (the Secure control sits before it); the text goes into its body.
      const framed = editor.tagName === 'IFRAME' ? framedEditable(editor as HTMLIFrameElement) : null;
      if (framed) insertPreformatted(framed, text);
      else insertText(editor, text);
    },
    attach: attachFor(editor),
    smimeInline: true,
  };
}

export function createGenericAdapter(attachFor: AttachFor): SiteAdapter {
  let stopRun: (() => void) | null = null;

  function stop(): void {
    stopRun?.();
    stopRun = null;
  }

  return {
    id: genericId,
    matches: (url) => url.protocol === 'https:' || url.protocol === 'http:',
    detect: () => true,
    readPanes: () => [],
    composePanes: (doc) => findEditors(doc.body ?? doc).map((e) => genericPane(e, attachFor)),
    health: () => ({ ok: true }),
    takesReplies: false,
    start(run: AdapterRun): void {
      if (stopRun || run.signal.aborted) return;
      const known = new Map<HTMLElement, ComposePane>();
      // A frame whose editor is written after the frame was added (CKEditor writes its document later) is
      // looked at again when it loads.
      const watched = new WeakSet<Node>();
      const add = (root: ParentNode): void => {
        for (const editor of findEditors(root)) {
          if (known.has(editor)) continue;
          const pane = genericPane(editor, attachFor);
          known.set(editor, pane);
          run.report.composePane(pane);
        }
        for (const frame of [root, ...root.querySelectorAll('iframe')]) {
          if ((frame as Element).tagName !== 'IFRAME' || watched.has(frame)) continue;
          watched.add(frame);
          frame.addEventListener('load', () => { if (!run.signal.aborted && (frame as Element).isConnected) add(frame); });
        }
      };
      const unsubscribe = run.changes.subscribe((nodes) => {
        for (const [editor, pane] of known) {
          if (!editor.isConnected) {
            known.delete(editor);
            run.report.composePaneGone(pane);
          }
        }
        for (const n of nodes) if (n instanceof HTMLElement && n.isConnected) add(n);
      });
      const onAbort = (): void => stop();
      run.signal.addEventListener('abort', onAbort);
      stopRun = () => {
        unsubscribe();
        run.signal.removeEventListener('abort', onAbort);
      };
      add(run.doc.body ?? run.doc);
    },
    stop,
  };
}
