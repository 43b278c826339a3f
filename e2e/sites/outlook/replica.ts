/**
 * Serves the Outlook on the web replica (this folder, through the e2e test server) at Outlook's own
 * addresses with Playwright request routing, nothing reaching the network: https://outlook.live.com/mail/0/
 * (personal) and https://outlook.office.com/mail/ (Microsoft 365). The spec gives the mailbox. OWA's
 * service endpoint answers GetItem with each message's MIME (only with the session's canary, and only where
 * the spec gave the variant one), and records what CreateItem (Send) and UpdateItem (draft autosave) get.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Route } from '@playwright/test';
import type { TestServer } from '../../support/server';

export type Variant = 'live' | 'office';
export const outlookBase: Record<Variant, string> = { live: 'https://outlook.live.com/mail/0/', office: 'https://outlook.office.com/mail/' };
const servicePath: Record<Variant, string> = { live: '/owa/0/service.svc', office: '/owa/service.svc' };

export type ReplicaMessage = {
  from: { name: string; email: string };
  /** The text OWA shows in the message body (for PGP/MIME or S/MIME mail: what OWA shows, often nothing). */
  body: string;
  /** File names as OWA lists them. */
  attachments?: string[];
  /** The exact RFC 5322 bytes GetItem's MimeContent holds. */
  raw?: Buffer;
};
export type ReplicaThread = { subject: string; messages: ReplicaMessage[] };
export type SentMail = { to: string[]; cc: string[]; bcc: string[]; subject: string; body: string; attachments: string[] };
export type Mutation = 'classes' | 'hooks' | 'de';

export type Replica = {
  /** The URL of a conversation (its last message selected), with `?replica=` for a mutated Outlook. */
  threadUrl(index: number, mutate?: Mutation): string;
  inboxUrl(mutate?: Mutation): string;
  sent: SentMail[];
  drafts: string[];
  /** Item ids whose MIME was fetched through GetItem. */
  sources: string[];
  /** GetItem calls refused (no or wrong canary). */
  refused: number;
};

/** An EWS-style item id (base64 of random bytes, as OWA's ids look: "AQMkAD…"). */
const itemId = () => `AQMkAD${randomBytes(48).toString('base64').replace(/\//g, '_').replace(/\+/g, '-').replace(/=+$/, '')}`;

/**
 * `canary`: whether this tenant's OWA authenticates its service endpoint by cookie and canary (the replica
 * then sets an `X-OWA-CANARY` cookie, as OWA does at sign-in). Without it, GetItem wants a bearer token.
 */
export async function serveOutlookReplica(context: BrowserContext, server: TestServer, variant: Variant, threads: ReplicaThread[], opts: { canary?: boolean } = {}): Promise<Replica> {
  const base = new URL(outlookBase[variant]);
  const mailbox = {
    account: 'Bob Example',
    threads: threads.map((t) => ({ id: `AQQkAD${randomBytes(24).toString('hex')}`, subject: t.subject, messages: t.messages.map((m) => ({ ...m, raw: undefined, itemId: itemId() })) })),
  };
  const raws = new Map<string, Buffer>();
  mailbox.threads.forEach((t, i) => t.messages.forEach((m, j) => {
    const raw = threads[i]!.messages[j]!.raw;
    if (raw) raws.set(m.itemId, raw);
  }));
  const canary = opts.canary ? randomBytes(32).toString('base64url') : null;
  if (canary) await context.addCookies([{ name: 'X-OWA-CANARY', value: canary, domain: base.hostname, path: '/', secure: true, httpOnly: false, sameSite: 'Lax' }]);
  const q = (mutate?: Mutation) => (mutate ? `?replica=${mutate}` : '');
  const replica: Replica = {
    threadUrl: (i, mutate) => {
      const t = mailbox.threads[i]!;
      return `${outlookBase[variant]}inbox/id/${encodeURIComponent(t.messages[t.messages.length - 1]!.itemId)}${q(mutate)}`;
    },
    inboxUrl: (mutate) => `${outlookBase[variant]}inbox${q(mutate)}`,
    sent: [], drafts: [], sources: [], refused: 0,
  };
  const fromServer = async (route: Route, file: string) => route.fulfill({ response: await route.fetch({ url: server.url(`/outlook/${file}`) }) });
  const json = (route: Route, status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });
  await context.route(`${base.origin}/**`, async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    if (url.pathname === servicePath[variant]) {
      const action = url.searchParams.get('action');
      if (action === 'GetItem') return getItem(route);
      const body = req.postData() ?? '';
      if (action === 'CreateItem') replica.sent.push(JSON.parse(body) as SentMail);
      else if (action === 'UpdateItem') replica.drafts.push(body);
      return json(route, 200, {});
    }
    if (url.pathname.startsWith('/owa-replica/')) {
      const file = url.pathname.slice('/owa-replica/'.length);
      if (file === 'mailbox.json') return json(route, 200, mailbox);
      if (file === 'app.js' || file === 'app.css') return fromServer(route, file);
    }
    if (url.pathname.startsWith(base.pathname) && req.method() === 'GET') return fromServer(route, 'index.html');
    return route.fulfill({ status: 404, body: 'not found' });
  });

  async function getItem(route: Route): Promise<void> {
    const req = route.request();
    const headers = await req.allHeaders();
    const cookie = /(?:^|;\s*)X-OWA-CANARY=([^;]+)/.exec(headers.cookie ?? '')?.[1];
    // OWA checks the canary header against its cookie; without a cookie session it wants a bearer token.
    if (!canary || headers['x-owa-canary'] !== canary || cookie !== canary) {
      replica.refused += 1;
      return route.fulfill({ status: 440, contentType: 'text/html', body: '<p>Login Timeout</p>' });
    }
    const request = JSON.parse(req.postData() ?? '{}') as { Body?: { ItemShape?: { IncludeMimeContent?: boolean }; ItemIds?: { Id?: string }[] } };
    const id = request.Body?.ItemIds?.[0]?.Id ?? '';
    const raw = raws.get(id);
    if (!raw || request.Body?.ItemShape?.IncludeMimeContent !== true) {
      return json(route, 200, { Body: { ResponseMessages: { Items: [{ __type: 'ItemInfoResponseMessage:#Exchange', ResponseClass: 'Error', ResponseCode: 'ErrorItemNotFound' }] } } });
    }
    replica.sources.push(id);
    return json(route, 200, {
      Body: { ResponseMessages: { Items: [{ __type: 'ItemInfoResponseMessage:#Exchange', ResponseClass: 'Success', ResponseCode: 'NoError', Items: [{ __type: 'Message:#Exchange', ItemId: { Id: id }, MimeContent: { CharacterSet: 'UTF-8', Value: raw.toString('base64') } }] }] } },
    });
  }
  return replica;
}
