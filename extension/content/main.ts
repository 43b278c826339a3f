/**
 * The content script for an enabled web mail. It only ever handles ciphertext: it finds blocks, sends them
 * to the worker, and mounts extension frames in their place. It listens to no `window` messages.
 */
import { call } from './worker-client';
import { createComposeWatcher } from './compose';
import { adapterCompose, genericCompose } from './compose-source';
import { roundcubeAdapter } from './sites/roundcube';
import { createDetector } from './detector';
import { mountFrame } from './frame-mount';
import { watchPage } from './page-changes';
import { listenToWorker } from './inbox';
import { startRawReading } from './raw-message';
import type { ReadPane } from './adapter';

async function start(): Promise<void> {
  try {
    await call('site.hello', {});
  } catch {
    return; // not enabled here (or the worker refused): do nothing at all
  }
  // A site adapter knows the web mail's real compose form; elsewhere the generic finder looks for editors.
  const adapter = [roundcubeAdapter].find((a) => a.matches(new URL(location.href)) && a.detect(document)) ?? null;
  const compose = createComposeWatcher(document.body, adapter ? adapterCompose(adapter, document) : genericCompose);
  /** Each reader frame by token, with the adapter's read pane it shows when there is one (for the web mail's own reply form). */
  const readers = new Map<string, { frame: HTMLIFrameElement; pane: ReadPane | null }>();
  listenToWorker({
    insert: (m) => compose.insert(m),
    attach: (m) => compose.attach(m),
    composeHere: async () => ({ opened: await compose.openFirst().catch(() => false) }),
    openEditor: (m) => {
      const reader = readers.get(m.readerToken);
      if (!reader?.frame.isConnected) return { opened: false };
      const openReply = reader.pane?.openReply;
      if (openReply) {
        // After this answer has gone back: the new page's content script takes the editor (editor.takeReply).
        setTimeout(openReply, 0);
        return { opened: false, navigating: true };
      }
      compose.openEditor(reader.frame, m.editorToken);
      return { opened: true };
    },
  });
  const changes = watchPage(document.body);
  const detector = createDetector(document.body, changes, (block, holder) => {
    // With an adapter, the read pane's sender address lets the worker compare it with the signer.
    const pane = adapter?.readPanes(document).find((p) => p.container.contains(holder)) ?? null;
    const from = pane?.senderEmail ?? null;
    void call('reader.open', { kind: block.kind, armored: block.text, ...(from ? { sender: from.slice(0, 320) } : {}) }).then(({ token }) => {
      if (!holder.isConnected) return;
      holder.setAttribute('data-lockpane-done', '');
      (holder as HTMLElement).style.display = 'none';
      readers.set(token, { frame: mountFrame('reader', token, holder), pane });
    }, (e: unknown) => console.warn('Lockpane could not open a reader', e));
  });
  // PGP/MIME, S/MIME and protected attachments are read from the raw source; such panes are marked first,
  // so the armored-block detector leaves them alone.
  if (adapter) {
    startRawReading(adapter.readPanes(document), document, (req) => call('reader.openRaw', req), (token, pane) => {
      (pane.container as HTMLElement).style.display = 'none';
      readers.set(token, { frame: mountFrame('reader', token, pane.container), pane });
    });
    // The web mail's reply form, opened by "Reply securely": the reply editor waiting for it mounts here.
    const composing = adapter.composePanes(document);
    if (composing.length > 0) {
      void call('editor.takeReply', { canAttach: composing.some((c) => c.attach !== null) }).then(({ token }) => {
        if (token && !compose.openTaken(token)) console.warn('Lockpane could not place the reply editor on this page');
      }, (e: unknown) => console.warn('Lockpane could not take the reply editor', e));
    }
  }
  changes.start();
  detector.start();
  compose.scan();
  // Editors that appear later (a reply box, a compose dialog): only the added subtrees are looked at, in
  // the same once-per-task batch as the detector's, so a churning message list costs next to nothing.
  changes.subscribe((nodes) => { for (const n of nodes) if (n instanceof HTMLElement && n.isConnected) compose.scan(n); });
}

void start();
