/**
 * Outlook on the web: outlook.live.com (personal accounts) and outlook.office.com / outlook.office365.com
 * (Microsoft 365 business). One single-page app in two variants (`variants` below); messages, inline
 * replies and compose forms come and go in one document, so panes are tracked over the page observer.
 *
 * Outlook's class names are generated per build; this adapter never relies on them. Its hooks, as public
 * extensions and scripts describe them (e2e/sites/outlook/NOTES.md): the reading pane's message bodies
 * `div[id^=UniqueMessageBody][role=document]` (a locale-free id), each message's sender line
 * `[id^=MSG_][id$=_FROM]` whose label says "From: Name <address>" ("Von:" in German), the conversation's
 * heading `[role=heading][id^=CONV_][id$=_SUBJECT]`, the attachment list by its ARIA label, and in compose
 * the editor, the recipient wells (contenteditable textboxes named To/Cc/Bcc, German An/Cc/Bcc) holding one
 * persona chip (`[data-lpc-hover-target-id]`) per recipient, the subject box and the form's file input.
 * Labels it matches are English and German.
 *
 * Raw source: OWA's own "View message source" / "Download as EML" read the message's MIME through its
 * service endpoint (`service.svc?action=GetItem`, `IncludeMimeContent`). Where OWA authenticates that
 * endpoint by session cookie plus its `X-OWA-CANARY` cookie (read by OWA's own script, so not HttpOnly),
 * the content script makes the same call from the page's origin. Where OWA only sends it with a bearer
 * token from its sign-in library (no canary cookie), the content script has no way to the source without
 * taking that token, which it does not: the pane then has no raw source (stated in docs/adapters.md).
 */
import type { ComposePane, Health, ReadPane, Recipients, ShownAttachment, SiteAdapter, SiteId, SiteProbe } from '../adapter';
import { insertText } from '../insert-text';
import { trackPanes } from '../pane-tracker';
import { readCapped } from '../read-capped';
import { addMissingRecipients } from '../recipient-typing';
import { oneAtATime, uploadThroughInput } from '../site-upload';

const sel = {
  // The app's main region (ARIA landmark): there once OWA has built its UI.
  main: 'div[role="main"]',
  // One open message body in the reading pane; OWA numbers them UniqueMessageBody, _1, _2, … (not localised).
  body: 'div[id^="UniqueMessageBody"][role="document"]',
  // A message's sender line; its own or a child's aria-label / title holds "From: Name <address>".
  from: '[id^="MSG_"][id$="_FROM"]',
  // The open conversation's subject heading.
  subject: '[role="heading"][id^="CONV_"][id$="_SUBJECT"]',
  // The attachments OWA lists under a message: a labelled list of items named by their title.
  attachments: '[aria-label="Attachments"] [title], [aria-label="Anlagen"] [title]',
  reply: 'button[aria-label="Reply"], button[aria-label="Antworten"]',
  // The compose body (Rooster editor): a contenteditable textbox labelled "Message body, press Alt+F10 to exit".
  editor: 'div[contenteditable="true"][role="textbox"][aria-label^="Message body"], div[contenteditable="true"][role="textbox"][aria-label^="Nachrichtentext"]',
  // Recipient wells: contenteditable textboxes named by the field; each resolved recipient is a persona chip.
  wells: {
    to: 'div[contenteditable="true"][aria-label="To"], div[contenteditable="true"][aria-label="An"]',
    cc: 'div[contenteditable="true"][aria-label="Cc"]',
    bcc: 'div[contenteditable="true"][aria-label="Bcc"]',
  },
  chip: '[data-lpc-hover-target-id]',
  // The subject box: English and German labels of the new (Subject) and older (Add a subject) compose.
  subjectInput: 'input[aria-label="Add a subject"], input[aria-label="Subject"], input[aria-label="Betreff hinzufügen"], input[aria-label="Betreff"]',
  upload: 'input[type="file"]',
  // A compose form's Send button by its test id (not localised): a form the adapter must find an editor for.
  send: '[data-testid="ComposeSendButton"]',
  // A file attached in a compose form, and one still uploading (ARIA).
  attachmentCard: '[data-testid="AttachmentCard"]',
  uploading: '[role="progressbar"]',
} as const;

