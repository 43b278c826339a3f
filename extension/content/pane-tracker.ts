/**
 * The lifecycle most site adapters share: look the panes up on start and again after each batch of page
 * changes (from the content script's one observer), and report the ones that appeared and the ones that
 * went, keyed by their element. A pane whose element stays is reported once, however often it is found.
 */
import type { AdapterRun, ComposePane, Health, ReadPane, SiteAdapter } from './adapter';

export type PaneFinder = {
  readPanes(doc: Document): ReadPane[];
  composePanes(doc: Document): ComposePane[];
  /**
   * Rechecked after each batch when given. A failure that persists for `healthGraceMs` (a single-page app
   * between two views lacks some parts for a moment) stops the tracker and reports `unhealthy`.
   */
  health?(doc: Document): Health;
  healthGraceMs?: number;
};

export const runningHealthGraceMs = 3000;

function diff<P, K>(known: Map<K, P>, found: P[], key: (p: P) => K, added: (p: P) => void, gone: (p: P) => void): void {
  const now = new Map<K, P>();
  for (const p of found) if (!now.has(key(p))) now.set(key(p), p);
  for (const [k, p] of known) {
    if (!now.has(k)) {
      known.delete(k);
      gone(p);
    }
  }
  for (const [k, p] of now) {
    if (!known.has(k)) {
      known.set(k, p);
      added(p);
    }
  }
}

export function trackPanes(finder: PaneFinder): Pick<SiteAdapter, 'start' | 'stop'> {
  let stopRun: (() => void) | null = null;

  function start(run: AdapterRun): void {
    if (stopRun || run.signal.aborted) return;
    const reads = new Map<Element, ReadPane>();
    const composes = new Map<HTMLElement, ComposePane>();
    const { doc, report } = run;
    let failing: ReturnType<typeof setTimeout> | null = null;
    const recheck = (): void => {
      failing = null;
      const health = finder.health?.(doc) ?? { ok: true };
      if (health.ok) return;
      stop();
      report.unhealthy(health.missing);
    };
    const refresh = (): void => {
      if (finder.health) {
        const ok = finder.health(doc).ok;
        if (ok && failing) {
          clearTimeout(failing);
          failing = null;
        } else if (!ok && !failing) {
          const grace = finder.healthGraceMs ?? runningHealthGraceMs;
          if (grace <= 0) return recheck();
          failing = setTimeout(recheck, grace);
        }
      }
      // A frame's own content script reports its document's panes (Roundcube's preview frame has one).
      diff(reads, finder.readPanes(doc).filter((p) => p.container.ownerDocument === doc), (p) => p.container, report.readPane, report.readPaneGone);
      diff(composes, finder.composePanes(doc), (p) => p.editor, report.composePane, report.composePaneGone);
    };
    const unsubscribe = run.changes.subscribe(refresh);
    const onAbort = (): void => stop();
    run.signal.addEventListener('abort', onAbort);
    stopRun = () => {
      unsubscribe();
      if (failing) clearTimeout(failing);
      failing = null;
      run.signal.removeEventListener('abort', onAbort);
    };
    refresh();
  }

  function stop(): void {
    stopRun?.();
    stopRun = null;
  }

  return { start, stop };
}
