/**
 * Roundcube sends a MIME entity Lockpane built through its own Mailvelope path: when the compose form
 * POSTs `_pgpmime` (an armored OpenPGP message), send.php drops the body and every uploaded file and sends
 * `multipart/encrypted` (RFC 3156) with the armor as `encrypted.asc`; drafts get the same structure.
 *
 * A stale field would send old ciphertext for text the user has since changed, so the field goes as
 * soon as the visible body is no longer the line Lockpane put there (checked on every input, and on every
 * click or key press before Roundcube's own handlers, which covers its Send and Save buttons).
 * Files in Roundcube's own attachment list would be dropped too: see roundcube-site-files.ts.
 */
import { blockSendWithSiteFiles, showSiteFilesNotice, type SiteFilesGuard } from './roundcube-site-files';

const fieldName = '_pgpmime';

/** The field's expected body text, per hidden field (never in the DOM, where the page could change it). */
const expected = new WeakMap<HTMLInputElement, string>();
const watched = new WeakSet<Document>();

function fieldsIn(form: HTMLFormElement): HTMLInputElement[] {
  return [...form.querySelectorAll<HTMLInputElement>(`input[name="${fieldName}"]`)];
}

/**
 * `form`: Roundcube's compose form (rcmail.gui_objects.messageform); `bodyText`: what its editor shows now
 * (the textarea, or TinyMCE's body), `bodyDocs`: the documents in which the user can edit it.
 */
export function pgpMimeSetter(form: HTMLFormElement, bodyText: () => string, bodyDocs: () => Document[], guard?: SiteFilesGuard): (armored: string | null) => void {
  const fieldSet = () => fieldsIn(form).length > 0;
  const dropStale = (e: Event) => {
    for (const f of fieldsIn(form)) if (expected.get(f) !== bodyText().trim()) f.remove();
    if (guard) blockSendWithSiteFiles(e, fieldSet, guard);
  };
  // A file attached with Roundcube's button after Encrypt: say so at once, not only when Send is blocked.
  let observer: MutationObserver | null = null;
  const watchList = () => {
    const view = form.ownerDocument.defaultView;
    if (observer || !guard?.list || !view) return;
    observer = new view.MutationObserver(() => {
      const names = guard.files();
      if (fieldSet() && names.length > 0) showSiteFilesNotice(form.ownerDocument, names, guard.text);
    });
    observer.observe(guard.list, { childList: true });
  };
  const watch = () => {
    for (const d of bodyDocs()) {
      if (watched.has(d)) continue;
      watched.add(d);
      for (const type of ['input', 'click', 'keydown', 'paste', 'drop']) d.addEventListener(type, dropStale, true);
    }
  };
  return (armored) => {
    for (const f of fieldsIn(form)) f.remove();
    if (armored === null) return;
    const field = form.ownerDocument.createElement('input');
    field.type = 'hidden';
    field.name = fieldName;
    field.value = armored;
    expected.set(field, bodyText().trim());
    form.append(field);
    watch();
    watchList();
  };
}
