/**
 * Gmail (mail.google.com), a single-page app: messages, conversations and compose windows come and go
 * within one document, so panes are tracked over the page observer (pane-tracker.ts).
 *
 * Gmail's class names are generated and change; this adapter relies on them only to narrow a pane and
 * still works without them. Its essential hooks are attributes Gmail has kept for years and which
 * open-source extensions read too (see e2e/sites/gmail/NOTES.md): `data-message-id` /
 * `data-legacy-message-id` on each open message, `data-thread-perm-id` on the subject heading, the
 * `email` attribute of sender chips, `download_url` on listed attachments, Gmail's own `g_editable`
 * attribute and ARIA role on the compose body, and the input names its compose form submits
 * (`subjectbox`, `to`/`cc`/`bcc`, `Filedata`). Labels it matches (the Reply button) are English and German.
 * Recipients the secure editor adds are typed into the field and committed with Enter, so Gmail makes the chip.
 *
 * The raw message comes from the "Download original" route of Gmail's "Show original" page
 * (`?view=att&th=<legacy message id>&attid=0&disp=comp&safe=1&zw`): the exact bytes, no API, no OAuth.
 */
import type { ComposePane, Health, ReadPane, Recipients, ShownAttachment, SiteAdapter, SiteId, SiteProbe } from '../adapter';
import { insertText } from '../insert-text';
import { trackPanes } from '../pane-tracker';
import { readCapped } from '../read-capped';
import { addMissingRecipients } from '../recipient-typing';
import { oneAtATime, uploadThroughInput } from '../site-upload';

const sel = {
  // The application's main region (ARIA landmark): there once Gmail has built its UI.
  main: 'div[role="main"]',
  // One open (expanded) message of a conversation; Gmail's own ids, also used in its URLs.
  message: 'div[data-message-id]',
  legacyIdAttr: 'data-legacy-message-id',
  // The open conversation's subject heading carries the thread's permanent id.
  subject: 'h2[data-thread-perm-id]',
  // The sender chip in a message header: the address is in its `email` attribute (the name is shown).
  sender: 'span[email]',
  // Generated class of the message body; optional: without it the whole message is the pane.
  body: '.a3s',
  // Listed attachments: "media type:file name:download URL" in a `download_url` attribute (drag-out support).
  attachment: '[download_url]',
  // The message's own Reply button; its label is localised.
  reply: 'div[role="button"][aria-label="Reply"], div[role="button"][aria-label="Antworten"]',
  // The compose body: Gmail marks its editors with g_editable and the textbox role.
  editor: 'div[g_editable="true"][role="textbox"][contenteditable="true"]',
  // The compose form's fields, by the names Gmail's form submits (the subject box exists in inline replies too).
  subjectInput: 'input[name="subjectbox"]',
  // Recipients, classic compose: each chip holds a hidden input of the field's name; typed text is in the
  // field's textarea. Since 2021 ("peoplekit"), chips are [data-hovercard-id] elements in div[name=<field>],
  // typed into that row's text input. `typing` is where an added address is typed (then Enter: Gmail chips it).
  recipients: {
    to: { inputs: 'input[name="to"], textarea[name="to"]', chips: 'div[name="to"] [data-hovercard-id]', typing: 'textarea[name="to"], div[name="to"] input:not([type="hidden"])' },
    cc: { inputs: 'input[name="cc"], textarea[name="cc"]', chips: 'div[name="cc"] [data-hovercard-id]', typing: 'textarea[name="cc"], div[name="cc"] input:not([type="hidden"])' },
    bcc: { inputs: 'input[name="bcc"], textarea[name="bcc"]', chips: 'div[name="bcc"] [data-hovercard-id]', typing: 'textarea[name="bcc"], div[name="bcc"] input:not([type="hidden"])' },
  },
  upload: 'input[type="file"][name="Filedata"]',
  // An upload in progress in a compose form (ARIA), and a finished attachment (its download_url).
  uploading: '[role="progressbar"]',
} as const;

