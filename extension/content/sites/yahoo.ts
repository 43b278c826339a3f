/**
 * Yahoo Mail (mail.yahoo.com, the "/d/" web app), a single-page app: conversations, inline replies and
 * compose views come and go within one document, so panes are tracked over the page observer.
 *
 * Yahoo's class names are generated ("D_F", "p_R", …) and change with every release; this adapter never
 * uses them. Its hooks are the `data-test-id` attributes Yahoo keeps for its own UI tests, which public
 * Selenium/WebdriverIO page objects and browser extensions read too (sources: e2e/sites/yahoo/NOTES.md):
 * `message-view` (one open message of a conversation), `message-view-body-content`, `message-from` with its
 * `email-pill`, `message-group-subject-text`, `attachment-name`, `rte` (the compose body),
 * `compose-subject`, `pill` (a recipient chip, its `title` "Name <address>"), and the ids of the
 * recipient inputs (`message-to-field`, `message-cc-field`, `message-bcc-field`). Labels it matches (the
 * Reply button, as a fallback) are English and German.
 *
 * The raw message is what Yahoo's "View raw message" opens: `…/content/rawplaintext` of Yahoo's mail API
 * (apis.mail.yahoo.com), which the web app itself calls with the session cookie (no OAuth). The mailbox
 * and message ids come from the message's own attachment links, which point into that API.
 */
import type { ComposePane, Health, ReadPane, Recipients, ShownAttachment, SiteAdapter, SiteId, SiteProbe } from '../adapter';
import { insertText } from '../insert-text';
import { trackPanes } from '../pane-tracker';
import { readCapped } from '../read-capped';
import { addMissingRecipients } from '../recipient-typing';
import { fire, oneAtATime, uploadThroughInput } from '../site-upload';

const sel = {
  // The web app's root and, once the views are built in it, its main region (ARIA landmark).
  app: '#mail-app-component [role="main"]',
  // One open message of a conversation (collapsed ones are summary rows without this hook).
  message: '[data-test-id="message-view"]',
  body: '[data-test-id="message-view-body-content"]',
  // The sender: the pill inside the message's From line carries the address (data-email, else its text).
  sender: '[data-test-id="message-from"] [data-test-id="email-pill"]',
  subject: '[data-test-id="message-group-subject-text"], [data-test-id="message-subject"]',
  // Listed attachments: the name as shown; the media type is not shown.
  attachmentName: '[data-test-id="attachment-name"]',
  // Links into Yahoo's mail API (attachment download/preview): they carry the mailbox and message ids.
  apiLink: 'a[href*="/ws/v3/mailboxes/@.id=="], img[src*="/ws/v3/mailboxes/@.id=="]',
  // The message's own Reply button: by its test id, else by its localised label.
  reply: 'button[data-test-id="btn-reply-sender"], button[aria-label="Reply"], button[aria-label="Antworten"]',
  // The compose body (a contenteditable rich-text editor).
  editor: 'div[data-test-id="rte"][contenteditable="true"]',
  subjectInput: 'input[data-test-id="compose-subject"]',
  // The recipient inputs; each field's chips are `pill` elements beside its input.
  recipients: { to: 'input[id="message-to-field"]', cc: 'input[id="message-cc-field"]', bcc: 'input[id="message-bcc-field"]' },
  pill: '[data-test-id="pill"]',
  upload: 'input[type="file"]',
} as const;

export const yahooId = 'yahoo' as SiteId;
export const maxRawSourceBytes = 64 * 1024 * 1024;
export const uploadTimeoutMs = 10 * 60 * 1000;
const maxScopeDepth = 25;
const apiOrigin = 'https://apis.mail.yahoo.com';
const addrSpec = /^[^\s@<>",;()]+@[^\s@<>",;()]+$/;

