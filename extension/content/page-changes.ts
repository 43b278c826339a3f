/**
 * The content script's one MutationObserver over the page. Added subtrees and changed text nodes are
 * collected and handed to every subscriber once per task, so a churning page costs one observer and
 * one pass however many parts (the armored-block detector, the compose watcher, a site adapter's pane
 * tracker) want to see changes. A task that only removed nodes yields an empty batch, so a tracker can
 * notice a pane that went (a closed compose window) without a second observer.
 */
export type OnChanges = (nodes: readonly Node[]) => void;

export type PageChanges = {
  /** Adds a listener for each batch; returns its removal. */
  subscribe(listener: OnChanges): () => void;
  start(): void;
  stop(): void;
};

export function watchPage(root: Node): PageChanges {
  const listeners = new Set<OnChanges>();
  const pending = new Set<Node>();
  let removed = false;
  let scheduled = false;
  let observer: MutationObserver | null = null;

  function flush(): void {
    scheduled = false;
    removed = false;
    const batch = [...pending];
    pending.clear();
    for (const listener of listeners) listener(batch);
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    start() {
      if (observer) return;
      observer = new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'characterData') pending.add(r.target);
          else {
            r.addedNodes.forEach((n) => pending.add(n));
            if (r.removedNodes.length > 0) removed = true;
          }
        }
        if (!scheduled && (pending.size > 0 || removed)) {
          scheduled = true;
          setTimeout(flush, 0);
        }
      });
      observer.observe(root, { childList: true, subtree: true, characterData: true });
    },
    stop() {
      observer?.disconnect();
      observer = null;
      pending.clear();
      removed = false;
    },
  };
}
