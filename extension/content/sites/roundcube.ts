/**
 * Roundcube (1.5/1.6, elastic and larry skins). Recognised by page structure, since every organisation
 * hosts it elsewhere. Reads the message from the preview iframe (#messagecontframe, same origin) or the
 * full-page view, fetches its exact bytes through Roundcube's own view-source download, and reads/writes
 * the compose form (plain textarea or TinyMCE).
 *
 * The content script cannot read page variables such as `rcmail.env`; everything comes from the DOM:
 * - request token: a hidden `input[name=_token]` (mail list and compose pages have one), else the JSON
 *   that Roundcube prints into an inline `rcmail.set_env({...,"request_token":"…"})` script (the preview
 *   frame and the full view have only that), else `_token=` in the URL (right after login);
 * - uid and folder: `_uid`/`_mbox` in the document's URL (preview frame and full view both carry them),
 *   else the "open in new window" link, else `"uid"`/`"mailbox"` in the same set_env JSON.
 */
import type { ComposePane, Health, ReadPane, ShownAttachment, SiteAdapter, SiteId, SiteProbe } from '../adapter';
import { trackPanes } from '../pane-tracker';
import { readCapped } from '../read-capped';
import { roundcubeUploader, ownUploads } from './roundcube-upload';
import { pgpMimeSetter } from './roundcube-pgp-mime';
import { siteFilesOf, type PageText } from './roundcube-site-files';
// fire() makes the event in the target's own window: TinyMCE's body lives in another document.
import { fire } from '../site-upload';

/**
 * All of Roundcube's selectors, in two plain objects: `probeSel` (what the probe needs; only it ships in
 * content.js) and `sel` (the adapter's). One object would put every selector into content.js: a minifier
 * keeps a whole object literal once any property of it is used.
 */
const probeSel = {
  // Elements only Roundcube pages have (any one of them, with one framework marker below).
  structure: '#rcmloginuser, #messagelist, #mailboxlist, #messagecontframe, #messagebody, #composebody',
  taskInput: 'input[name="_task"]',
  skinAsset: 'link[href*="skins/"]',
  script: 'script:not([src])',
} as const;

const sel = {
  previewFrame: 'iframe#messagecontframe',
  messageBody: '#messagebody',
  // In priority order (elastic, larry); a selector list would pick by document order instead.
  subject: ['#message-header .subject', '#messageheader .subject', 'h2.subject', 'h3.subject'],
  subjectNoise: '.voice, a, .flag-icon',
  sender: '.header.from a[href^="mailto:"], td.from a[href^="mailto:"], .header-summary .adr a[href^="mailto:"]',
  openInNewWindow: 'a[href*="_action=show"][href*="_uid="]',
  token: 'input[name="_token"]',
  composeBody: 'textarea#composebody',
  composeSubject: 'input#compose-subject, input[name="_subject"]',
  to: 'textarea#_to, input#_to',
  cc: 'textarea#_cc, input#_cc',
  bcc: 'textarea#_bcc, input#_bcc',
  // elastic's recipient widget: a <ul class="recipient-input"> right after the (hidden) textarea.
  pendingRecipient: 'ul.recipient-input li.input input',
  tinymceFrame: 'iframe#composebody_ifr',
  // Roundcube's own upload: its inline onchange runs rcmail.command('send-attachment', this.form).
  uploadInput: 'form[name="uploadform"] input[type="file"], input#uploadformInput',
  attachmentList: '#attachment-list',
  // A read message's attachment list: <li class="application pgp-signature"> with the name inside.
  shownAttachment: '#attachment-list li, .attachmentslist li',
  shownAttachmentName: '.attachment-name, a.filename',
  attachmentDone: 'li[id^="rcmfile"]',
  uploading: '.uploading',
  // Every file of Roundcube's own compose list, uploads still running included, and its shown name.
  siteFile: 'li[id^="rcmfile"], li[id^="rcmupload"], li.uploading',
  siteFileName: '.attachment-name',
  // Controls that send or save the form (elastic's and larry's buttons, toolbar and menu entries alike).
  sendControl: '[onclick*="command(\'send\'"], [onclick*="command(\'savedraft\'"], .formbuttons button.send, a.send, a.save.draft, a.savedraft, #composeformbuttons input.mainaction',
  tinymceContainer: '.tox-tinymce, .mce-tinymce',
  // rcmail.gui_objects.messageform: the form Roundcube posts on Send and Save.
  composeForm: 'form[name="form"]',
} as const;

