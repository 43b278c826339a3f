/**
 * Re-creates the DOM fixtures of extension/content/sites/fixtures/roundcube/ from the running rig:
 * `npx tsx e2e/roundcube/capture-fixtures.ts` as root after `npm run build:test` is not needed (no
 * extension is loaded). Elastic pages come from the rig; larry pages from a second php -S on another
 * port with LOCKPANE_RC_SKIN=larry, started here and stopped by its process group afterwards.
 * Scripts are stripped; an inline `rcmail.set_env({...})` call is kept because the adapter reads it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Frame, type Page } from '@playwright/test';
import { chromiumPath } from '../support/chromium';
import { deliver, ensureRoundcube, login, uidBySubject, type Rig } from './rig';

const outDir = path.resolve(__dirname, '../../extension/content/sites/fixtures/roundcube');

/** Drops every script except the set_env call; drops inline event handlers too (inert fixtures). */
export function stripScripts(html: string): string {
  return html
    .replace(/<script\b[^>]*>([\s\S]*?)<\/script>/gi, (_m, body: string) => {
      const env = /rcmail\.set_env\(\{.*\}\);/.exec(body);
      return env ? `<script>${env[0]}</script>` : '';
    })
    .replace(/\s+on[a-z]+="[^"]*"/gi, '');
}

async function save(name: string, target: Page | Frame): Promise<void> {
  // Form state lives in properties, not markup: copy it into attributes so the snapshot keeps it.
  await target.evaluate(() => {
    for (const t of document.querySelectorAll('textarea')) t.textContent = t.value;
    for (const i of document.querySelectorAll('input')) if (i.type !== 'password') i.setAttribute('value', i.value);
  });
  const html = stripScripts(await target.content());
  fs.writeFileSync(path.join(outDir, name), `<!-- Roundcube 1.6.5 (Debian 12), captured by e2e/roundcube/capture-fixtures.ts; scripts stripped -->\n${html}\n`);
  console.log(`saved ${name} (${html.length} chars)`);
}

async function previewFrame(page: Page): Promise<Frame> {
  const iframe = await page.waitForSelector('#messagecontframe');
  for (let i = 0; i < 100; i++) {
    const f = await iframe.contentFrame();
    if (f && f.url().includes('_action=preview')) {
      await f.waitForSelector('#messagebody');
      return f;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('preview did not load');
}

async function captureSkin(rig: Rig, page: Page, skin: 'elastic' | 'larry', subject: string): Promise<void> {
  await page.goto(`${rig.url}/?_task=login`);
  await save(`${skin}-login.html`, page);
  await login(page, rig, 'bob');
  await page.locator('#messagelist tr', { hasText: subject }).first().waitFor();
  await save(`${skin}-mailbox.html`, page);
  await page.locator('#messagelist tr', { hasText: subject }).first().click();
  await save(`${skin}-preview.html`, await previewFrame(page));
  await save(`${skin}-mailbox-with-preview.html`, page);
  const uid = uidBySubject(rig, 'bob', subject);
  await page.goto(`${rig.url}/?_task=mail&_action=show&_uid=${uid}&_mbox=INBOX`);
  await page.locator('#messagebody').waitFor();
  await save(`${skin}-show.html`, page);
  await page.goto(`${rig.url}/?_task=mail&_action=compose`);
  await page.locator('#composebody').waitFor({ state: 'attached' });
  await page.waitForURL(/_id=/);
  await page.waitForTimeout(500);
  await save(`${skin}-compose.html`, page);
  if (skin === 'elastic') {
    const to = page.locator('.recipient-input input').first();
    await to.fill('bob@example.test');
    await to.press('Enter');
    await to.fill('Carol <carol@example.test>');
    await to.press('Enter');
    await page.locator('#compose-subject').fill('Fixture subject');
    await page.locator('#composebody').fill('Fixture body');
    await save(`${skin}-compose-filled.html`, page);
    // The HTML editor (TinyMCE), on a fresh compose page.
    await page.goto(`${rig.url}/?_task=mail&_action=compose`);
    await page.waitForURL(/_id=/);
    await page.locator('#composebody').waitFor({ state: 'attached' });
    await page.evaluate(() => (window as unknown as { rcmail: { command(c: string, a: unknown): void } }).rcmail.command('toggle-editor', { html: true }));
    await page.locator('#composebody_ifr').waitFor({ state: 'attached', timeout: 10_000 });
    await page.waitForTimeout(500);
    await save(`${skin}-compose-html.html`, page);
  }
  await page.goto(`${rig.url}/?_task=logout`);
}

async function main(): Promise<void> {
  const rig = ensureRoundcube();
  fs.mkdirSync(outDir, { recursive: true });
  const subject = 'Fixture: encrypted note';
  const armor = ['-----BEGIN PGP MESSAGE-----', '', 'jA0ECQMCDilIaG3dEvz/0lMBfAzeQxMuip018JgDXVgslhbOzMJZZZ9lvyTQXnn5', 'W7lXrphz2T4t2YHuDSJzQJuxtkFmixBMtKIS3n1XjBxN6DlZNrODFrksWjqA+cZP', 'U0wXLw==', '=W59K', '-----END PGP MESSAGE-----', ''].join('\r\n');
  await deliver(rig, 'bob', `From: Alice Example <alice@example.test>\r\nTo: bob@example.test\r\nSubject: ${subject}\r\nDate: Sat, 28 Nov 2026 16:00:00 +0000\r\nMessage-ID: <fixture-${Date.now()}@example.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${armor}`);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    await captureSkin(rig, await browser.newPage(), 'elastic', subject);
    // larry: a second server on another port with the skin chosen by the environment.
    const port = Number(new URL(rig.url).port) + 10;
    const php = spawn('setpriv', ['--reuid=www-data', '--regid=www-data', '--init-groups', 'php', '-S', `127.0.0.1:${port}`, '-t', '/var/lib/roundcube/public_html'], {
      cwd: '/var/lib/roundcube/public_html', detached: true, stdio: 'ignore', env: { ...process.env, LOCKPANE_RC_SKIN: 'larry' },
    });
    try {
      await new Promise((r) => setTimeout(r, 800));
      await captureSkin({ ...rig, url: `http://127.0.0.1:${port}` }, await browser.newPage(), 'larry', subject);
    } finally {
      if (php.pid) process.kill(-php.pid, 'SIGTERM');
    }
  } finally {
    await browser.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
