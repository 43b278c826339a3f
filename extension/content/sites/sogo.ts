/**
 * SOGo (5.x, its AngularJS Material web mail). Recognised by structure, since every organisation hosts it
 * elsewhere: SOGo's own page meta and the `/so/<user>/Mail` path. A single-page app: the message view and
 * the compose dialog come and go within one document, so panes are tracked over the page observer.
 *
 * SOGo's markup is a template of AngularJS directives; the adapter relies on the bindings the templates
 * name (`ng-model="editor.message.editable.to"`, `ng-click="viewer.reply($event)"`, …), which are SOGo's
 * code rather than styling and have stayed put across the 5.x releases. Generated ids are never used.
 *
 * The raw message comes from SOGo's "View Message Source": POST `…/Mail/<account>/<folder path>/<uid>/viewsource`
 * with the XSRF token SOGo keeps in its `XSRF-TOKEN` cookie (readable by page scripts by design: AngularJS
 * sends it back as a header). SOGo answers the IMAP bytes as text, each byte above 0x7F and `& < > "` as an
 * HTML entity and line ends as LF; undoing exactly that gives the IMAP message back byte for byte. (Its
 * "Download message" route, `…/export`, is no use: it re-encodes 8-bit bytes as if they were Latin-1, which
 * breaks every signature over 8-bit text.)
 */
import type { ComposePane, Health, ReadPane, Recipients, ShownAttachment, SiteAdapter, SiteId, SiteProbe } from '../adapter';
import { insertPreformatted } from '../insert-text';
import { trackPanes } from '../pane-tracker';
import { readCapped } from '../read-capped';
import { missingRecipients } from '../recipient-typing';
import { fire, oneAtATime, uploadThroughInput } from '../site-upload';

/**
 * The probe's one selector, SOGo's own page meta (every SOGo page has it). Kept out of `sel` because the
 * probe ships in content.js, and an object literal it touched would ship whole.
 */
const probeMarker = 'meta[content="SOGo Web Interface"]';

const sel = {
  // The message view (a flip card: the front face shows the message).
  view: '#detailView',
  body: '.msg-body',
  bodyPart: '.mailer_mailcontent',
  subject: 'h5[ng-bind="viewer.message.subject"]',
  sender: '[ng-bind="::viewer.message.from[0].email"]',
  // Parts SOGo lists as attachments: a card per part, its name in the title, its URL in the links.
  attachmentCard: '.msg-attachment-link',
  attachmentName: '.sg-attachment-name',
  attachmentLink: 'a[href]',
  // SOGo checks S/MIME and PGP/MIME signatures itself and shows its verdict in this block (hidden otherwise).
  signedVerdict: 'sg-block-toggle[ng-show="viewer.message.signed"]',
  reply: 'button[ng-click="viewer.reply($event)"]',
  // The compose dialog's form and its fields, by the model each binds.
  composeForm: 'form[name="messageForm"]',
  to: 'md-chips[ng-model="editor.message.editable.to"]',
  cc: 'md-chips[ng-model="editor.message.editable.cc"]',
  bcc: 'md-chips[ng-model="editor.message.editable.bcc"]',
  chip: 'md-chip',
  chipInput: 'input',
  // Cc and Bcc rows stay hidden until their header button is pressed.
  showCc: 'button[ng-click="editor.hideCc = false"]',
  composeSubject: 'input[name="subject"]',
  textEditor: 'textarea[ng-model="editor.message.editable.text"]',
  htmlEditor: 'sg-ckeditor[ng-model="editor.message.editable.text"]',
  ckFrame: 'iframe.cke_wysiwyg_frame',
  upload: 'input[type="file"][nv-file-select]',
  uploadList: 'md-chips[ng-model="editor.uploader.queue"]',
  uploadedLink: 'a[href]',
} as const;

export const sogoId = 'sogo' as SiteId;
export const maxRawSourceBytes = 64 * 1024 * 1024;
export const uploadTimeoutMs = 10 * 60 * 1000;

const addrSpec = /^[^\s@<>",;()]+@[^\s@<>",;()]+$/;
/** `/SOGo/so/<user>/Mail/…`: the prefix before `/so/` is the site's choice, the rest is SOGo's. */
const mailPath = /^(.*\/so\/[^/]+\/Mail)(?:\/|$)/;

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The cheap half (in content.js, where every byte counts): SOGo's mail module path and its page meta. */
export const sogoProbe: SiteProbe = {
  id: sogoId,
  matches: (url) => mailPath.test(url.pathname),
  detect: (doc) => doc.querySelector(probeMarker) !== null,
};

