/**
 * The generic detector: watches an enabled page for armored blocks and hands each one to a callback.
 * It scans the page once, then only the subtrees the page watcher reports (batched once per task):
 * no full-document rescans while the page churns.
 */
import { findArmoredBlocks, mayContainArmor, type FoundBlock } from './armor-scan';
import { displayedText } from './displayed-text';
import type { PageChanges } from './page-changes';

export type OnBlock = (block: FoundBlock, holder: Element) => void;
export type OnRefused = (holder: Element, reason: 'hidden-content') => void;

/**
 * A block whose text is partly hidden (CSS-hidden or zero-size elements between its lines) is refused:
 * what the user sees would not be what is decrypted or verified (SECURITY A6.6).
 */
function hasHiddenParts(holder: Element): boolean {
  const view = holder.ownerDocument.defaultView;
  if (!view) return false;
  for (const el of holder.querySelectorAll('*')) {
    if (!el.textContent?.trim()) continue;
    const style = view.getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse'
      || Number.parseFloat(style.opacity) === 0 || Number.parseFloat(style.fontSize) === 0
      || (style.position === 'absolute' && (Number.parseFloat(style.left) < -1000 || Number.parseFloat(style.top) < -1000))) return true;
  }
  return false;
}

/** Script and style source, and anything being edited, is not a message the user reads. */
const notContent = 'script, style, noscript, template, textarea, title, [contenteditable=""], [contenteditable="true"]';

function isDisplayedText(node: Node): boolean {
  const parent = node.parentElement;
  return parent !== null && parent.closest(notContent) === null;
}

/** The smallest element whose text holds a whole block: that is what the reader frame replaces. */
function holderOf(start: Node): Element | null {
  let el: Element | null = start instanceof Element ? start : start.parentElement;
  while (el && !/-----END [A-Z0-9 ]+-----/.test(el.textContent ?? '')) el = el.parentElement;
  // A block spread over the whole page is not one message: never replace <body> or <html>.
  return el && el !== el.ownerDocument.body && el !== el.ownerDocument.documentElement ? el : null;
}

export function createDetector(root: Element, changes: PageChanges, onBlock: OnBlock, onRefused: OnRefused = () => undefined) {
  const seen = new WeakSet<Element>();
  let unsubscribe: (() => void) | null = null;

  function scan(subtree: Node): void {
    if (!subtree.isConnected || !mayContainArmor(subtree.textContent ?? '')) return;
    const walker = document.createTreeWalker(subtree, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.nodeValue?.includes('-----BEGIN ') && isDisplayedText(n) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const holder = holderOf(node);
      if (!holder || seen.has(holder) || holder.closest('[data-lockpane-done]')) continue;
      seen.add(holder);
      if (hasHiddenParts(holder)) {
        onRefused(holder, 'hidden-content');
        continue;
      }
      // textContent, as before, unless it ran a block into one line (a web mail that renders lines with
      // <br>, as SOGo does): then the displayed text, whose line breaks are what the user sees.
      const found = findArmoredBlocks(holder.textContent ?? '');
      const flat = found.length > 0 && found.every((block) => !block.text.includes('\n'));
      for (const block of flat ? findArmoredBlocks(displayedText(holder)) : found) onBlock(block, holder);
    }
  }

  return {
    start(): void {
      if (unsubscribe) return;
      scan(root);
      unsubscribe = changes.subscribe((nodes) => { for (const node of nodes) scan(node); });
    },
    stop(): void {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
