/**
 * Issue #23 items 4-6, against the built extension in Chromium with a hostile page: a held or conflicting
 * key's signature is never shown under the verified contact's name (OpenPGP and S/MIME); the page cannot
 * tell from the reader frame's shape (child frame count, size, load events) whether a decryption worked;
 * decrypted HTML loses its CSS remote references in the sanitiser itself, so that even with the frame's
 * CSP switched off (Playwright's bypassCSP) nothing is requested.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { generateKey, readKey, signCleartext, unlockKey } from '../../keyring/pgp';
import { TestPki } from '../../keyring/testing/openssl-pki';
import { chromiumPath } from '../support/chromium';
import { expect, extensionDir, ok, sendFrom, test } from '../support/fixtures';
import { firefoxMissing, launchFirefoxWithLockpane, type FirefoxLockpane } from '../support/firefox-extension';
import { pressGuarded } from '../support/firefox-guard';
import { messageHtml, revealInReader } from '../support/frames';
import { bob, enable, setUpProfile } from '../support/identities';
import { encryptTo, htmlMime, mailPage } from '../support/mail-fixtures';
import { requireOrSkip } from '../support/prerequisites';

const readerSel = 'iframe[src*="reader.html"]';

async function signedBy(name: string, email: string, text: string) {
  const k = await generateKey({ userIDs: [{ name, email }], passphrase: 'x' });
  const signed = await signCleartext({ text, signingKeys: [await unlockKey(await readKey(k.privateKeyArmored), 'x')] });
  return { publicKey: k.publicKeyArmored, fingerprint: k.fingerprint.toUpperCase(), signed };
}

const variants = (JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../extension/frames/render/fixtures/css-variants.json'), 'utf8')) as { remote: string[] }).remote;
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const probeHtml = (origin: string, secret: string) => {
  const host = origin.replace(/^http:\/\//, '');
  // Each variant points at its own /leak/ path on the test server, so a request names the variant that leaked.
  const divs = variants.map((v, i) => `<div style="${attr(v.replace(/leak\.test\/x/gi, `${host}/leak/css-${i}`))}">v${i}</div>`);
  return `<html><body><p>${secret}</p>${divs.join('\n')}<style>@import url('${origin}/leak/style-import');@font-face{font-family:x;src:url('${origin}/leak/style-font')}</style><span style="font-family:x">f</span></body></html>`;
};

/** The page's own view of every iframe it holds (its script, no driver privilege): child counts, size, load events. */
function pageShape() {
  return [...document.querySelectorAll('iframe')].map((f) => {
    const w = f.contentWindow!;
    const nested = w.length > 0 ? w[0]!.length : -1;
    return { frames: w.length, nested, size: `${f.offsetWidth}x${f.offsetHeight}`, loads: (window as unknown as { loads: Map<Element, number> }).loads.get(f) };
  });
}

const countLoads = `
  window.loads = new Map();
  new MutationObserver(() => {
    for (const f of document.querySelectorAll('iframe')) {
      if (window.loads.has(f)) continue;
      window.loads.set(f, 0);
      f.addEventListener('load', () => window.loads.set(f, window.loads.get(f) + 1));
    }
  }).observe(document.documentElement, { childList: true, subtree: true });`;