/** The cheap half (in content.js): Yahoo's mail host and the "/d/" app, and its brand in the title. */
export const yahooProbe: SiteProbe = {
  id: yahooId,
  matches: (url) => url.protocol === 'https:' && /^(?:[a-z]{2}\.)?mail\.yahoo\.com$/.test(url.hostname) && url.pathname.startsWith('/d/'),
  // "Yahoo Mail", "(3 unread) - bob@yahoo.com - Yahoo Mail": the brand is not translated.
  detect: (doc) => /(^|\s)Yahoo Mail$/.test(doc.title.trim()),
};

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** A message URL: /d/folders/<folder>/messages/<message id> (a conversation opens at its latest message). */
export function messageIdInUrl(href: string): string | null {
  return /\/d\/folders\/[^/]+\/messages\/([A-Za-z0-9_-]{6,64})(?:[/?#]|$)/.exec(new URL(href).pathname + '/')?.[1] ?? null;
}

export type ApiIds = { mailbox: string; message: string };

/** The mailbox and message ids in a link into Yahoo's mail API, or null. */
export function apiIdsIn(url: string): ApiIds | null {
  const m = /\/ws\/v3\/mailboxes\/@\.id==([A-Za-z0-9_-]{8,200})\/messages\/@\.id==([A-Za-z0-9_-]{6,64})\//.exec(url);
  return m ? { mailbox: m[1]!, message: m[2]! } : null;
}

export function rawSourceUrl(ids: ApiIds): string {
  return `${apiOrigin}/ws/v3/mailboxes/@.id==${ids.mailbox}/messages/@.id==${ids.message}/content/rawplaintext?appid=YMailNorrin`;
}

function apiIdsOf(message: Element): ApiIds | null {
  for (const el of message.querySelectorAll(sel.apiLink)) {
    const ids = apiIdsIn(el.getAttribute('href') ?? el.getAttribute('src') ?? '');
    if (ids) return ids;
  }
  return null;
}

function rawFetcher(message: Element, fetchImpl: Fetch): (() => Promise<Uint8Array>) | null {
  const ids = apiIdsOf(message);
  if (!ids) return null;
  return async () => {
    // Cross-origin to Yahoo's API, with the session cookie, as Yahoo's own app calls it.
    const res = await fetchImpl(rawSourceUrl(ids), { credentials: 'include', cache: 'no-store', redirect: 'error' });
    const type = res.headers.get('content-type') ?? '';
    if (!res.ok || /^(?:text\/html|application\/json)\b/i.test(type)) throw new Error(`Yahoo refused the raw message (HTTP ${res.status}${type ? `, ${type}` : ''})`);
    return readCapped(res, maxRawSourceBytes, 'Yahoo raw message');
  };
}

/** "Alice <alice@x>" or "alice@x" → the addr-spec, else null. */
export function addressOf(text: string): string | null {
  const m = /<([^<>]*)>/.exec(text);
  const addr = (m ? m[1] ?? '' : text).replace(/"/g, '').trim();
  return addrSpec.test(addr) ? addr : null;
}

function senderOf(message: Element): string | null {
  const pill = message.querySelector(sel.sender);
  if (!pill) return null;
  return addressOf(pill.getAttribute('data-email') ?? '') ?? addressOf(pill.getAttribute('title') ?? '') ?? addressOf(pill.textContent ?? '');
}

function readPaneOf(doc: Document, message: Element, fetchImpl: Fetch): ReadPane {
  const subject = doc.querySelector(sel.subject)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const reply = message.querySelector<HTMLElement>(sel.reply);
  return {
    container: message.querySelector(sel.body) ?? message,
    senderEmail: senderOf(message),
    subject: subject || null,
    fetchRawSource: rawFetcher(message, fetchImpl),
    attachments: [...message.querySelectorAll(sel.attachmentName)].slice(0, 200)
      .map((a): ShownAttachment => ({ name: (a.textContent ?? '').trim(), mimeType: '' })).filter((a) => a.name !== ''),
    openReply: reply ? () => reply.click() : null,
  };
}

/** The nearest ancestor of a compose editor that holds its form's To field. */
function scopeOf(editor: Element): Element | null {
  let el = editor.parentElement;
  for (let depth = 0; el && depth < maxScopeDepth; depth++, el = el.parentElement) {
    if (el.querySelector(sel.recipients.to)) return el;
  }
  return null;
}

type Field = keyof Recipients;
const allInputs = 'input[id="message-to-field"], input[id="message-cc-field"], input[id="message-bcc-field"]';

/** A field's own box: the largest ancestor of its input that holds no other recipient input. */
function boxOf(input: Element, scope: Element): Element {
  let box = input;
  while (box.parentElement && box.parentElement !== scope && box.parentElement.querySelectorAll(allInputs).length === 1) box = box.parentElement;
  return box;
}

function recipientsIn(scope: Element, field: Field): string[] {
  const input = scope.querySelector<HTMLInputElement>(sel.recipients[field]);
  if (!input) return [];
  const pills = [...boxOf(input, scope).querySelectorAll(sel.pill)].map((p) => addressOf(p.getAttribute('title') ?? '') ?? addressOf(p.textContent ?? ''));
  // Text typed but not yet a chip still counts: Yahoo makes it one on Send.
  const typed = input.value.split(/[,;]/).map(addressOf);
  return [...new Set([...pills, ...typed].filter((a): a is string => a !== null))].slice(0, 100);
}

function recipientsOf(scope: Element): Recipients {
  return { to: recipientsIn(scope, 'to'), cc: recipientsIn(scope, 'cc'), bcc: recipientsIn(scope, 'bcc') };
}

function setValue(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input) as object, 'value')?.set;
  if (setter) setter.call(input, value);
  else input.value = value;
  fire(input, 'input');
}

/** Yahoo's own upload: the compose view's file input; done when the view lists the file by name. */
function uploader(scope: Element, timeoutMs: number): ((file: File) => Promise<void>) | null {
  const input = scope.querySelector<HTMLInputElement>(sel.upload);
  if (!input) return null;
  const listed = (name: string) => [...scope.querySelectorAll(sel.attachmentName)].filter((a) => a.textContent?.trim() === name).length;
  return oneAtATime((file) => uploadThroughInput(input, file, () => {
    const before = listed(file.name);
    return {
      target: scope, attributes: [], timeoutMs,
      state: () => (listed(file.name) > before ? 'done' : null),
      timeoutError: () => new Error(`Yahoo upload of ${file.name} timed out`),
    };
  }));
}

function composePaneOf(editor: HTMLElement, scope: Element): ComposePane {
  const subject = () => scope.querySelector<HTMLInputElement>(sel.subjectInput);
  return {
    editor,
    getRecipients: () => recipientsOf(scope),
    // Typed into the field's input and committed with Enter: Yahoo makes the pill.
    setRecipients: (r) => addMissingRecipients(recipientsOf(scope), r, (f) => scope.querySelector<HTMLInputElement>(sel.recipients[f])),
    getSubject: () => subject()?.value.trim() || null,
    setSubject: (value) => {
      const input = subject();
      if (input) setValue(input, value);
    },
    // insertText types like the user (beforeinput/input), so Yahoo's draft autosave and Send see it.
    setBody: (text) => insertText(editor, text),
    attach: uploader(scope, uploadTimeoutMs),
  };
}

export function yahooHealth(doc: Document): Health {
  if (!doc.querySelector(sel.app)) return { ok: false, missing: [sel.app] };
  const missing: string[] = [];
  // A message URL whose view is built must show its messages through the hooks the adapter reads.
  if (messageIdInUrl(doc.URL) && !doc.querySelector(sel.message)) missing.push(sel.message);
  if (messageIdInUrl(doc.URL) && !doc.querySelector(sel.subject)) missing.push(sel.subject);
  for (const editor of doc.querySelectorAll(sel.editor)) {
    if (!scopeOf(editor)) {
      missing.push(sel.recipients.to);
      break;
    }
  }
  return missing.length === 0 ? { ok: true } : { ok: false, missing };
}

export function createYahooAdapter(fetchImpl: Fetch = (input, init) => globalThis.fetch(input, init)): SiteAdapter {
  const panes = {
    readPanes: (doc: Document): ReadPane[] => [...doc.querySelectorAll(sel.message)].map((m) => readPaneOf(doc, m, fetchImpl)),
    composePanes: (doc: Document): ComposePane[] => [...doc.querySelectorAll<HTMLElement>(sel.editor)].flatMap((editor) => {
      const scope = scopeOf(editor);
      return scope ? [composePaneOf(editor, scope)] : [];
    }),
    health: yahooHealth,
  };
  return { ...yahooProbe, ...panes, takesReplies: true, ...trackPanes(panes) };
}