/** Raw messages above this size are refused: the reader has its own, larger streaming path for attachments. */
export const maxRawSourceBytes = 64 * 1024 * 1024;

const addrSpec = /^[^\s@<>",;()]+@[^\s@<>",;()]+$/;
const tokenShape = /^[A-Za-z0-9_-]{8,128}$/;

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Inline `rcmail.set_env({...})` JSON of a document, or null (never evaluated: parsed as data). */
function envOf(doc: Document): Record<string, unknown> | null {
  for (const script of doc.querySelectorAll(probeSel.script)) {
    const text = script.textContent ?? '';
    const at = text.indexOf('rcmail.set_env(');
    if (at < 0) continue;
    const start = at + 'rcmail.set_env('.length;
    const end = text.indexOf('});', start);
    if (end < 0) continue;
    try {
      const value: unknown = JSON.parse(text.slice(start, end + 1));
      if (value && typeof value === 'object') return value as Record<string, unknown>;
    } catch {
      // not JSON after all: keep looking
    }
  }
  return null;
}

function hasFrameworkMarker(doc: Document): boolean {
  if (envOf(doc)) return true;
  if (doc.querySelector(probeSel.taskInput)) return true;
  // Elastic sets task-*/action-* classes on <body>; with a skin asset that is Roundcube's layout.
  return Boolean(doc.querySelector(probeSel.skinAsset)) && /\btask-[a-z]+\b/.test(doc.body?.className ?? '');
}

/** The same-origin top document, for a frame document; the document itself otherwise. */
function topDocument(doc: Document): Document {
  try {
    const top = doc.defaultView?.top?.document;
    return top ?? doc;
  } catch {
    return doc; // cross-origin parent
  }
}