test.describe('hostile reader: a key that is not the contact\'s', () => {
  test('#23.4 a held change of Carol\'s verified key signs: not "valid", not under Carol\'s name, styled as a warning', async ({ context, server }) => {
    const profile = await setUpProfile(context, bob);
    await enable(profile, server.origin);
    const carol = await signedBy('Carol', 'carol@example.test', 'The real Carol.');
    const mallory = await signedBy('Carol', 'carol@example.test', 'Please wire the money to IBAN XX00 1234.');
    await ok(sendFrom(profile.ext, 'keys.import', { text: carol.publicKey }));
    await ok(sendFrom(profile.ext, 'keys.setAcceptance', { fingerprint: carol.fingerprint, event: 'verify' }));
    await ok(sendFrom(profile.ext, 'keys.import', { text: mallory.publicKey }));
    const conflicts = await ok<{ conflicts: { candidate: string }[] }>(sendFrom(profile.ext, 'keys.conflicts', {}));
    expect(conflicts.conflicts.map((c) => c.candidate)).toEqual([mallory.fingerprint]);

    server.page('/held.html', mailPage(`<p class="from">From: carol@example.test</p><pre>${mallory.signed}</pre>`));
    const page = await context.newPage();
    await page.goto(server.url('/held.html'));
    const reader = page.frameLocator(readerSel);
    await revealInReader(reader, bob.passphrase);
    const sig = reader.getByTestId('signature');
    await expect(sig).toHaveAttribute('data-status', 'not-contact-key');
    await expect(sig).toContainText('Signed by a key that is not the verified key of Carol <carol@example.test>');
    await expect(sig).not.toContainText('Valid signature');
    await expect(sig.getByTestId('not-contact-key')).toHaveAttribute('data-why', 'held');
    await expect(sig.locator('.lp-sig-signer')).toHaveCount(0);
    await expect(sig.getByTestId('signer-fingerprint')).toBeVisible();
    // Drawn as a warning (the danger colour), never in the colours of a good signature.
    expect(await sig.locator('strong').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(164, 0, 0)');
  });

  test('#23.4 S/MIME: a certificate for Alice from another authority signs: not shown as Alice', async ({ context, server }) => {
    const pki = new TestPki('Hostile Reader CA');
    const otherPki = new TestPki('Impostor CA');
    try {
      const alice = pki.user('alice');
      const impostor = otherPki.user('alice');
      const profile = await setUpProfile(context, bob);
      await enable(profile, server.origin);
      await ok(sendFrom(profile.ext, 'trust.addRoot', { text: fs.readFileSync(pki.caCrt, 'utf8') }));
      await ok(sendFrom(profile.ext, 'keys.import', { text: fs.readFileSync(alice.crt, 'utf8') }));
      const part = otherPki.write('part.txt', 'Content-Type: text/plain; charset=utf-8\r\n\r\nNew certificate, same Alice.\r\n');
      const pem = otherPki.openssl(['cms', '-sign', '-in', part, '-signer', impostor.crt, '-inkey', impostor.key, '-md', 'sha256', '-nodetach', '-outform', 'PEM']).toString();
      server.page('/smime-conflict.html', mailPage(`<p class="from">From: alice@example.test</p><pre>${pem}</pre>`));
      const page = await context.newPage();
      await page.goto(server.url('/smime-conflict.html'));
      const reader = page.frameLocator(readerSel);
      await revealInReader(reader, bob.passphrase);
      const sig = reader.getByTestId('signature');
      await expect(sig).toHaveAttribute('data-status', 'not-contact-key');
      await expect(sig).toContainText('Signed by a certificate that is not the one you rely on for alice@example.test');
      await expect(sig.getByTestId('not-contact-key')).toHaveAttribute('data-why', 'conflicting');
      await expect(sig.locator('.lp-sig-signer')).toHaveCount(0);
    } finally {
      pki.cleanup();
      otherPki.cleanup();
    }
  });
});

test.describe('hostile reader: the frame\'s shape is no oracle', () => {
  test('#23.5 child frame count, size and load events are the same before and after, for success and failure', async ({ context, server }) => {
    const profile = await setUpProfile(context, bob);
    await enable(profile, server.origin);
    const secret = 'HTML secret 5521';
    const good = await encryptTo(profile.publicKey, htmlMime(`<html><body><p>${secret}</p></body></html>`));
    const stranger = await generateKey({ userIDs: [{ email: 'eve@example.test' }] });
    const forOthers = await encryptTo(stranger.publicKeyArmored, htmlMime('<p>not for bob</p>'));
    // The page counts every load event of every iframe the content script mounts.
    server.page('/shape.html', mailPage(`<pre>${good}</pre><pre>${forOthers}</pre>`, countLoads));
    const page = await context.newPage();
    await page.goto(server.url('/shape.html'));
    await expect(page.locator(readerSel)).toHaveCount(2);
    const readers = [page.frameLocator(readerSel).nth(0), page.frameLocator(readerSel).nth(1)];
    for (const r of readers) await expect(r.getByTestId('reader-open')).toBeVisible();
    const before = await page.evaluate(pageShape);
    expect(before[0]).toEqual(before[1]);
    // The very element that is there from the start is the one that shows the HTML (never a replacement).
    type Marked = HTMLElement & { lpMark?: string };
    await readers[0]!.locator('iframe').evaluate((el: Marked) => { el.lpMark = 'from the start'; });

    await revealInReader(readers[0]!, bob.passphrase);
    await expect(messageHtml(readers[0]!)).toContainText(secret);
    expect(await readers[0]!.locator('[data-testid="safe-frame"]').evaluate((el: Marked) => el.lpMark)).toBe('from the start');
    await readers[1]!.getByTestId('reader-open').click();
    await expect(readers[1]!.getByTestId('reader-error')).toBeVisible();
    await page.waitForTimeout(500);
    const after = await page.evaluate(pageShape);
    expect(after).toEqual(before);
    expect(after[0]!.frames).toBe(1);
  });
});

test.describe('hostile reader in Firefox', () => {
  /** Bob's key in Firefox and the test server enabled. */
  async function firefoxBob(ff: FirefoxLockpane, origin: string) {
    const passphrase = 'firefox bob passphrase';
    const { key } = await ff.send<{ key: { fingerprint: string } }>('keys.generate', { name: 'Bob', email: 'bob@example.test', passphrase });
    const { armored } = await ff.send<{ armored: string }>('keys.exportPublic', { fingerprint: key.fingerprint });
    await ff.send('sites.enable', { origin });
    return { passphrase, publicKey: armored };
  }
  /** Opens the page's first reader and reveals it (answering the passphrase prompt when given one). */
  async function openFirstReader(ff: FirefoxLockpane, url: string, passphrase: string | null) {
    const page = await ff.browser.newPage();
    await page.goto(url);
    await expect.poll(() => page.frames().some((f) => f.url().includes('/reader.html')), { timeout: 20_000 }).toBe(true);
    const reader = page.frames().find((f) => f.url().includes('/reader.html'))!;
    await reader.waitForSelector('[data-testid="reader-open"]', { timeout: 20_000 });
    await pressGuarded(reader, 'reader-open');
    if (passphrase !== null) {
      await reader.waitForSelector('[data-testid="passphrase-input"]', { timeout: 20_000 });
      await reader.type('[data-testid="passphrase-input"]', passphrase);
      await reader.click('[data-testid="passphrase-submit"]');
    }
    await reader.waitForSelector('[data-testid="reader-content"]', { timeout: 30_000 });
    return { page, reader };
  }

  test('#23.5 Firefox: child frame count, size and load events are the same for success and failure', async ({ server }) => {
    test.setTimeout(180_000);
    requireOrSkip(firefoxMissing());
    const ff = await launchFirefoxWithLockpane();
    try {
      const { passphrase, publicKey: armored } = await firefoxBob(ff, server.origin);
      const secret = 'Firefox HTML secret 6613';
      const good = await encryptTo(armored, htmlMime(`<html><body><p>${secret}</p></body></html>`));
      const stranger = await generateKey({ userIDs: [{ email: 'eve@example.test' }] });
      const forOthers = await encryptTo(stranger.publicKeyArmored, htmlMime('<p>not for bob</p>'));
      server.page('/ff-shape.html', mailPage(`<pre>${good}</pre><pre>${forOthers}</pre>`, countLoads));
      const page = await ff.browser.newPage();
      await page.goto(server.url('/ff-shape.html'));
      const readerFrames = async () => {
        await expect.poll(() => page.frames().filter((f) => f.url().includes('/reader.html')).length, { timeout: 20_000 }).toBe(2);
        return page.frames().filter((f) => f.url().includes('/reader.html'));
      };
      const [first, second] = await readerFrames();
      await first!.waitForSelector('[data-testid="reader-open"]', { timeout: 20_000 });
      await second!.waitForSelector('[data-testid="reader-open"]', { timeout: 20_000 });
      const before = await page.evaluate(pageShape);
      expect(before).toHaveLength(2);
      expect(before[0]).toEqual(before[1]);

      await pressGuarded(first!, 'reader-open');
      await first!.waitForSelector('[data-testid="passphrase-input"]', { timeout: 20_000 });
      await first!.type('[data-testid="passphrase-input"]', passphrase);
      await first!.click('[data-testid="passphrase-submit"]');
      await first!.waitForSelector('[data-testid="safe-frame"]', { timeout: 30_000 });
      await pressGuarded(second!, 'reader-open');
      await second!.waitForSelector('[data-testid="reader-error"]', { timeout: 30_000 });
      await new Promise((r) => setTimeout(r, 500));
      expect(await page.evaluate(pageShape)).toEqual(before);
      expect(before[0]!.frames).toBe(1);
    } finally {
      await ff.close();
    }
  });

  test('#23.4 Firefox: a held change of Carol\'s verified key signs: not shown as Carol', async ({ server }) => {
    test.setTimeout(180_000);
    requireOrSkip(firefoxMissing());
    const ff = await launchFirefoxWithLockpane();
    try {
      await firefoxBob(ff, server.origin);
      const carol = await signedBy('Carol', 'carol@example.test', 'The real Carol.');
      const mallory = await signedBy('Carol', 'carol@example.test', 'Please wire the money to IBAN XX00 1234.');
      await ff.send('keys.import', { text: carol.publicKey });
      await ff.send('keys.setAcceptance', { fingerprint: carol.fingerprint, event: 'verify' });
      await ff.send('keys.import', { text: mallory.publicKey });
      server.page('/ff-held.html', mailPage(`<pre>${mallory.signed}</pre>`));
      const { reader } = await openFirstReader(ff, server.url('/ff-held.html'), null);
      const sig = await reader.waitForSelector('[data-testid="signature"]');
      expect(await sig!.evaluate((el) => el.getAttribute('data-status'))).toBe('not-contact-key');
      const text = await sig!.evaluate((el) => el.textContent ?? '');
      expect(text).toContain('Signed by a key that is not the verified key of Carol <carol@example.test>');
      expect(text).not.toContain('Valid signature');
    } finally {
      await ff.close();
    }
  });

  test('#23.6 Firefox: the CSS variants leave no loader in the shown HTML and make no request', async ({ server }) => {
    test.setTimeout(180_000);
    requireOrSkip(firefoxMissing());
    const ff = await launchFirefoxWithLockpane();
    try {
      const bobFf = await firefoxBob(ff, server.origin);
      const secret = 'Firefox CSS secret 4402';
      server.page('/ff-css.html', mailPage(`<pre>${await encryptTo(bobFf.publicKey, htmlMime(probeHtml(server.origin, secret)))}</pre>`));
      const { page } = await openFirstReader(ff, server.url('/ff-css.html'), bobFf.passphrase);
      await expect.poll(() => page.frames().some((f) => f.url() === 'about:srcdoc'), { timeout: 20_000 }).toBe(true);
      const body = page.frames().find((f) => f.url() === 'about:srcdoc')!;
      await expect.poll(() => body.evaluate(() => document.body?.textContent ?? ''), { timeout: 20_000 }).toContain(secret);
      const styles = await body.evaluate(() => [...document.body.querySelectorAll('[style]'), ...document.body.querySelectorAll('style, link')]
        .map((el) => (el.tagName === 'STYLE' || el.tagName === 'LINK' ? el.outerHTML : el.getAttribute('style')!)));
      expect.soft(styles.filter((st) => /leak|\\/i.test(st))).toEqual([]);
      await new Promise((r) => setTimeout(r, 1500));
      expect(server.requests.filter((r) => r.startsWith('/leak/'))).toEqual([]);
    } finally {
      await ff.close();
    }
  });
});

test.describe('hostile reader: the sanitiser removes CSS remote references itself', () => {
  test(`#23.6 ${variants.length} CSS variants: no loader left in the shown HTML, and no request with the frame's CSP bypassed`, async ({ server }) => {
    const context: BrowserContext = await chromium.launchPersistentContext('', {
      executablePath: chromiumPath,
      headless: !process.env.HEADED,
      bypassCSP: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
    });
    try {
      const requests: string[] = [];
      context.on('request', (r) => requests.push(r.url()));
      const profile = await setUpProfile(context, bob);
      await enable(profile, server.origin);
      const secret = 'CSS secret 7731';
      server.page('/css.html', mailPage(`<pre>${await encryptTo(profile.publicKey, htmlMime(probeHtml(server.origin, secret)))}</pre>`));
      const page = await context.newPage();
      await page.goto(server.url('/css.html'));
      const reader = page.frameLocator(readerSel);
      await revealInReader(reader, bob.passphrase);
      await expect(messageHtml(reader)).toContainText(secret);
      const styles = await messageHtml(reader).evaluate((body) => [...body.querySelectorAll('[style]'), ...body.querySelectorAll('style, link')]
        .map((el) => (el.tagName === 'STYLE' || el.tagName === 'LINK' ? el.outerHTML : el.getAttribute('style')!)));
      expect.soft(styles.filter((s) => /leak|\\/i.test(s))).toEqual([]);
      await page.waitForTimeout(1500);
      expect(requests.filter((u) => /leak/i.test(u))).toEqual([]);
      expect(server.requests.filter((r) => r.startsWith('/leak/'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
