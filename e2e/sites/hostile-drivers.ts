/**
 * One way to drive each web mail replica (Gmail, Outlook on the web for Microsoft 365, Yahoo) for the
 * specs that run the same steps on all of them (hostile-sites.spec.ts, the page benchmark): serve a
 * mailbox, open a message, open a compose form with a recipient typed into the site's own field, and
 * find the form's body, Send and listed attachments. What each replica's routes received is handed back
 * in one shape; the provider specs keep their own, richer steps.
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import type { TestServer } from '../support/server';
import { serveGmailReplica } from './gmail/replica';
import { serveOutlookReplica } from './outlook/replica';
import { serveYahooReplica } from './yahoo/replica';

/** A message every replica can show: a sender, the body text the site displays, the file names it lists, its raw bytes. */
export type SimpleMessage = { from: { name: string; email: string }; body: string; attachments?: string[]; raw?: Buffer };
export type SimpleThread = { subject: string; messages: SimpleMessage[] };

/** The threads with each message's attachment list in the shape `list` makes of a file name. */
function listed<A>(threads: SimpleThread[], list: (name: string) => A) {
  return threads.map((t) => ({ ...t, messages: t.messages.map((m) => ({ ...m, attachments: (m.attachments ?? []).map(list) })) }));
}

/** What a replica's own server side received: Send, draft autosave, and uploaded files where it records their bytes. */
export type Received = {
  threadUrl(index: number): string;
  inboxUrl(): string;
  sent: { to: string[]; subject: string; body: string; attachments: string[] }[];
  drafts: string[];
  /** Bytes of uploaded files (Outlook's replica lists the file in the form without posting it: null). */
  uploads: Buffer[] | null;
};

export type SiteDriver = {
  name: string;
  /** The origin(s) Lockpane is enabled on. */
  origins: string[];
  serve(context: BrowserContext, server: TestServer, threads: SimpleThread[]): Promise<Received>;
  /** Opens a new compose form from the inbox, types `to` into its To field as a chip, and the subject. */
  compose(page: Page, received: Received, to: string, subject: string): Promise<Locator>;
  body(form: Locator): Locator;
  send(form: Locator): Locator;
  /** The form's listing of an uploaded file called `name`. */
  attachment(form: Locator, name: string): Locator;
};

const gmail: SiteDriver = {
  name: 'Gmail',
  origins: ['https://mail.google.com'],
  async serve(context, server, threads) {
    const r = await serveGmailReplica(context, server, listed(threads, (name) => ({ name, type: 'application/octet-stream' })));
    return { threadUrl: (i) => r.threadUrl(i), inboxUrl: () => r.inboxUrl(), sent: r.sent, drafts: r.drafts, get uploads() { return r.uploads.map((u) => u.data); } };
  },
  async compose(page, received, to, subject) {
    await page.goto(received.inboxUrl());
    await page.getByRole('button', { name: 'Compose' }).click();
    const dialog = page.getByRole('dialog', { name: 'New Message' });
    await dialog.getByLabel('To recipients').fill(to);
    await dialog.getByLabel('To recipients').press('Enter');
    await dialog.getByLabel('Subject').fill(subject);
    return dialog;
  },
  body: (form) => form.getByRole('textbox', { name: 'Message Body' }),
  send: (form) => form.getByRole('button', { name: /^Send/ }),
  attachment: (form, name) => form.page().locator(`[download_url*=":${name}:"]`),
};

const outlook: SiteDriver = {
  name: 'Outlook (outlook.office.com)',
  origins: ['https://outlook.office.com'],
  async serve(context, server, threads) {
    const r = await serveOutlookReplica(context, server, 'office', threads, { canary: true });
    return { threadUrl: (i) => r.threadUrl(i), inboxUrl: () => r.inboxUrl(), sent: r.sent, drafts: r.drafts, uploads: null };
  },
  async compose(page, received, to, subject) {
    await page.goto(received.inboxUrl());
    await page.getByRole('button', { name: 'New mail' }).click();
    const form = page.locator('[data-app-section="ComposeForm"]');
    const field = form.getByRole('textbox', { name: 'To', exact: true });
    await field.pressSequentially(to);
    await field.press('Enter');
    await form.getByRole('textbox', { name: /^(Add a subject|Subject)$/ }).fill(subject); // live: "Add a subject"
    return form;
  },
  body: (form) => form.getByRole('textbox', { name: /^Message body/ }),
  send: (form) => form.getByRole('button', { name: 'Send' }),
  attachment: (form, name) => form.locator(`[data-testid="AttachmentCard"][title="${name}"]`),
};

const yahoo: SiteDriver = {
  name: 'Yahoo',
  origins: ['https://mail.yahoo.com'],
  async serve(context, server, threads) {
    const r = await serveYahooReplica(context, server, listed(threads, (name) => ({ name })));
    return { threadUrl: (i) => r.threadUrl(i), inboxUrl: () => r.inboxUrl(), sent: r.sent, drafts: r.drafts, get uploads() { return r.uploads.map((u) => u.data); } };
  },
  async compose(page, received, to, subject) {
    await page.goto(received.inboxUrl());
    await page.getByRole('button', { name: 'Compose' }).click();
    const form = page.getByRole('region', { name: 'Compose' });
    await form.getByLabel('To', { exact: true }).fill(to);
    await form.getByLabel('To', { exact: true }).press('Enter');
    await form.getByLabel('Subject').fill(subject);
    return form;
  },
  body: (form) => form.getByRole('textbox', { name: 'Message body' }),
  send: (form) => form.getByRole('button', { name: 'Send', exact: true }),
  attachment: (form, name) => form.locator('[data-test-id="attachment-name"]').filter({ hasText: name }),
};

export const siteDrivers: SiteDriver[] = [gmail, outlook, yahoo];