export const gmailId = 'gmail' as SiteId;
export const maxRawSourceBytes = 64 * 1024 * 1024;
/** How far up from a compose editor its form's fields may be (wrappers come and go). */
const maxScopeDepth = 25;
export const uploadTimeoutMs = 10 * 60 * 1000;

const addrSpec = /^[^\s@<>",;()]+@[^\s@<>",;()]+$/;

/** The cheap half (in content.js): Gmail's host, and its brand in the title (the UI is built later). */
export const gmailProbe: SiteProbe = {
  id: gmailId,
  matches: (url) => url.protocol === 'https:' && url.hostname === 'mail.google.com' && url.pathname.startsWith('/mail/'),
  // "Gmail" while loading, "Inbox (3) - x@gmail.com - Gmail" later: the brand is not translated.
  detect: (doc) => /(^|\s)Gmail$/.test(doc.title.trim()),
};

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** An open conversation's URL: `#<label>/<thread id>` (a long opaque id). */
export function isConversationUrl(href: string): boolean {
  return /#[^/]+(?:\/[^/]+)*\/[A-Za-z0-9_-]{16,}$/.test(href);
}

/** The account part of Gmail's paths (/mail/u/1/ for the second signed-in account). */
function accountBase(doc: Document): string {
  const url = new URL(doc.URL);
  const m = /^\/mail\/u\/\d+\//.exec(url.pathname);
  return `${url.origin}${m ? m[0] : '/mail/u/0/'}`;
}

export function rawSourceUrl(doc: Document, legacyId: string): string {
  return `${accountBase(doc)}?${new URLSearchParams({ view: 'att', th: legacyId, attid: '0', disp: 'comp', safe: '1' }).toString()}&zw`;
}

function rawFetcher(doc: Document, message: Element, fetchImpl: Fetch): (() => Promise<Uint8Array>) | null {
  const legacy = message.getAttribute(sel.legacyIdAttr) ?? '';
  if (!/^[0-9a-f]{8,32}$/i.test(legacy)) return null;
  return async () => {
    const res = await fetchImpl(rawSourceUrl(doc, legacy), { credentials: 'include', cache: 'no-store', redirect: 'error' });
    // A signed-out session answers with an HTML page: only the raw message itself is accepted.
    const type = res.headers.get('content-type') ?? '';
    if (!res.ok || /^text\/html\b/i.test(type)) throw new Error(`Gmail refused the original message (HTTP ${res.status}${type ? `, ${type}` : ''})`);
    return readCapped(res, maxRawSourceBytes, 'Gmail original message');
  };
}

/** "application/pgp-encrypted:encrypted.asc:https://…" → the name and type (the URL itself is not used). */
export function parseDownloadUrl(value: string): ShownAttachment | null {
  const m = /^([a-z0-9.+-]+\/[a-z0-9.+-]+):([^:]{1,255}):/i.exec(value);
  return m ? { mimeType: m[1]!.toLowerCase(), name: m[2]!.trim() } : null;
}

function senderOf(message: Element): string | null {
  const addr = message.querySelector(sel.sender)?.getAttribute('email')?.trim() ?? '';
  return addrSpec.test(addr) ? addr : null;
}

function readPaneOf(doc: Document, message: Element, fetchImpl: Fetch): ReadPane {
  const subject = doc.querySelector(sel.subject)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const reply = message.querySelector<HTMLElement>(sel.reply);
  return {
    container: message.querySelector(sel.body) ?? message,
    senderEmail: senderOf(message),
    subject: subject || null,
    fetchRawSource: rawFetcher(doc, message, fetchImpl),
    attachments: [...message.querySelectorAll(sel.attachment)].slice(0, 200)
      .map((a) => parseDownloadUrl(a.getAttribute('download_url') ?? '')).filter((a): a is ShownAttachment => a !== null),
    openReply: reply ? () => reply.click() : null,
  };
}

