/**
 * Re-creates extension/content/sites/fixtures/yahoo/ from the Yahoo Mail replica (no extension is loaded):
 * `npx tsx e2e/sites/yahoo/capture-fixtures.ts`. Each file is the replica's DOM after its script built the
 * view, with scripts stripped and form state copied into markup, so the adapter's unit tests and the
 * detector harness see what the e2e spec's pages hold. Bodies carry placeholder armor (no real crypto).
 * urls.json is written too, since the replica's ids are random on each run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumPath } from '../../support/chromium';
import { startServer } from '../../support/server';
import { serveYahooReplica, type ReplicaThread } from './replica';

const outDir = path.resolve(__dirname, '../../../extension/content/sites/fixtures/yahoo');
const armor = '-----BEGIN PGP MESSAGE-----\n\nhF4DAAAAAAAAAAASAQdAplaceholderplaceholderplaceholder\n=AAAA\n-----END PGP MESSAGE-----\n';
const alice = { name: 'Alice Example', email: 'alice@example.test' };
const threads: ReplicaThread[] = [
  { subject: 'Befund', messages: [{ from: alice, body: armor }, { from: { name: 'Bob Example', email: 'bob@example.test' }, body: 'Thanks, got it.' }] },
  { subject: 'Laborwert', messages: [{ from: alice, body: '', attachments: [{ name: 'noname' }, { name: 'encrypted.asc' }] }] },
];

const urls: Record<string, string> = {};

async function save(page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    for (const i of document.querySelectorAll('input')) if (i.type !== 'file') i.setAttribute('value', i.value);
  });
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  fs.writeFileSync(path.join(outDir, name), `<!-- Yahoo Mail replica (e2e/sites/yahoo), captured by its capture-fixtures.ts; scripts stripped -->\n${html}\n`);
  urls[name] = page.url();
  console.log(`saved ${name} (${html.length} chars)`);
}

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext();
    const replica = await serveYahooReplica(context, server, threads);
    const page = await context.newPage();
    // The document as served, before the app is built: what the probe sees at document_idle.
    const shell = await (await context.request.get(server.url('/yahoo/index.html'))).text();
    fs.writeFileSync(path.join(outDir, 'loading.html'), `<!-- Yahoo Mail replica (e2e/sites/yahoo) as served, before its script ran -->\n${shell.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')}`);
    urls['loading.html'] = replica.inboxUrl();
    await page.goto(replica.inboxUrl());
    await page.getByRole('article').first().waitFor();
    await save(page, 'inbox.html');
    await page.goto(replica.threadUrl(0));
    await page.locator('[data-test-id="message-view"]').first().waitFor();
    await save(page, 'conversation-inline.html');
    await page.getByRole('button', { name: 'Reply' }).first().click();
    await page.locator('[data-test-id="inline-reply"] [data-test-id="rte"]').waitFor();
    await save(page, 'conversation-reply.html');
    await page.goto(replica.threadUrl(1));
    await page.locator('[data-test-id="message-view"]').waitFor();
    await save(page, 'conversation-pgp-mime.html');
    await page.goto(replica.inboxUrl());
    await page.getByRole('button', { name: 'Compose' }).click();
    const compose = page.getByRole('region', { name: 'Compose' });
    await compose.getByLabel('To', { exact: true }).fill('alice@example.test, Carol <carol@example.test>');
    await compose.getByLabel('To', { exact: true }).press('Enter');
    await compose.getByRole('button', { name: 'Cc / Bcc' }).click();
    await compose.getByLabel('Cc', { exact: true }).fill('dave@example.test');
    await compose.getByLabel('Subject').fill('Termin');
    await save(page, 'compose.html');
    fs.writeFileSync(path.join(outDir, 'urls.json'), `${JSON.stringify(urls, null, 2)}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

void main();
