/**
 * Re-creates the DOM fixtures of extension/content/sites/fixtures/sogo/ from the running rig:
 * `npx tsx e2e/sogo/capture-fixtures.ts` as root (no extension is loaded). Alice's SOGo: the mail view with
 * a message open (an armored body and an attachment), and the compose dialog with both editors, its
 * recipient chips filled. Scripts and inline handlers are stripped; form state is copied into markup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { TestPki } from '../../keyring/testing/openssl-pki';
import { mailWithAttachments, opensslMail, PeerGpg, pgpMimeEncrypted, pgpMimeSigned, textEntity, type Headers } from '../../extension/testing/peer-mail';
import { address, deliver, ensureRoundcube } from '../roundcube/rig';
import { chromiumPath } from '../support/chromium';
import { sogoLogin, sogoOpenMessage, sogoSetComposeType, type SogoRig } from './rig';

const outDir = path.resolve(__dirname, '../../extension/content/sites/fixtures/sogo');

/** Drops scripts, inline handlers, style sheets and icon drawings (the adapter reads none of them). */
export function stripScripts(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '').replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '').replace(/<svg\b[^>]*>[\s\S]*?<\/svg>/gi, '<svg></svg>').replace(/\s+on[a-z]+="[^"]*"/gi, '');
}

/** Each fixture's URL (the route names the open message's uid), written to urls.json at the end. */
const urls: Record<string, string> = {};

async function save(name: string, page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const t of document.querySelectorAll('textarea')) t.textContent = t.value;
    for (const i of document.querySelectorAll('input')) if (i.type !== 'password') i.setAttribute('value', i.value);
  });
  const html = stripScripts(await page.content());
  fs.writeFileSync(path.join(outDir, name), `<!-- SOGo 5.8 (Debian 12), captured by e2e/sogo/capture-fixtures.ts; scripts stripped -->\n${html}\n`);
  urls[name] = page.url();
  console.log(`saved ${name} (${html.length} chars) at ${page.url()}`);
}

async function openCompose(page: Page): Promise<void> {
  await page.locator('md-fab-trigger button').click();
  await page.locator('button[ng-click="mailbox.newMessage($event)"]').click();
  await page.locator('md-dialog').waitFor();
  await page.waitForTimeout(1500);
}

async function fillChips(page: Page): Promise<void> {
  const dialog = page.locator('md-dialog');
  for (const [field, value] of [['to', 'bob@example.test'], ['to', 'carol@example.test']] as const) {
    const input = dialog.locator(`md-chips[ng-model="editor.message.editable.${field}"] input`);
    await input.fill(value);
    await input.blur();
    await page.waitForTimeout(400);
  }
  await dialog.locator('input[name=subject]').fill('Fixture subject');
}

async function main(): Promise<void> {
  const rig = ensureRoundcube() as SogoRig;
  fs.mkdirSync(outDir, { recursive: true });
  const run = Date.now().toString(36);
  const subject = `Fixture: encrypted note ${run}`;
  const armor = ['-----BEGIN PGP MESSAGE-----', '', 'jA0ECQMCDilIaG3dEvz/0lMBfAzeQxMuip018JgDXVgslhbOzMJZZZ9lvyTQXnn5', 'W7lXrphz2T4t2YHuDSJzQJuxtkFmixBMtKIS3n1XjBxN6DlZNrODFrksWjqA+cZP', 'U0wXLw==', '=W59K', '-----END PGP MESSAGE-----', ''].join('\r\n');
  await deliver(rig, 'alice', mailWithAttachments({ from: `Bob Example <${address(rig, 'bob')}>`, to: address(rig, 'alice'), subject }, armor, [{ name: 'notes.pgp', type: 'application/octet-stream', data: Buffer.from('not really encrypted') }]));
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await sogoLogin(page, rig, 'alice');
    await save('mailbox.html', page);
    await sogoOpenMessage(page, subject);
    await page.waitForTimeout(1000);
    await save('message.html', page);
    // Peer-made PGP/MIME and S/MIME: SOGo shows its own S/MIME verdict and lists the parts differently.
    const gpg = new PeerGpg();
    const pki = new TestPki('SOGo fixtures CA');
    try {
      gpg.generate(`Bob <${address(rig, 'bob')}>`);
      gpg.importKey(gpg.generate(`Alice <${address(rig, 'alice')}>`));
      const bobCert = pki.user('bob', { email: address(rig, 'bob') });
      const aliceCert = pki.user('alice', { email: address(rig, 'alice') });
      const h = (s: string): Headers => ({ from: address(rig, 'bob'), to: address(rig, 'alice'), subject: `Fixture: ${s} ${run}` });
      const sign = ['-sign', '-signer', bobCert.crt, '-inkey', bobCert.key, '-md', 'sha256'];
      const cases: [string, (x: Headers) => Buffer][] = [
        ['pgpmime-encrypted', (x) => pgpMimeEncrypted(gpg, x, textEntity('fixture'))],
        ['pgpmime-signed', (x) => pgpMimeSigned(gpg, x, textEntity('fixture signed'))],
        ['smime-opaque-signed', (x) => opensslMail(x, [...sign, '-nodetach'], textEntity('fixture opaque'))],
        ['smime-detached-signed', (x) => opensslMail(x, sign, textEntity('fixture detached'))],
        ['smime-encrypted', (x) => opensslMail(x, ['-encrypt', '-aes-256-cbc', '-recip', aliceCert.crt], textEntity('fixture enveloped'))],
      ];
      for (const [name, make] of cases) {
        const x = h(name);
        await deliver(rig, 'alice', make(x));
        await page.locator('button[aria-label="Get Mail"]').click();
        await sogoOpenMessage(page, x.subject);
        await page.waitForTimeout(1000);
        await save(`message-${name}.html`, page);
      }
    } finally {
      gpg.cleanup();
      pki.cleanup();
    }
    sogoSetComposeType('alice', 'html');
    await page.reload();
    await page.locator('md-list.sg-section-list').waitFor({ state: 'attached' });
    await openCompose(page);
    await fillChips(page);
    await save('compose-html.html', page);
    sogoSetComposeType('alice', 'text');
    await page.reload();
    await page.locator('md-list.sg-section-list').waitFor({ state: 'attached' });
    await openCompose(page);
    await fillChips(page);
    await save('compose-text.html', page);
    fs.writeFileSync(path.join(outDir, 'urls.json'), `${JSON.stringify({ '*': urls['mailbox.html'], ...urls }, null, 2)}\n`);
  } finally {
    sogoSetComposeType('alice', 'html');
    await browser.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