/** Splits an address field's text ("A <a@x>, b@y") into addr-specs. */
export function addressesIn(text: string): string[] {
  return text.split(/[,;\n]/).map((part) => {
    const m = /<([^<>]*)>/.exec(part);
    return (m ? m[1] ?? '' : part.replace(/"/g, '')).trim();
  }).filter((a) => addrSpec.test(a));
}

/** The nearest ancestor of a compose editor that holds its form's subject box. */
function scopeOf(editor: Element): Element | null {
  let el = editor.parentElement;
  for (let depth = 0; el && depth < maxScopeDepth; depth++, el = el.parentElement) {
    if (el.querySelector(sel.subjectInput)) return el;
  }
  return null;
}

function recipientsIn(scope: Element, field: { inputs: string; chips: string }): string[] {
  // Text typed but not yet a chip still counts: Gmail sends it.
  const values = [...scope.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(field.inputs)].map((f) => f.value);
  const chips = [...scope.querySelectorAll(field.chips)].map((c) => c.getAttribute('data-hovercard-id') ?? '');
  return [...new Set([...values, ...chips].flatMap(addressesIn))].slice(0, 100);
}


/** Gmail's own upload: the file goes into the form's Filedata input; done when the form lists it. */
function uploader(scope: Element, timeoutMs: number): ((file: File) => Promise<void>) | null {
  const input = scope.querySelector<HTMLInputElement>(sel.upload);
  if (!input) return null;
  const listed = (name: string) => [...scope.querySelectorAll(sel.attachment)].filter((a) => parseDownloadUrl(a.getAttribute('download_url') ?? '')?.name === name).length;
  return oneAtATime((file) => uploadThroughInput(input, file, () => {
    const before = listed(file.name);
    return {
      target: scope, attributes: ['download_url'], timeoutMs,
      state: () => (listed(file.name) > before ? 'done' : null),
      timeoutError: () => new Error(`Gmail upload of ${file.name} timed out`),
    };
  }));
}

function composePaneOf(editor: HTMLElement, scope: Element): ComposePane {
  const getRecipients = (): Recipients => ({ to: recipientsIn(scope, sel.recipients.to), cc: recipientsIn(scope, sel.recipients.cc), bcc: recipientsIn(scope, sel.recipients.bcc) });
  return {
    editor,
    getRecipients,
    setRecipients: (r) => addMissingRecipients(getRecipients(), r, (f) => scope.querySelector<HTMLInputElement | HTMLTextAreaElement>(sel.recipients[f].typing)),
    getSubject: () => scope.querySelector<HTMLInputElement>(sel.subjectInput)?.value.trim() || null,
    // insertText types like the user (beforeinput/input), so Gmail's own draft autosave and Send see it.
    setBody: (text) => insertText(editor, text),
    attach: uploader(scope, uploadTimeoutMs),
  };
}

export function gmailHealth(doc: Document): Health {
  const missing: string[] = [];
  if (!doc.querySelector(sel.main)) return { ok: false, missing: [sel.main] };
  if (isConversationUrl(doc.URL)) {
    if (!doc.querySelector(sel.subject)) missing.push(sel.subject);
    if (!doc.querySelector(sel.message)) missing.push(sel.message);
  }
  for (const editor of doc.querySelectorAll(sel.editor)) {
    if (!scopeOf(editor)) {
      missing.push(sel.subjectInput);
      break;
    }
  }
  return missing.length === 0 ? { ok: true } : { ok: false, missing };
}

export function createGmailAdapter(fetchImpl: Fetch = (input, init) => globalThis.fetch(input, init)): SiteAdapter {
  const panes = {
    readPanes: (doc: Document): ReadPane[] => [...doc.querySelectorAll(sel.message)].map((m) => readPaneOf(doc, m, fetchImpl)),
    composePanes: (doc: Document): ComposePane[] => [...doc.querySelectorAll<HTMLElement>(sel.editor)].flatMap((editor) => {
      const scope = scopeOf(editor);
      return scope ? [composePaneOf(editor, scope)] : [];
    }),
    health: gmailHealth,
  };
  return { ...gmailProbe, ...panes, takesReplies: true, ...trackPanes(panes) };
}
