/**
 * Serves the Yahoo Mail replica (this folder, through the e2e test server) at Yahoo's own address,
 * https://mail.yahoo.com/d/folders/1, with Playwright request routing: nothing reaches the network. The
 * spec gives the mailbox. Yahoo's mail API host (apis.mail.yahoo.com) answers "View raw message"
 * (`…/content/rawplaintext`) with each message's raw bytes, cross-origin with CORS for mail.yahoo.com as
 * Yahoo's own app needs it; what the replica's Send, draft autosave and upload post is recorded.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Route } from '@playwright/test';
import type { TestServer } from '../../support/server';

export const yahooOrigin = 'https://mail.yahoo.com';
export const yahooInbox = `${yahooOrigin}/d/folders/1`;

export type ReplicaMessage = {
  from: { name: string; email: string };
  /** The text Yahoo shows in the message body (for PGP/MIME mail: what Yahoo shows, often nothing). */
  body: string;
  attachments?: { name: string }[];
  /** The exact RFC 5322 bytes "View raw message" returns. */
  raw?: Buffer;
};
export type ReplicaThread = { subject: string; messages: ReplicaMessage[] };

export type SentMail = { to: string[]; cc: string[]; bcc: string[]; subject: string; body: string; attachments: string[] };
export type Upload = { draftId: string; name: string; type: string; data: Buffer };

/** `classes`: generated class names renamed; `hooks`: data-test-id hooks renamed; `de`: German labels. */
export type Variant = 'classes' | 'hooks' | 'de';

export type Replica = {
  /** The conversation's URL (its latest message's), with `?replica=` for a variant of Yahoo. */
  threadUrl(index: number, variant?: Variant): string;
  inboxUrl(variant?: Variant): string;
  sent: SentMail[];
  drafts: string[];
  uploads: Upload[];
  /** Message ids whose raw source was fetched. */
  originals: string[];
};

// Yahoo's ids are URL-safe base64 (message ids of ~27 characters starting with "A", mailbox ids "VjN-…").
const b64 = (n: number) => randomBytes(n).toString('base64url').slice(0, n);

export async function serveYahooReplica(context: BrowserContext, server: TestServer, threads: ReplicaThread[]): Promise<Replica> {
  const raws = new Map<string, Buffer>();
  const mailbox = {
    mailboxId: `VjN-${b64(60)}`,
    threads: threads.map((t) => ({
      subject: t.subject,
      messages: t.messages.map((m) => {
        const id = `A${b64(26)}`;
        if (m.raw) raws.set(id, m.raw);
        return { from: m.from, body: m.body, attachments: m.attachments ?? [], id };
      }),
    })),
  };
  const q = (variant?: Variant) => (variant ? `?replica=${variant}` : '');
  const replica: Replica = {
    threadUrl: (i, variant) => {
      const msgs = mailbox.threads[i]!.messages;
      return `${yahooInbox}/messages/${msgs[msgs.length - 1]!.id}${q(variant)}`;
    },
    inboxUrl: (variant) => `${yahooInbox}${q(variant)}`,
    sent: [], drafts: [], uploads: [], originals: [],
  };
  const fromServer = async (route: Route, file: string) => route.fulfill({ response: await route.fetch({ url: server.url(`/yahoo/${file}`) }) });
  await context.route(`${yahooOrigin}/**`, async (route) => {
    const url = new URL(route.request().url());
    const path = url.pathname;
    if (route.request().method() === 'POST' && path.startsWith('/_replica/')) {
      const body = route.request().postData() ?? '';
      const what = path.slice('/_replica/'.length);
      if (what === 'send') replica.sent.push(JSON.parse(body) as SentMail);
      else if (what === 'draft') replica.drafts.push(body);
      else if (what === 'upload') {
        const u = JSON.parse(body) as Omit<Upload, 'data'> & { data: string };
        replica.uploads.push({ ...u, data: Buffer.from(u.data, 'base64') });
      }
      return route.fulfill({ status: 200, contentType: 'application/json', body: '{}' });
    }
    if (path === '/_replica/mailbox.json') return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(mailbox) });
    if (path === '/_replica/app.js' || path === '/_replica/app.css') return fromServer(route, path.slice('/_replica/'.length));
    // The app's own routes (folders, messages, compose) all load the one app document.
    if (path.startsWith('/d/')) return fromServer(route, 'index.html');
    return route.fulfill({ status: 404, body: 'not found' });
  });
  await context.route('https://apis.mail.yahoo.com/**', async (route) => {
    const req = route.request();
    const origin = (await req.allHeaders())['origin'] ?? '';
    // Yahoo's API lets its own web app read responses with the session cookie; nobody else.
    const cors: Record<string, string> = origin === yahooOrigin ? { 'access-control-allow-origin': yahooOrigin, 'access-control-allow-credentials': 'true', vary: 'Origin' } : {};
    if (req.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: { ...cors, 'access-control-allow-methods': 'GET' } });
    const m = /^\/ws\/v3\/mailboxes\/@\.id==([^/]+)\/messages\/@\.id==([^/]+)\/content\/rawplaintext$/.exec(new URL(req.url()).pathname);
    const raw = m && m[1] === mailbox.mailboxId ? raws.get(m[2]!) : undefined;
    if (!m || !raw) return route.fulfill({ status: 404, headers: { ...cors, 'content-type': 'application/json' }, body: '{"error":{"code":"EC-4001"}}' });
    replica.originals.push(m[2]!);
    return route.fulfill({ status: 200, headers: { ...cors, 'content-type': 'text/plain; charset=utf-8' }, body: raw });
  });
  return replica;
}