/** SOGo's folder ids: each path component made a CSS identifier (its own `asCSSIdentifier`) after "folder". */
export function folderId(component: string): string {
  const escapes: [RegExp, string][] = [[/_/g, '_U_'], [/\./g, '_D_'], [/#/g, '_H_'], [/@/g, '_A_'], [/\*/g, '_S_'], [/:/g, '_C_'], [/,/g, '_CO_'], [/ /g, '_SP_'], [/'/g, '_SQ_'], [/&/g, '_AM_'], [/\+/g, '_P_']];
  let id = escapes.reduce((s, [re, to]) => s.replace(re, to), component).replace(/[^ -~]/g, '');
  if (/^\d/.test(id)) id = `_${id}`;
  return `folder${id}`;
}

function decodeTwice(s: string): string | null {
  try {
    return decodeURIComponent(decodeURIComponent(s));
  } catch {
    return null;
  }
}

/** The open message from SOGo's route (`#!/Mail/<account>/<mailbox>/<uid>`): account, folder path, uid. */
export function messageRefOf(href: string): { account: string; folder: string; uid: string } | null {
  const m = /#!\/Mail\/(\d+)\/([^/?]+)\/(\d+)(?:$|[/?])/.exec(href);
  const mailbox = m ? decodeTwice(m[2]!) : null;
  if (!m || !mailbox) return null;
  return { account: m[1]!, folder: mailbox.split('/').map(folderId).join('/'), uid: m[3]! };
}

/** SOGo's "View Message Source" URL for the open message, on the page's own origin. */
export function rawSourceUrl(href: string): string | null {
  const url = new URL(href);
  const base = mailPath.exec(url.pathname)?.[1];
  const ref = messageRefOf(href);
  return base && ref ? `${url.origin}${base}/${ref.account}/${ref.folder}/${ref.uid}/viewsource` : null;
}

/** Why SOGo's message source could not be turned back into the message's bytes. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
}

const entities: Record<string, number> = { amp: 0x26, lt: 0x3c, gt: 0x3e, quot: 0x22 };

/**
 * SOGo's escaped source → the IMAP bytes: entities back to the byte they stand for (SOGo escapes byte by
 * byte, so each is ≤ 0xFF), LF back to CRLF. Anything else that is not ASCII means it was not SOGo's source.
 */
export function decodeViewSource(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code === 0x26) {
      const m = /^&(#\d{1,3}|amp|lt|gt|quot);/.exec(text.slice(i, i + 7));
      if (!m) throw new SourceError(`an unescaped "&" at ${i} in SOGo's message source`);
      code = m[1]!.startsWith('#') ? Number(m[1]!.slice(1)) : entities[m[1]!]!;
      if (code > 0xff) throw new SourceError(`a character above one byte (${code}) in SOGo's message source`);
      i += m[0].length - 1;
    } else if (code > 0x7f) {
      throw new SourceError(`an unescaped non-ASCII character at ${i} in SOGo's message source`);
    }
    if (code === 0x0a && (n === 0 || out[n - 1] !== 0x0d)) out[n++] = 0x0d;
    out[n++] = code;
  }
  return out.slice(0, n);
}

export function xsrfTokenOf(doc: Document): string | null {
  const m = /(?:^|;\s*)XSRF-TOKEN=([^;]+)/.exec(doc.cookie);
  return m && /^[A-Za-z0-9_-]{8,128}$/.test(m[1]!) ? m[1]! : null;
}

function rawFetcher(doc: Document, fetchImpl: Fetch): (() => Promise<Uint8Array>) | null {
  const url = rawSourceUrl(doc.URL);
  if (!url) return null;
  return async () => {
    const token = xsrfTokenOf(doc); // read late: a new login changes it
    if (!token) throw new Error('SOGo XSRF token not found in the page cookies');
    const res = await fetchImpl(url, { method: 'POST', credentials: 'same-origin', cache: 'no-store', redirect: 'error', headers: { 'X-XSRF-TOKEN': token } });
    // A lapsed session answers with the login page: only SOGo's plain-text source is the message.
    const type = res.headers.get('content-type') ?? '';
    if (!res.ok || !/^text\/plain\b/i.test(type)) throw new Error(`SOGo refused the message source (HTTP ${res.status}${type ? `, ${type}` : ''})`);
    // Escaped, the source is larger than the message: the cap allows for that.
    const escaped = await readCapped(res, maxRawSourceBytes * 2, 'SOGo message source');
    return decodeViewSource(new TextDecoder().decode(escaped));
  };
}

/**
 * The parts SOGo lists, plus what its display implies: SOGo lists a body it cannot show as part "0" (a
 * multipart/encrypted), and shows its own signature verdict for a signed message, S/MIME or PGP/MIME,
 * even when it unwrapped the signature and lists no part for it.
 */
export function shownAttachmentsOf(view: Element): ShownAttachment[] {
  const out: ShownAttachment[] = [];
  for (const card of [...view.querySelectorAll(sel.attachmentCard)].slice(0, 200)) {
    const nameEl = card.querySelector(sel.attachmentName);
    const name = (nameEl?.getAttribute('title') ?? nameEl?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 255);
    const href = card.querySelector(sel.attachmentLink)?.getAttribute('href') ?? '';
    out.push({ name, mimeType: /\/\d+\/0$/.test(href) ? 'multipart/encrypted' : '' });
  }
  const verdict = view.querySelector(sel.signedVerdict);
  if (verdict && !verdict.classList.contains('ng-hide')) out.push({ name: '', mimeType: 'multipart/signed' });
  return out;
}

function readPaneOf(doc: Document, view: Element, fetchImpl: Fetch): ReadPane | null {
  const container = view.querySelector(sel.body);
  // The body is there before AngularJS rendered its parts: a pane only once it shows the message.
  if (!container?.querySelector(sel.bodyPart)) return null;
  const sender = view.querySelector(sel.sender)?.textContent?.trim() ?? '';
  const subject = view.querySelector(sel.subject)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const reply = view.querySelector<HTMLElement>(sel.reply);
  return {
    container,
    senderEmail: addrSpec.test(sender) ? sender : null,
    subject: subject || null,
    fetchRawSource: rawFetcher(doc, fetchImpl),
    attachments: shownAttachmentsOf(view),
    openReply: reply ? () => reply.click() : null,
  };
}

/** "Bob <bob@x>", "bob@x" → the addr-specs in a chip's or an input's text. */
export function addressesIn(text: string): string[] {
  return text.split(/[,;\n]/).map((part) => {
    const m = /<([^<>]*)>/.exec(part);
    return (m ? m[1] ?? '' : part.replace(/"/g, '')).trim();
  }).filter((a) => addrSpec.test(a));
}

function recipientsIn(form: Element, field: string): string[] {
  const chips = form.querySelector(field);
  if (!chips) return [];
  // Text typed but not yet a chip still counts: SOGo makes it a chip on blur (md-add-on-blur) and sends it.
  const typed = [...chips.querySelectorAll<HTMLInputElement>(sel.chipInput)].map((i) => i.value);
  const shown = [...chips.querySelectorAll(sel.chip)].map((c) => c.textContent ?? '');
  return [...new Set([...shown, ...typed].flatMap(addressesIn))].slice(0, 100);
}

/**
 * Writes the addresses the mail was encrypted for into SOGo's chips, each one in none of its fields yet
 * (recipient-typing.ts decides which): typed into the field's chip input (an input event for AngularJS), then
 * a blur, on which SOGo makes it a chip (md-add-on-blur), as when the user tabs away.
 */
export function writeRecipients(form: Element, r: { to: string[]; cc: string[] }): void {
  const present: Recipients = { to: recipientsIn(form, sel.to), cc: recipientsIn(form, sel.cc), bcc: recipientsIn(form, sel.bcc) };
  const missing = missingRecipients(present, r);
  for (const [field, addrs] of [[sel.to, missing.to], [sel.cc, missing.cc]] as const) {
    if (addrs.length === 0) continue;
    if (field === sel.cc) form.querySelector<HTMLElement>(sel.showCc)?.click();
    const input = form.querySelector(field)?.querySelector<HTMLInputElement>(sel.chipInput);
    if (!input) continue;
    const view = input.ownerDocument.defaultView as (Window & typeof globalThis) | null;
    for (const addr of addrs) {
      input.focus({ preventScroll: true }); // the page stays where the user looks
      input.value = addr;
      fire(input, 'input');
      input.dispatchEvent(new (view?.FocusEvent ?? FocusEvent)('blur'));
    }
  }
}

/** CKEditor's editable body (an about:blank frame of the same origin), once CKEditor has built it. */
function ckBody(form: Element): HTMLElement | null {
  const frame = form.querySelector<HTMLIFrameElement>(sel.ckFrame);
  try {
    const body = frame?.contentDocument?.body ?? null;
    return body?.isContentEditable ? body : null;
  } catch {
    return null;
  }
}

/** SOGo's own upload (angular-file-upload): done when its queue lists the file with a link, refused when the item goes. */
function uploader(form: Element, timeoutMs: number): ((file: File) => Promise<void>) | null {
  const input = form.querySelector<HTMLInputElement>(sel.upload);
  const list = form.querySelector(sel.uploadList);
  if (!input || !list) return null;
  return oneAtATime((file) => uploadThroughInput(input, file, () => {
    const chipsNamed = () => [...list.querySelectorAll(sel.chip)].filter((c) => (c.textContent ?? '').includes(file.name));
    const before = new Set(chipsNamed());
    let seen = false;
    return {
      target: list, attributes: ['href', 'class'], timeoutMs,
      state: () => {
        const mine = chipsNamed().filter((c) => !before.has(c));
        if (mine.some((c) => c.querySelector(sel.uploadedLink))) return 'done';
        if (mine.length > 0) seen = true;
        else if (seen) return new Error(`SOGo did not accept the attachment ${file.name}`);
        return null;
      },
      timeoutError: () => new Error(`SOGo upload of ${file.name} timed out`),
    };
  }));
}

function composePaneOf(form: Element): ComposePane | null {
  const html = form.querySelector<HTMLElement>(sel.htmlEditor);
  const text = form.querySelector<HTMLTextAreaElement>(sel.textEditor);
  const editor = html ?? text;
  const subject = form.querySelector<HTMLInputElement>(sel.composeSubject);
  if (!editor || !subject || !form.querySelector(sel.to)) return null;
  return {
    editor,
    getRecipients: (): Recipients => ({ to: recipientsIn(form, sel.to), cc: recipientsIn(form, sel.cc), bcc: recipientsIn(form, sel.bcc) }),
    getSubject: () => subject.value.trim() || null,
    setRecipients: (r) => writeRecipients(form, r),
    setSubject(value: string): void {
      subject.value = value;
      fire(subject, 'input');
      fire(subject, 'change');
    },
    setBody(value: string): void {
      const body = html ? ckBody(form) : null;
      if (body) insertPreformatted(body, value); // CKEditor's change event updates SOGo's model
      else if (text) {
        // AngularJS's ng-model listens to input events on the textarea.
        text.value = value;
        fire(text, 'input');
        fire(text, 'change');
      }
    },
    attach: uploader(form, uploadTimeoutMs),
  };
}

/** SOGo's route says what is shown: an open message needs its view's hooks; every compose form its fields. */
export function sogoHealth(doc: Document): Health {
  const missing: string[] = [];
  const view = doc.querySelector(sel.view);
  if (messageRefOf(doc.URL) && view?.querySelector(sel.body)?.querySelector(sel.bodyPart)) {
    for (const q of [sel.subject, sel.sender]) if (!view.querySelector(q)) missing.push(q);
  }
  for (const form of doc.querySelectorAll(sel.composeForm)) {
    for (const q of [sel.to, sel.composeSubject]) if (!form.querySelector(q)) missing.push(q);
    if (!form.querySelector(sel.htmlEditor) && !form.querySelector(sel.textEditor)) missing.push(sel.textEditor);
  }
  return missing.length === 0 ? { ok: true } : { ok: false, missing: [...new Set(missing)] };
}

export function createSogoAdapter(fetchImpl: Fetch = (input, init) => globalThis.fetch(input, init)): SiteAdapter {
  const panes = {
    readPanes: (doc: Document): ReadPane[] => [...doc.querySelectorAll(sel.view)].flatMap((v) => readPaneOf(doc, v, fetchImpl) ?? []),
    composePanes: (doc: Document): ComposePane[] => [...doc.querySelectorAll(sel.composeForm)].flatMap((f) => composePaneOf(f) ?? []),
    health: sogoHealth,
  };
  return { ...sogoProbe, ...panes, takesReplies: true, ...trackPanes(panes) };
}
