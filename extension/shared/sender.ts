/**
 * The one sender classifier. It decides who sent a runtime message from browser-set fields only
 * (`sender.id`, `sender.tab`, `sender.frameId`, `sender.url`/`sender.origin`), never from message content.
 * Nothing else in the extension reads `sender`.
 */
import type { SiteOrigin } from './ids';

export type SenderClass = 'content' | 'frame' | 'page';

/** The subset of runtime.MessageSender that we trust; the browser sets these, not the caller. */
export type BrowserSender = {
  id?: string | undefined;
  url?: string | undefined;
  origin?: string | undefined;
  frameId?: number | undefined;
  documentId?: string | undefined;
  tab?: { id?: number | undefined } | undefined;
};

/** An extension page running top-level (popup, options). */
export type PageContext = { cls: 'page'; path: string };
/** One of our frames mounted inside a web page, in a tab. */
export type FrameContext = { cls: 'frame'; path: string; tabId: number; frameId: number; documentId: string | null };
/** Our content script in a web page. */
export type ContentContext = { cls: 'content'; origin: SiteOrigin; tabId: number; frameId: number; url: string };
export type SenderContext = PageContext | FrameContext | ContentContext;
/** The context of each sender class: a handler gets exactly the union its catalogue entry allows. */
export type ContextOf<C extends SenderClass> = Extract<SenderContext, { cls: C }>;

/** Extension pages that run as top-level UI (popup, options). */
export const pagePaths = ['/popup.html', '/options.html'] as const;
/** Extension pages that are mounted as frames inside web pages. */
export const framePaths = ['/reader.html', '/editor.html'] as const;

function safeUrl(s: string | undefined): URL | null {
  if (!s) return null;
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

/**
 * Returns the sender's class, or null when it is none of ours (another extension, an unknown page,
 * a frame page loaded top-level, a content script on a non-web origin).
 */
export function classifySender(sender: BrowserSender, ownId: string, ownOrigin: string): SenderContext | null {
  if (sender.id !== ownId) return null;
  const url = safeUrl(sender.url);
  if (!url) return null;
  const tabId = sender.tab?.id;
  const frameId = sender.frameId ?? 0;
  // protocol+host rather than URL.origin: non-web schemes have an opaque "null" origin outside browsers.
  if (`${url.protocol}//${url.host}` === ownOrigin) {
    const path = url.pathname;
    if ((pagePaths as readonly string[]).includes(path) && frameId === 0) return { cls: 'page', path };
    // A frame page counts only when it is really a sub-frame of a tab: loaded top-level it is nobody.
    if ((framePaths as readonly string[]).includes(path) && typeof tabId === 'number' && tabId >= 0 && frameId > 0) {
      return { cls: 'frame', path, tabId, frameId, documentId: sender.documentId ?? null };
    }
    return null;
  }
  // Anything else from our own id with a tab is a content script running in a web page.
  if (typeof tabId !== 'number' || tabId < 0) return null;
  const origin = sender.origin && sender.origin !== 'null' ? sender.origin : url.origin;
  if (!/^https?:\/\//.test(origin)) return null;
  return { cls: 'content', origin: origin.toLowerCase() as SiteOrigin, tabId, frameId, url: url.href };
}

export function senderClass(ctx: SenderContext): SenderClass {
  return ctx.cls;
}

/** A message received by a content script is trusted only from our own worker (our id, no tab). */
export function isFromOwnWorker(sender: BrowserSender, ownId: string): boolean {
  return sender.id === ownId && sender.tab === undefined;
}
