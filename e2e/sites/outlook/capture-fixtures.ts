/**
 * Re-creates extension/content/sites/fixtures/outlook/ from the Outlook replica, both variants (no
 * extension is loaded): `npx tsx e2e/sites/outlook/capture-fixtures.ts`. Each file is the replica's DOM
 * after its script built the view, scripts stripped and form state copied into markup; `live-*` files come
 * from outlook.live.com, `office-*` from outlook.office.com, and urls.json gives each file's URL. Bodies
 * carry placeholder armor (no real crypto).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { chromiumPath } from '../../support/chromium';
import { startServer, type TestServer } from '../../support/server';
import { serveOutlookReplica, type ReplicaThread, type Variant } from './replica';

const outDir = path.resolve(__dirname, '../../../extension/content/sites/fixtures/outlook');
const armor = '-----BEGIN PGP MESSAGE-----\n\nhF4DAAAAAAAAAAASAQdAplaceholderplaceholderplaceholder\n=AAAA\n-----END PGP MESSAGE-----\n';
const alice = { name: 'Alice Example', email: 'alice@example.test' };
const threads: ReplicaThread[] = [
  { subject: 'Befund', messages: [{ from: alice, body: armor }, { from: { name: 'Bob Example', email: 'bob@example.test' }, body: 'Thanks, got it.' }] },
  // PGP/MIME as OWA shows it: no body text, the two parts listed by their descriptions.
  { subject: 'Laborwert', messages: [{ from: alice, body: '', attachments: ['PGP/MIME version identification', 'OpenPGP encrypted message.asc'], raw: Buffer.from('From: alice@example.test\r\n\r\nplaceholder\r\n') }] },
];
const urls: Record<string, string> = {};

async function save(page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    for (const i of document.querySelectorAll('input')) if (i.type !== 'file') i.setAttribute('value', i.value);
  });
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  fs.writeFileSync(path.join(outDir, name), `<!-- Outlook replica (e2e/sites/outlook), captured by its capture-fixtures.ts; scripts stripped -->\n${html}\n`);
  urls[name] = page.url();
  console.log(`saved ${name} (${html.length} chars)`);
}

async function capture(context: BrowserContext, server: TestServer, variant: Variant): Promise<void> {
  const replica = await serveOutlookReplica(context, server, variant, threads, { canary: variant === 'office' });
  const page = await context.newPage();
  const p = `${variant}-`;
  await page.goto(replica.inboxUrl());
  const shell = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  fs.writeFileSync(path.join(outDir, `${p}loading.html`), `<!-- Outlook replica (e2e/sites/outlook) as served, before its script ran -->\n${shell}\n`);
  urls[`${p}loading.html`] = page.url();
  await page.getByRole('option').first().waitFor();
  await save(page, `${p}inbox.html`);
  await page.goto(replica.threadUrl(0));
  await page.getByRole('heading').waitFor();
  await save(page, `${p}conversation.html`);
  await page.getByRole('button', { name: 'Reply' }).first().click();
  await page.locator('[data-app-section="ComposeForm"]').waitFor();
  await save(page, `${p}conversation-reply.html`);
  await page.goto(replica.threadUrl(1));
  await page.getByRole('heading').waitFor();
  await save(page, `${p}message-pgp-mime.html`);
  await page.goto(replica.inboxUrl());
  await page.getByRole('button', { name: 'New mail' }).click();
  const form = page.locator('[data-app-section="ComposeForm"]');
  await form.getByRole('textbox', { name: 'To', exact: true }).fill('alice@example.test');
  await form.getByRole('textbox', { name: 'To', exact: true }).press('Enter');
  await form.getByRole('textbox', { name: 'To', exact: true }).pressSequentially('carol@example.test');
  await form.getByRole('textbox', { name: 'To', exact: true }).press(';');
  await form.getByRole('textbox', { name: 'Cc', exact: true }).pressSequentially('dave@example.test');
  await form.getByRole('textbox', { name: /subject/i }).fill('Termin');
  await save(page, `${p}compose.html`);
  await page.close();
}

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  // Old captures go (their item ids are random); the README stays.
  for (const f of fs.readdirSync(outDir)) if (f.endsWith('.html') || f === 'urls.json') fs.rmSync(path.join(outDir, f));
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    for (const variant of ['live', 'office'] as const) {
      const context = await browser.newContext();
      await capture(context, server, variant);
      await context.close();
    }
    // The item ids are random per capture; the URLs are kept with the files.
    fs.writeFileSync(path.join(outDir, 'urls.json'), `${JSON.stringify({ '*': 'https://outlook.live.com/mail/0/inbox', ...urls }, null, 2)}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

void main();
