/**
 * Re-creates extension/content/sites/fixtures/gmail/ from the Gmail replica (no extension is loaded):
 * `npx tsx e2e/sites/gmail/capture-fixtures.ts`. Each file is the replica's DOM after its script built
 * the view, with scripts stripped and form state copied into markup, so the adapter's unit tests and the
 * detector harness see what the e2e spec's pages hold. Bodies carry placeholder armor (no real crypto).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumPath } from '../../support/chromium';
import { startServer } from '../../support/server';
import { serveGmailReplica, type ReplicaThread } from './replica';

const outDir = path.resolve(__dirname, '../../../extension/content/sites/fixtures/gmail');
const armor = '-----BEGIN PGP MESSAGE-----\n\nhF4DAAAAAAAAAAASAQdAplaceholderplaceholderplaceholder\n=AAAA\n-----END PGP MESSAGE-----\n';
const alice = { name: 'Alice Example', email: 'alice@example.test' };
const threads: ReplicaThread[] = [
  { subject: 'Befund', messages: [{ from: alice, body: armor }, { from: { name: 'Bob Example', email: 'bob@example.test' }, body: 'Thanks, got it.' }] },
  {
    subject: 'Laborwert',
    messages: [{ from: alice, body: '', attachments: [{ name: 'noname', type: 'application/pgp-encrypted' }, { name: 'encrypted.asc', type: 'application/octet-stream' }] }],
  },
];

async function save(page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    for (const t of document.querySelectorAll('textarea')) t.textContent = t.value;
    for (const i of document.querySelectorAll('input')) if (i.type !== 'file') i.setAttribute('value', i.value);
  });
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  fs.writeFileSync(path.join(outDir, name), `<!-- Gmail replica (e2e/sites/gmail), captured by its capture-fixtures.ts; scripts stripped -->\n${html}\n`);
  console.log(`saved ${name} (${html.length} chars)`);
}

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext();
    const replica = await serveGmailReplica(context, server, threads);
    const page = await context.newPage();
    // The document as served, before the app is built: what the probe sees at document_idle.
    const shell = await (await context.request.get(server.url('/gmail/index.html'))).text();
    fs.writeFileSync(path.join(outDir, 'loading.html'), `<!-- Gmail replica (e2e/sites/gmail) as served, before its script ran -->\n${shell.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')}`);
    await page.goto(replica.inboxUrl());
    await page.getByRole('row').first().waitFor();
    await save(page, 'inbox.html');
    await page.goto(replica.threadUrl(0));
    await page.locator('h2').waitFor();
    await save(page, 'conversation-inline.html');
    await page.getByRole('button', { name: 'Reply' }).first().click();
    await page.locator('.M9 [g_editable]').waitFor();
    await save(page, 'conversation-reply.html');
    await page.goto(replica.threadUrl(1));
    await page.locator('h2').waitFor();
    await save(page, 'conversation-pgp-mime.html');
    await page.goto(replica.inboxUrl());
    await page.getByRole('button', { name: 'Compose' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('To recipients').fill('alice@example.test, Carol <carol@example.test>');
    await dialog.getByLabel('To recipients').press('Enter');
    await dialog.getByLabel('Cc recipients', { exact: true }).fill('dave@example.test');
    await dialog.getByLabel('Subject').fill('Termin');
    await save(page, 'compose.html');
  } finally {
    await browser.close();
    await server.close();
  }
}

void main();
