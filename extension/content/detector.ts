/**
 * The generic detector: watches an enabled page for armored blocks and hands each one to a callback.
 * Mutations are batched into one pass per task, and only the added subtrees are looked at: no
 * full-document rescans while the page churns.
 */
import { findArmoredBlocks, mayContainArmor, type FoundBlock } from './armor-scan';

export type OnBlock = (block: FoundBlock, holder: Element) => void;

/** The smallest element whose text holds a whole block: that is what the reader frame replaces. */
function holderOf(start: Node): Element | null {
  let el: Element | null = start instanceof Element ? start : start.parentElement;
  while (el && !/-----END [A-Z0-9 ]+-----/.test(el.textContent ?? '')) el = el.parentElement;
  return el;
}

export function createDetector(root: Element, onBlock: OnBlock) {
  const seen = new WeakSet<Element>();
  const pending = new Set<Node>();
  let scheduled = false;
  let observer: MutationObserver | null = null;

  function scan(subtree: Node): void {
    if (!subtree.isConnected || !mayContainArmor(subtree.textContent ?? '')) return;
    const walker = document.createTreeWalker(subtree, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.nodeValue?.includes('-----BEGIN ') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const holder = holderOf(node);
      if (!holder || seen.has(holder) || holder.closest('[data-lockpane-done]')) continue;
      seen.add(holder);
      for (const block of findArmoredBlocks(holder.textContent ?? '')) onBlock(block, holder);
    }
  }

  function flush(): void {
    scheduled = false;
    const batch = [...pending];
    pending.clear();
    for (const node of batch) scan(node);
  }

  return {
    start(): void {
      if (observer) return;
      scan(root);
      observer = new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'characterData') pending.add(r.target);
          else r.addedNodes.forEach((n) => pending.add(n));
        }
        if (!scheduled && pending.size > 0) {
          scheduled = true;
          setTimeout(flush, 0);
        }
      });
      observer.observe(root, { childList: true, subtree: true, characterData: true });
    },
    stop(): void {
      observer?.disconnect();
      observer = null;
      pending.clear();
    },
  };
}
