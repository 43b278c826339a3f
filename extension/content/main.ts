/**
 * The content script for an enabled web mail. It only ever handles ciphertext: it finds blocks, sends them
 * to the worker, and mounts extension frames in their place. It listens to no `window` messages.
 *
 * The page's site adapter (generic mode included: it is the registry's last entry) reports read and
 * compose panes as they come and go; this file wires those reports to the reader and the Secure control.
 */
import { call } from './worker-client';
import { createComposeWatcher } from './compose';
import { createDetector } from './detector';
import { mountFrame } from './frame-mount';
import { watchPage } from './page-changes';
import { listenToWorker } from './inbox';
import { startRawReading } from './raw-message';
import { chooseAdapter } from './site-choice';
import { loadSiteBundle } from './sites/load-bundle';
import { genericSite, siteLabel } from './sites/index';
import { showFallbackNotice } from './fallback-notice';
import type { ComposePane, PaneReports, ReadPane, SiteAdapter } from './adapter';

async function start(): Promise<void> {
  try {
    await call('site.hello', {});
  } catch {
    return; // not enabled here (or the worker refused): do nothing at all
  }
  // MV3 stops a worker idle for ~30 s, and starting it again costs ~120 ms before a reader can mount. A web
  // mail fetches a message after the click or key press that opens it: wake the worker then (at most every
  // 20 s, the user's own input only), so its start overlaps that fetch instead of following it.
  let woke = 0;
  const wake = (e: Event): void => {
    if (e.isTrusted && Date.now() - woke > 2e4) {
      woke = Date.now();
      call('site.hello', {}).catch(() => undefined);
    }
  };
  addEventListener('pointerdown', wake, true);
  addEventListener('keydown', wake, true);
  const changes = watchPage(document.body);
  changes.start();
  const compose = createComposeWatcher();
  const readPanes = new Set<ReadPane>();
  /** Each reader frame by token, with the adapter's read pane it shows when there is one (for the web mail's own reply form). */
  const readers = new Map<string, { frame: HTMLIFrameElement; pane: ReadPane | null }>();
  /** Set while the web mail's own reply form is expected (page load after "Reply securely", or an inline reply opening). */
  let replyWanted = false;

  const choice = await chooseAdapter(document, changes, loadSiteBundle);
  if (choice.fallback) showFallbackNotice(document, choice.fallback.label);
  let adapter: SiteAdapter = choice.adapter;
  let running = new AbortController();

  function takeReply(pane: ComposePane): void {
    replyWanted = false;
    void call('editor.takeReply', { canAttach: pane.attach !== null, pgpMime: !!pane.setPgpMime }).then(({ token }) => {
      if (token && !compose.openTaken(token, pane)) console.warn('Lockpane could not place the reply editor on this page');
    }, (e: unknown) => console.warn('Lockpane could not take the reply editor', e));
  }

  const reports: PaneReports = {
    readPane(pane) {
      readPanes.add(pane);
      // PGP/MIME, S/MIME and protected attachments are read from the raw source; such panes are marked
      // first, so the armored-block detector leaves them alone.
      startRawReading([pane], document, (req) => call('reader.openRaw', req), (token, p) => {
        (p.container as HTMLElement).style.display = 'none';
        readers.set(token, { frame: mountFrame('reader', token, p.container), pane: p });
      });
    },
    readPaneGone: (pane) => void readPanes.delete(pane),
    composePane(pane) {
      compose.add(pane);
      if (replyWanted) takeReply(pane);
    },
    composePaneGone: (pane) => compose.remove(pane),
    unhealthy(missing) {
      // The site changed under the running adapter: generic mode from here on, on this page.
      console.warn(`Lockpane: ${adapter.id} adapter lost its hooks (${missing.join(', ')}); using generic mode`);
      const label = siteLabel(adapter.id);
      running.abort();
      adapter.stop();
      readPanes.clear();
      showFallbackNotice(document, label);
      void genericSite.load(loadSiteBundle).then((generic) => run(generic));
    },
  };

  function run(next: SiteAdapter): void {
    adapter = next;
    running = new AbortController();
    replyWanted = replyWanted || next.takesReplies;
    next.start({ doc: document, changes, report: reports, signal: running.signal });
  }

  listenToWorker({
    insert: (m) => compose.insert(m),
    attach: (m) => compose.attach(m),
    composeHere: async () => ({ opened: await compose.openFirst().catch(() => false) }),
    openEditor: (m) => {
      const reader = readers.get(m.readerToken);
      if (!reader?.frame.isConnected) return { opened: false };
      const openReply = reader.pane?.openReply;
      if (openReply) {
        // After this answer has gone back: the reply form's pane (in a new page, or in this one for a
        // single-page web mail) takes the editor (editor.takeReply).
        replyWanted = true;
        setTimeout(openReply, 0);
        return { opened: false, navigating: true };
      }
      compose.openEditor(reader.frame, m.editorToken);
      return { opened: true };
    },
  });

  run(adapter);
  const detector = createDetector(document.body, changes, (block, holder) => {
    // With a site adapter, the read pane's sender address lets the worker compare it with the signer.
    const pane = [...readPanes].find((p) => p.container.contains(holder)) ?? null;
    const from = pane?.senderEmail ?? null;
    void call('reader.open', { kind: block.kind, armored: block.text, ...(from ? { sender: from.slice(0, 320) } : {}) }).then(({ token }) => {
      if (!holder.isConnected) return;
      holder.setAttribute('data-lockpane-done', '');
      (holder as HTMLElement).style.display = 'none';
      readers.set(token, { frame: mountFrame('reader', token, holder), pane });
    }, (e: unknown) => console.warn('Lockpane could not open a reader', e));
  });
  detector.start();
}

void start();
