/**
 * Files in Roundcube's own compose attachment list (its Attach button, drag and drop, a reopened draft).
 * With `_pgpmime` set, Roundcube's send.php drops every one of them; beside an inline OpenPGP or S/MIME
 * body it sends them in clear. So they decide two things:
 * - Encrypt (any encrypted mail): the content script refuses to insert while any is listed (compose.ts), and the editor
 *   says which files to move into it (they are then encrypted inside the one PGP/MIME message);
 * - Send/Save after Encrypt: a file attached since then would be dropped without a word, so Roundcube's
 *   Send and Save controls are blocked (before its own handlers run) with a notice in the page until the
 *   file is removed or the user encrypts again. Blocking loses nothing and sends nothing in clear; removing
 *   the field instead would send the file (and the notice line) unencrypted.
 */

/** The page's text for a message key (browser.i18n in the bundle; injected so Node tests need no extension API). */
export type PageText = (key: 'roundcubeSiteFilesBlocked' | 'siteFallbackDismiss', substitutions?: string[]) => string;

export type SiteFileSelectors = { list: string; item: string; name: string };

/**
 * Names of the files in the list, uploads still running included (they end up attached); `own`: the items
 * Lockpane uploaded itself (already encrypted), which are left out.
 */
export function siteFilesOf(doc: Document, sel: SiteFileSelectors, own?: WeakSet<Element>): string[] {
  const list = doc.querySelector(sel.list);
  if (!list) return [];
  return [...list.querySelectorAll(sel.item)].filter((li) => !own?.has(li)).slice(0, 50).map((li) => {
    const named = li.querySelector(sel.name) ?? li;
    return (named.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 255) || '?';
  });
}

/** Roundcube's own attachments while the field is set: the list to watch, its file names, its Send/Save controls. */
export type SiteFilesGuard = { list: Element | null; files: () => string[]; sendControl: string; text: PageText };

const noticeTag = 'lockpane-site-files';

/** The page notice (one per document, replaced when shown again); role=alert so a screen reader says it at once. */
export function showSiteFilesNotice(doc: Document, names: string[], text: PageText): HTMLElement | null {
  if (!doc.body) return null;
  doc.querySelector(noticeTag)?.remove();
  const host = doc.createElement(noticeTag);
  host.style.cssText = 'position:fixed;left:50%;top:16px;transform:translateX(-50%);z-index:2147483646;max-width:480px';
  // Open shadow root: the text is no secret (the page listed these names itself), and tests can read it.
  const shadow = host.attachShadow({ mode: 'open' });
  const box = doc.createElement('div');
  box.setAttribute('role', 'alert');
  box.style.cssText = 'font:14px/1.4 system-ui,sans-serif;color:#1f2933;background:#fff4e5;border:2px solid #b35c00;border-radius:6px;padding:10px 12px;box-shadow:0 2px 8px rgba(0,0,0,.2)';
  const line = doc.createElement('p');
  line.style.margin = '0 0 8px';
  line.textContent = text('roundcubeSiteFilesBlocked', [names.join(', ')]);
  const close = doc.createElement('button');
  close.type = 'button';
  close.textContent = text('siteFallbackDismiss');
  close.style.cssText = 'font:inherit;padding:2px 12px;border:1px solid #2d3e50;border-radius:4px;background:#fff;cursor:pointer';
  close.addEventListener('click', () => host.remove());
  box.append(line, close);
  shadow.append(box);
  doc.body.append(host);
  return host;
}

/**
 * For a capture-phase click: when it would trigger Roundcube's Send or Save while the field
 * is set and files are listed, stops it before Roundcube sees it and shows the notice. True when blocked.
 */
export function blockSendWithSiteFiles(event: Event, fieldSet: () => boolean, guard: SiteFilesGuard): boolean {
  // Enter or Space on a focused control also arrives as a click.
  if (event.type !== 'click') return false;
  const target = event.target;
  const el = target && typeof (target as Element).closest === 'function' ? target as Element : null;
  if (!el?.closest(guard.sendControl) || !fieldSet()) return false;
  const names = guard.files();
  if (names.length === 0) return false;
  event.preventDefault();
  event.stopImmediatePropagation();
  showSiteFilesNotice(el.ownerDocument, names, guard.text);
  return true;
}