function stringEnv(env: Record<string, unknown> | null, key: string): string | null {
  const v = env?.[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
}

export function requestTokenOf(doc: Document): string | null {
  for (const d of new Set([doc, topDocument(doc)])) {
    const input = d.querySelector<HTMLInputElement>(sel.token);
    const candidates = [input?.value ?? input?.getAttribute('value') ?? null, stringEnv(envOf(d), 'request_token'), urlParam(d.URL, '_token')];
    const found = candidates.find((t): t is string => typeof t === 'string' && tokenShape.test(t));
    if (found) return found;
  }
  return null;
}

function urlParam(href: string | undefined, name: string): string | null {
  if (!href) return null;
  try {
    return new URL(href).searchParams.get(name);
  } catch {
    return null;
  }
}

/** The shown message's IMAP uid and folder, from the URL first, then the page's own links and env. */
export function messageRefOf(doc: Document): { uid: string; mbox: string } | null {
  const link = doc.querySelector<HTMLAnchorElement>(sel.openInNewWindow)?.getAttribute('href') ?? undefined;
  const linkUrl = link ? new URL(link, doc.URL).href : undefined;
  const env = envOf(doc);
  const sources: [string | null, string | null][] = [
    [urlParam(doc.URL, '_uid'), urlParam(doc.URL, '_mbox')],
    [urlParam(linkUrl, '_uid'), urlParam(linkUrl, '_mbox')],
    [stringEnv(env, 'uid'), stringEnv(env, 'mailbox')],
  ];
  for (const [uid, mbox] of sources) {
    if (uid && /^\d+$/.test(uid) && mbox) return { uid, mbox };
  }
  return null;
}

/** The view-source download URL: exact IMAP bytes (`_save=1` needs the token; without it Roundcube rewrites line ends). */
export function rawSourceUrl(doc: Document, ref: { uid: string; mbox: string }, token: string): string {
  const url = new URL(doc.URL);
  url.hash = '';
  url.search = new URLSearchParams({ _task: 'mail', _action: 'viewsource', _uid: ref.uid, _mbox: ref.mbox, _save: '1', _token: token }).toString();
  return url.href;
}

/** Roundcube's own reply compose for a message (what its Reply button opens): it sets To, Subject and the thread headers. */
export function replyUrl(doc: Document, ref: { uid: string; mbox: string }): string {
  const url = new URL(doc.URL);
  url.hash = '';
  url.search = new URLSearchParams({ _task: 'mail', _reply_uid: ref.uid, _mbox: ref.mbox, _action: 'compose' }).toString();
  return url.href;
}

/** Navigates the whole Roundcube window (the preview pane is an iframe) to the reply form of the message. */
function replyOpener(doc: Document): (() => void) | null {
  const ref = messageRefOf(doc);
  if (!ref) return null;
  return () => {
    const target = topDocument(doc).defaultView ?? doc.defaultView;
    target?.location.assign(replyUrl(doc, ref));
  };
}

function rawSourceFetcher(doc: Document, fetchImpl: Fetch): (() => Promise<Uint8Array>) | null {
  const ref = messageRefOf(doc);
  if (!ref) return null;
  return async () => {
    const token = requestTokenOf(doc); // read late: a re-login changes it
    if (!token) throw new Error('Roundcube request token not found in the page');
    const res = await fetchImpl(rawSourceUrl(doc, ref, token), { credentials: 'same-origin', cache: 'no-store', redirect: 'error' });
    // Roundcube answers an invalid token with 200 and an HTML page: only the attachment is the message.
    const disposition = res.headers.get('content-disposition') ?? '';
    if (!res.ok || !/^attachment\b/i.test(disposition)) {
      throw new Error(`Roundcube refused the raw message download (HTTP ${res.status}${disposition ? '' : ', not an attachment'})`);
    }
    return readCapped(res, maxRawSourceBytes, 'Roundcube raw message');
  };
}

function textWithout(el: Element, noise: string): string {
  const copy = el.cloneNode(true) as Element;
  for (const n of copy.querySelectorAll(noise)) n.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function senderOf(doc: Document): string | null {
  for (const a of doc.querySelectorAll<HTMLAnchorElement>(sel.sender)) {
    const href = a.getAttribute('href') ?? '';
    let addr: string;
    try {
      addr = decodeURIComponent(href.slice('mailto:'.length).split('?')[0] ?? '').trim();
    } catch {
      continue;
    }
    if (addrSpec.test(addr)) return addr;
    const title = a.getAttribute('title')?.trim() ?? '';
    if (addrSpec.test(title)) return title;
  }
  return null;
}

/** Roundcube puts the media type into the item's first two classes ("application pkcs7-mime p7m"). */
export function shownAttachmentsOf(doc: Document): ShownAttachment[] {
  return [...doc.querySelectorAll(sel.shownAttachment)].slice(0, 200).map((li) => {
    const [type, subtype] = [...li.classList];
    const mimeType = type && subtype && /^[a-z]+$/.test(type) && /^[a-z0-9.+-]+$/.test(subtype) ? `${type}/${subtype}` : '';
    const nameEl = li.querySelector(sel.shownAttachmentName);
    const name = ((nameEl?.querySelector('.attachment-name') ?? nameEl)?.textContent ?? li.textContent ?? '').replace(/\s+/g, ' ').trim();
    return { name: name.slice(0, 255), mimeType };
  });
}

function readPaneOf(doc: Document, fetchImpl: Fetch): ReadPane | null {
  const container = doc.querySelector(sel.messageBody);
  if (!container) return null;
  const subjectEl = sel.subject.map((q) => doc.querySelector(q)).find((e) => e !== null) ?? null;
  const subject = subjectEl ? textWithout(subjectEl, sel.subjectNoise) : '';
  return { container, senderEmail: senderOf(doc), subject: subject || null, fetchRawSource: rawSourceFetcher(doc, fetchImpl), attachments: shownAttachmentsOf(doc), openReply: replyOpener(doc) };
}

/** The preview iframe's document when it is loaded and same-origin; null otherwise. */
function previewDocument(doc: Document): Document | null {
  const frame = doc.querySelector<HTMLIFrameElement>(sel.previewFrame);
  try {
    return frame?.contentDocument ?? null;
  } catch {
    return null;
  }
}

/** Splits an address list ("A <a@x>, b@y; \"C, D\" <c@z>") into addr-specs, ignoring anything that is not one. */
export function parseAddressList(input: string): string[] {
  const out: string[] = [];
  let token = '';
  let quoted = false;
  let angle = false;
  const flush = () => {
    const m = /<([^<>]*)>/.exec(token);
    const addr = (m ? m[1] ?? '' : token.replace(/"/g, '')).trim();
    if (addrSpec.test(addr)) out.push(addr);
    token = '';
  };
  for (const ch of input) {
    if (ch === '"' && !angle) quoted = !quoted;
    else if (ch === '<' && !quoted) angle = true;
    else if (ch === '>' && !quoted) angle = false;
    if ((ch === ',' || ch === ';' || ch === '\n') && !quoted && !angle) flush();
    else token += ch;
  }
  flush();
  return out;
}

function fieldValue(el: HTMLTextAreaElement | HTMLInputElement | null): string {
  return el ? el.value : '';
}

function recipientsOf(doc: Document, field: string): string[] {
  const el = doc.querySelector<HTMLTextAreaElement | HTMLInputElement>(field);
  if (!el) return [];
  // Text typed into elastic's widget but not yet turned into a recipient still counts: it is sent.
  const widget = el.nextElementSibling?.matches('ul.recipient-input') ? el.nextElementSibling : null;
  const pending = widget?.querySelector<HTMLInputElement>('li.input input')?.value ?? '';
  return [...new Set([...parseAddressList(fieldValue(el)), ...parseAddressList(pending)])];
}

/** TinyMCE's editable body when the HTML editor is active (its iframe is same-origin). */
function tinymceBody(doc: Document): HTMLElement | null {
  const frame = doc.querySelector<HTMLIFrameElement>(sel.tinymceFrame);
  if (!frame) return null;
  // Switching back to plain text removes the TinyMCE editor (and its iframe) altogether.
  try {
    return frame.contentDocument?.body ?? null;
  } catch {
    return null;
  }
}


function composePaneOf(doc: Document, text: PageText): ComposePane | null {
  const textarea = doc.querySelector<HTMLTextAreaElement>(sel.composeBody);
  const subject = doc.querySelector<HTMLInputElement>(sel.composeSubject);
  if (!textarea || !subject || !doc.querySelector(sel.to)) return null;
  const html = tinymceBody(doc);
  const editor = html ? (doc.querySelector<HTMLElement>(sel.tinymceContainer) ?? textarea) : textarea;
  const form = textarea.form ?? doc.querySelector<HTMLFormElement>(sel.composeForm);
  const bodyText = () => {
    const body = tinymceBody(doc);
    return body ? body.textContent ?? '' : textarea.value;
  };
  const siteFiles = () => siteFilesOf(doc, { list: sel.attachmentList, item: sel.siteFile, name: sel.siteFileName }, ownUploads);
  const bodyDocs = () => [doc, ...[tinymceBody(doc)?.ownerDocument].filter((d): d is Document => d !== undefined)];
  return {
    editor,
    getRecipients: () => ({ to: recipientsOf(doc, sel.to), cc: recipientsOf(doc, sel.cc), bcc: recipientsOf(doc, sel.bcc) }),
    getSubject: () => subject.value.trim() || null,
    setSubject(value: string): void {
      subject.value = value;
      fire(subject, 'input');
      fire(subject, 'change');
    },
    setBody(text: string): void {
      const body = tinymceBody(doc);
      if (body) {
        // TinyMCE serialises its own DOM on send (editor.save()); a <pre> keeps armor lines intact.
        const pre = body.ownerDocument.createElement('pre');
        pre.textContent = text;
        body.replaceChildren(pre);
        fire(body, 'input');
        fire(body, 'keyup');
      }
      textarea.value = text;
      fire(textarea, 'input');
      fire(textarea, 'change');
    },
    attach: roundcubeUploader(doc, { input: sel.uploadInput, list: sel.attachmentList, done: sel.attachmentDone, uploading: sel.uploading }),
    setPgpMime: form ? pgpMimeSetter(form, bodyText, bodyDocs, { list: doc.querySelector(sel.attachmentList), files: siteFiles, sendControl: sel.sendControl, text }) : null,
    siteFiles,
  };
}

/** The cheap half (in content.js): Roundcube is recognised from its structure, on any host. */
export const roundcubeProbe: SiteProbe = {
  id: 'roundcube' as SiteId,
  matches(url: URL): boolean {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
    return url.searchParams.has('_task') || url.pathname.endsWith('/') || url.pathname.endsWith('.php');
  },
  // A Roundcube view whose own elements went missing (a new skin) is still claimed by its URL's `_task`
  // and framework marker, so its health check fails visibly instead of the page silently going generic.
  detect(doc: Document): boolean {
    return (Boolean(doc.querySelector(probeSel.structure)) || urlParam(doc.URL, '_task') !== null) && hasFrameworkMarker(doc);
  },
};

/**
 * Roundcube says in its URL (`_action`, stable across skins and versions) which view a page is; the
 * elements that view must have are the essential hooks. A list or login page needs nothing.
 */
export function roundcubeHealth(doc: Document): Health {
  const action = urlParam(doc.URL, '_action') ?? stringEnv(envOf(doc), 'action');
  const missing: string[] = [];
  if (action === 'show' || action === 'preview') {
    if (!doc.querySelector(sel.messageBody)) missing.push(sel.messageBody);
  }
  if (action === 'compose') {
    for (const q of [sel.composeBody, sel.composeSubject, sel.to]) if (!doc.querySelector(q)) missing.push(q);
  }
  return missing.length === 0 ? { ok: true } : { ok: false, missing };
}

/** Tests' stand-in for browser.i18n: the key and its substitutions (the bundle passes the real one). */
const keyText: PageText = (key, subs = []) => [key, ...subs].join(' ');

export function createRoundcubeAdapter(fetchImpl: Fetch = (input, init) => globalThis.fetch(input, init), text: PageText = keyText): SiteAdapter {
  const panes = {
    readPanes(doc: Document): ReadPane[] {
      const panes: ReadPane[] = [];
      const own = readPaneOf(doc, fetchImpl);
      if (own) panes.push(own);
      const preview = previewDocument(doc);
      const framed = preview ? readPaneOf(preview, fetchImpl) : null;
      if (framed) panes.push(framed);
      return panes;
    },
    composePanes(doc: Document): ComposePane[] {
      const pane = composePaneOf(doc, text);
      return pane ? [pane] : [];
    },
  };
  // Each Roundcube view is its own document: the tracker reports its panes on start and as TinyMCE or
  // the recipient widget rebuild parts of the form.
  return { ...roundcubeProbe, ...panes, health: roundcubeHealth, takesReplies: true, ...trackPanes(panes) };
}
