/**
 * Serves the Gmail replica (this folder, through the e2e test server) at Gmail's own address,
 * https://mail.google.com/mail/u/0/, with Playwright request routing: nothing reaches the network. The
 * spec gives the mailbox; the "Download original" route answers with each message's raw bytes, and what
 * the replica's Send and draft autosave post is recorded.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Route } from '@playwright/test';
import type { TestServer } from '../../support/server';

export const gmailBase = 'https://mail.google.com/mail/u/0/';

export type ReplicaMessage = {
  from: { name: string; email: string };
  /** The text Gmail shows in the message body (for PGP/MIME mail: what Gmail shows, often nothing). */
  body: string;
  attachments?: { name: string; type: string }[];
  /** The exact RFC 5322 bytes "Download original" returns. */
  raw?: Buffer;
};
export type ReplicaThread = { subject: string; messages: ReplicaMessage[] };

export type SentMail = { to: string[]; cc: string[]; bcc: string[]; subject: string; body: string; attachments: string[] };
export type Upload = { composeId: string; name: string; type: string; data: Buffer };

export type Replica = {
  /** The conversation's URL (`#inbox/<thread id>`), with `?replica=` for a mutated Gmail. */
  threadUrl(index: number, mutate?: 'classes' | 'hooks'): string;
  inboxUrl(mutate?: 'classes' | 'hooks'): string;
  sent: SentMail[];
  drafts: string[];
  /** Files uploaded through a compose form's Filedata input, with their bytes. */
  uploads: Upload[];
  /** legacy ids whose original was downloaded. */
  originals: string[];
};

const alnum = (n: number) => randomBytes(n).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, n);

export async function serveGmailReplica(context: BrowserContext, server: TestServer, threads: ReplicaThread[]): Promise<Replica> {
  const mailbox = {
    threads: threads.map((t) => ({
      id: `FMfcg${alnum(27)}`, legacyId: randomBytes(8).toString('hex'), subject: t.subject,
      messages: t.messages.map((m) => ({ ...m, raw: undefined, legacyId: randomBytes(8).toString('hex') })),
    })),
  };
  const raws = new Map<string, Buffer>();
  mailbox.threads.forEach((t, i) => t.messages.forEach((m, j) => {
    const raw = threads[i]!.messages[j]!.raw;
    if (raw) raws.set(m.legacyId, raw);
  }));
  const replica: Replica = {
    threadUrl: (i, mutate) => `${gmailBase}${mutate ? `?replica=${mutate}` : ''}#inbox/${mailbox.threads[i]!.id}`,
    inboxUrl: (mutate) => `${gmailBase}${mutate ? `?replica=${mutate}` : ''}#inbox`,
    sent: [], drafts: [], uploads: [], originals: [],
  };
  const fromServer = async (route: Route, file: string) => route.fulfill({ response: await route.fetch({ url: server.url(`/gmail/${file}`) }) });
  await context.route('https://mail.google.com/**', async (route) => {
    const url = new URL(route.request().url());
    const file = url.pathname.slice('/mail/u/0/'.length);
    if (!url.pathname.startsWith('/mail/u/0/')) return route.fulfill({ status: 404, body: 'not found' });
    if (route.request().method() === 'POST') {
      const body = route.request().postData() ?? '';
      if (file === 'send') replica.sent.push(JSON.parse(body) as SentMail);
      else if (file === 'draft') replica.drafts.push(body);
      else if (file === 'upload') {
        const u = JSON.parse(body) as Omit<Upload, 'data'> & { data: string };
        replica.uploads.push({ ...u, data: Buffer.from(u.data, 'base64') });
      }
      return route.fulfill({ status: 200, contentType: 'application/json', body: '{}' });
    }
    if (file === '' && url.searchParams.get('view') === 'att') {
      // "Download original" (the link on Gmail's "Show original" page): the exact bytes of one message.
      const th = url.searchParams.get('th') ?? '';
      const raw = url.searchParams.get('disp') === 'comp' && url.searchParams.get('attid') === '0' ? raws.get(th) : undefined;
      if (!raw) return route.fulfill({ status: 404, contentType: 'text/html', body: '<p>Not found</p>' });
      replica.originals.push(th);
      return route.fulfill({ status: 200, headers: { 'content-type': 'message/rfc822', 'content-disposition': 'attachment; filename="original_msg.eml"' }, body: raw });
    }
    if (file === '') return fromServer(route, 'index.html');
    if (file === 'mailbox.json') return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(mailbox) });
    if (file === 'app.js' || file === 'app.css') return fromServer(route, file);
    return route.fulfill({ status: 404, body: 'not found' });
  });
  return replica;
}