/**
 * Where the two variants differ: hosts, the account part of their paths (personal accounts have
 * /mail/0/, as Gmail has /u/0/), and so the service endpoint's path. Business tenants show colleagues'
 * names without the address in the sender line more often; the adapter then has no sender (null).
 */
const variants = {
  live: { hosts: ['outlook.live.com'], account: /^\/mail\/(\d+)\//, service: (n: string) => `/owa/${n}/service.svc` },
  office: { hosts: ['outlook.office.com', 'outlook.office365.com'], account: /^\/mail\//, service: () => '/owa/service.svc' },
} as const;

export const outlookId = 'outlook' as SiteId;
export const maxRawSourceBytes = 64 * 1024 * 1024;
const maxScopeDepth = 25;
const maxCardDepth = 12;
export const uploadTimeoutMs = 10 * 60 * 1000;
const addrSpec = /[^\s@<>",;()[\]:]+@[^\s@<>",;()[\]:]+\.[^\s@<>",;()[\]:]+/;

export function variantOf(url: URL): keyof typeof variants | null {
  if (url.protocol !== 'https:') return null;
  for (const [name, v] of Object.entries(variants) as [keyof typeof variants, (typeof variants)[keyof typeof variants]][]) {
    if ((v.hosts as readonly string[]).includes(url.hostname) && v.account.test(url.pathname)) return name;
  }
  return null;
}

/** The cheap half (in content.js): Outlook's hosts, and its brand in the title ("Mail – Bob – Outlook"). */
export const outlookProbe: SiteProbe = {
  id: outlookId,
  matches: (url) => variantOf(url) !== null,
  detect: (doc) => /(^|\s)Outlook$/.test(doc.title.trim()),
};

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The item the URL names: /mail/<folder>/id/<ItemId> (and /mail/0/… for personal accounts). */
export function itemIdOf(url: URL): string | null {
  const m = /\/id\/([^/?#]+)/.exec(url.pathname);
  if (!m) return null;
  const id = decodeURIComponent(m[1]!);
  return /^[A-Za-z0-9+/=_-]{16,512}$/.test(id) ? id : null;
}

export function serviceUrl(url: URL): string | null {
  const v = variantOf(url);
  if (!v) return null;
  const account = variants[v].account.exec(url.pathname)?.[1] ?? '0';
  return `${url.origin}${variants[v].service(account)}?action=GetItem&app=Mail`;
}

function canaryOf(doc: Document): string | null {
  const m = /(?:^|;\s*)X-OWA-CANARY=([^;]+)/i.exec(doc.cookie);
  return m ? m[1]! : null;
}

function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64.replace(/\s+/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The MIME of one item, from OWA's GetItem answer (JSON shape of EWS). */
export function mimeFromGetItem(json: unknown): Uint8Array {
  const items = (json as { Body?: { ResponseMessages?: { Items?: { ResponseClass?: string; Items?: { MimeContent?: { Value?: unknown } }[] }[] } } })
    ?.Body?.ResponseMessages?.Items;
  const answer = items?.[0];
  const value = answer?.Items?.[0]?.MimeContent?.Value;
  if (answer?.ResponseClass !== 'Success' || typeof value !== 'string') throw new Error('Outlook gave no message source for this item');
  return base64Bytes(value);
}

function rawFetcher(doc: Document, fetchImpl: Fetch): (() => Promise<Uint8Array>) | null {
  const url = new URL(doc.URL);
  const id = itemIdOf(url);
  const endpoint = serviceUrl(url);
  const canary = canaryOf(doc);
  if (!id || !endpoint || !canary) return null;
  return async () => {
    const body = {
      __type: 'GetItemJsonRequest:#Exchange',
      Header: { __type: 'JsonRequestHeaders:#Exchange', RequestServerVersion: 'Exchange2013' },
      Body: {
        __type: 'GetItemRequest:#Exchange',
        ItemShape: { __type: 'ItemResponseShape:#Exchange', BaseShape: 'IdOnly', IncludeMimeContent: true },
        ItemIds: [{ __type: 'ItemId:#Exchange', Id: id }],
      },
    };
    const res = await fetchImpl(endpoint, {
      method: 'POST', credentials: 'include', cache: 'no-store', redirect: 'error',
      headers: { action: 'GetItem', 'content-type': 'application/json; charset=utf-8', 'x-owa-canary': canary },
      body: JSON.stringify(body),
    });
    const type = res.headers.get('content-type') ?? '';
    // 401/440 (session expired, or a token OWA holds and we do not): say so rather than read a sign-in page.
    if (!res.ok || !/^application\/json\b/i.test(type)) throw new Error(`Outlook refused the message source (HTTP ${res.status}${type ? `, ${type}` : ''})`);
    const text = new TextDecoder().decode(await readCapped(res, Math.ceil(maxRawSourceBytes * 1.4), 'Outlook message source'));
    return mimeFromGetItem(JSON.parse(text));
  };
}

/** "From: Alice Example <alice@example.test>" (or "Von: …", or a bare address) → the address. */
export function addressIn(text: string): string | null {
  const bracket = /<([^<>]+)>/.exec(text)?.[1];
  const m = addrSpec.exec(bracket ?? text);
  return m ? m[0] : null;
}

function senderOf(from: Element | null): string | null {
  if (!from) return null;
  for (const el of [from, ...from.querySelectorAll('[aria-label], [title]')]) {
    for (const attr of ['aria-label', 'title']) {
      const addr = addressIn(el.getAttribute(attr) ?? '');
      if (addr) return addr;
    }
  }
  return addressIn(from.textContent ?? '');
}

/** A message's card: the nearest ancestor of its body that holds one sender line. */
function cardOf(body: Element): Element | null {
  let el = body.parentElement;
  for (let depth = 0; el && depth < maxCardDepth; depth++, el = el.parentElement) {
    const froms = el.querySelectorAll(sel.from).length;
    if (froms === 1) return el;
    if (froms > 1) return null;
  }
  return null;
}

function attachmentsOf(card: Element): ShownAttachment[] {
  return [...card.querySelectorAll(sel.attachments)].slice(0, 200)
    .map((a) => (a.getAttribute('title') ?? '').trim()).filter((name) => name.length > 0 && name.length <= 255)
    .map((name) => ({ name, mimeType: '' }));
}

function readPanesOf(doc: Document, fetchImpl: Fetch): ReadPane[] {
  const bodies = [...doc.querySelectorAll(sel.body)];
  const subject = doc.querySelector(sel.subject)?.textContent?.replace(/\s+/g, ' ').trim() || null;
  // The URL names one item: its source is offered when it is the only message open (OWA's DOM does not
  // say which of several open messages the URL's item is).
  const raw = bodies.length === 1 ? rawFetcher(doc, fetchImpl) : null;
  return bodies.flatMap((body) => {
    const card = cardOf(body);
    if (!card) return [];
    const reply = card.querySelector<HTMLElement>(sel.reply);
    return [{
      container: body,
      senderEmail: senderOf(card.querySelector(sel.from)),
      subject,
      fetchRawSource: raw,
      attachments: attachmentsOf(card),
      openReply: reply ? () => reply.click() : null,
    }];
  });
}

/** The nearest ancestor of a compose editor that holds its form's To well. */
function scopeOf(editor: Element): Element | null {
  let el = editor.parentElement;
  for (let depth = 0; el && depth < maxScopeDepth; depth++, el = el.parentElement) {
    if (el.querySelector(sel.wells.to)) return el;
  }
  return null;
}

/** Whether some ancestor of a Send button (within the compose scope's depth) holds an editor the adapter knows. */
function formHasEditor(send: Element): boolean {
  let el = send.parentElement;
  for (let depth = 0; el && depth < maxScopeDepth; depth++, el = el.parentElement) {
    if (el.querySelector(sel.editor)) return true;
  }
  return false;
}

function chipAddress(chip: Element): string | null {
  for (const attr of ['title', 'aria-label']) {
    const addr = addressIn(chip.getAttribute(attr) ?? '');
    if (addr) return addr;
  }
  return senderOf(chip);
}

function recipientsIn(scope: Element, well: string): string[] {
  const box = scope.querySelector(well);
  if (!box) return [];
  const chips = [...box.querySelectorAll(sel.chip)];
  const fromChips = chips.map(chipAddress);
  // Text typed but not yet resolved into a chip still counts: OWA resolves it on Send.
  const clone = box.cloneNode(true) as Element;
  for (const c of clone.querySelectorAll(sel.chip)) c.remove();
  const typed = (clone.textContent ?? '').split(/[;,\n]/).map(addressIn);
  return [...new Set([...fromChips, ...typed].filter((a): a is string => a !== null))].slice(0, 100);
}

/**
 * Writes recipients through OWA's own wells (recipient-typing.ts): each address in none of the form's
 * fields yet is typed into its field's well and committed with Enter, so OWA makes (and resolves) the chip.
 */
export function writeRecipients(scope: Element, r: Partial<Recipients>): void {
  const present: Recipients = { to: recipientsIn(scope, sel.wells.to), cc: recipientsIn(scope, sel.wells.cc), bcc: recipientsIn(scope, sel.wells.bcc) };
  addMissingRecipients(present, r, (field) => scope.querySelector<HTMLElement>(sel.wells[field]));
}

/** OWA's own upload: the file goes into the form's file input; done when an attachment card names it. */
function uploader(scope: Element, timeoutMs: number): ((file: File) => Promise<void>) | null {
  const input = scope.querySelector<HTMLInputElement>(sel.upload);
  if (!input) return null;
  const listed = (name: string) => [...scope.querySelectorAll(sel.attachmentCard)].filter((c) => (c.getAttribute('title') ?? c.textContent ?? '').includes(name)).length;
  return oneAtATime((file) => uploadThroughInput(input, file, () => {
    const before = listed(file.name);
    return {
      target: scope, attributes: ['title'], timeoutMs,
      state: () => (listed(file.name) > before ? 'done' : null),
      timeoutError: () => new Error(`Outlook upload of ${file.name} timed out`),
    };
  }));
}

function composePaneOf(editor: HTMLElement, scope: Element): ComposePane {
  return {
    editor,
    getRecipients: (): Recipients => ({ to: recipientsIn(scope, sel.wells.to), cc: recipientsIn(scope, sel.wells.cc), bcc: recipientsIn(scope, sel.wells.bcc) }),
    // Inline replies have no subject box (OWA keeps "RE: …" itself): null there.
    getSubject: () => scope.querySelector<HTMLInputElement>(sel.subjectInput)?.value.trim() || null,
    // insertText types like the user (beforeinput/input), so OWA's draft autosave and Send see it.
    setBody: (text) => insertText(editor, text),
    attach: uploader(scope, uploadTimeoutMs),
    setRecipients: (r) => writeRecipients(scope, r),
  };
}

export function outlookHealth(doc: Document): Health {
  if (!doc.querySelector(sel.main)) return { ok: false, missing: [sel.main] };
  const missing: string[] = [];
  // A URL naming an item means a message is open: its subject and body hooks must be there.
  if (itemIdOf(new URL(doc.URL))) {
    if (!doc.querySelector(sel.subject)) missing.push(sel.subject);
    const bodies = [...doc.querySelectorAll(sel.body)];
    if (bodies.length === 0) missing.push(sel.body);
    else if (bodies.some((b) => !cardOf(b))) missing.push(sel.from);
  }
  for (const editor of doc.querySelectorAll(sel.editor)) {
    if (!scopeOf(editor)) {
      missing.push(sel.wells.to);
      break;
    }
  }
  // A compose form whose editor goes by a label the adapter does not know (a UI language other than
  // English or German): unhealthy, so generic mode puts its Secure control there instead of none.
  for (const send of doc.querySelectorAll(sel.send)) {
    if (!formHasEditor(send)) {
      missing.push(sel.editor);
      break;
    }
  }
  return missing.length === 0 ? { ok: true } : { ok: false, missing };
}

export function createOutlookAdapter(fetchImpl: Fetch = (input, init) => globalThis.fetch(input, init)): SiteAdapter {
  const panes = {
    readPanes: (doc: Document): ReadPane[] => readPanesOf(doc, fetchImpl),
    composePanes: (doc: Document): ComposePane[] => [...doc.querySelectorAll<HTMLElement>(sel.editor)].flatMap((editor) => {
      const scope = scopeOf(editor);
      return scope ? [composePaneOf(editor, scope)] : [];
    }),
    health: outlookHealth,
  };
  return { ...outlookProbe, ...panes, takesReplies: true, ...trackPanes(panes) };
}
