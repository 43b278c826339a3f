/**
 * Issue #23 items 1–3 (SECURITY A6.3, A6.8): the hostile page makes the user's own click, keys or
 * passphrase land where the user did not mean. Every input here is real (Playwright's mouse and keyboard,
 * at the coordinates a user would use); every assertion is on an outcome: nothing decrypted, no ciphertext
 * in the page, the refusal said in the frame — and, as the control, the same click on the plainly visible
 * frame does decrypt or encrypt.
 */
import type { FrameLocator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { bob, enable, setUpProfile, type Profile } from '../support/identities';
import { answerPromptIfAsked } from '../support/frames';
import { applyLure, armed, locate, lures, removeLure, userClicks, type Target } from '../support/clickjack-lures';
import { encryptTo, mailPage } from '../support/mail-fixtures';
import { firefoxMissing, launchFirefoxWithLockpane, type FirefoxLockpane } from '../support/firefox-extension';
import { requireOrSkip } from '../support/prerequisites';
import type { Frame as FirefoxFrame, Page as FirefoxPage } from 'puppeteer-core';

const secret = 'TOP SECRET clickjack 5531';
const draft = 'private words for bob only';
const readerSel = 'iframe[src*="reader.html"]';
const editorSel = 'iframe[src*="editor.html"]';
const refusalText = /Lockpane is partly hidden or was just moved/;

let profile: Profile;

test.beforeEach(async ({ context, server }, info) => {
  if (info.title.startsWith('Firefox')) return; // those bring their own browser
  profile = await setUpProfile(context, bob);
  await enable(profile, server.origin);
});

async function pageLeaks(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.outerHTML + JSON.stringify(localStorage));
}

async function openReader(page: Page, server: { page: (p: string, html: string) => void; url: (p: string) => string }, name: string): Promise<FrameLocator> {
  server.page(`/${name}.html`, mailPage(`<pre>${await encryptTo(profile.publicKey, secret)}</pre><p><label>Search <input id="search"></label></p>`));
  await page.goto(server.url(`/${name}.html`));
  const reader = page.frameLocator(readerSel);
  await expect(armed(reader, 'reader-open')).toBeVisible(); // settled, as after a user looked at it
  return reader;
}

/** The editor with a draft to bob, signing off so that one click would insert ciphertext at once. */
async function openEditor(page: Page, server: { page: (p: string, html: string) => void; url: (p: string) => string }, name: string): Promise<FrameLocator> {
  server.page(`/${name}.html`, mailPage('<label>To <input id="to" value="bob@example.test"></label><textarea id="compose" aria-label="Message"></textarea><input id="decoy" aria-label="Subject">'));
  await page.goto(server.url(`/${name}.html`));
  await page.locator('lockpane-secure').click();
  const editor = page.frameLocator(editorSel);
  await editor.getByTestId('editor-body').fill(draft);
  await editor.getByRole('checkbox').uncheck();
  await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
  await expect(armed(editor, 'editor-encrypt')).toBeVisible();
  return editor;
}

/**
 * The user's own click: the hand moves onto the button, rests until the frame shows it armed, presses.
 * (After a lure the frame moved back under the pointer, which alone holds it back for a moment.)
 */
async function userClicksSettled(page: Page, frame: FrameLocator, selector: string, testId: string): Promise<void> {
  const at = await locate(page.locator(selector), frame.getByTestId(testId));
  await page.mouse.move(at.x, at.y);
  await expect(armed(frame, testId)).toBeVisible();
  await page.mouse.click(at.x, at.y);
}

const compose = (page: Page) => page.locator('#compose').inputValue();

test.describe('clickjacking the reader: one real click on a hidden or disguised Decrypt does nothing', () => {
  for (const lure of lures) {
    test(`reader, ${lure}`, async ({ context, server }) => {
      const page = await context.newPage();
      const reader = await openReader(page, server, `cj-reader-${lure}`);
      const target: Target = await locate(page.locator(readerSel), reader.getByTestId('reader-open'));
      await applyLure(page, readerSel, lure, target);
      await page.waitForTimeout(1200); // the lure stays long past any settling time: time alone must not arm the frame
      await userClicks(page, lure, target);
      await page.waitForTimeout(1000); // what a click starts shows within this (a prompt or the content)
      await expect(reader.getByTestId('passphrase-prompt')).toHaveCount(0);
      await expect(reader.getByTestId('reader-content')).toHaveCount(0);
      await expect(reader.getByTestId('guard-refusal')).toContainText(refusalText);

      // Control: the lure gone, the same real click on the plainly visible frame decrypts.
      await removeLure(page, readerSel);
      await expect(armed(reader, 'reader-open')).toBeVisible();
      await userClicksSettled(page, reader, readerSel, 'reader-open');
      await answerPromptIfAsked(reader, reader.getByTestId('reader-content'), bob.passphrase);
      await expect(reader.getByTestId('message-text')).toContainText(secret);
      expect(await pageLeaks(page)).not.toContain(secret);
    });
  }
});

test.describe('clickjacking the editor: one real click on a hidden or disguised Encrypt inserts nothing', () => {
  for (const lure of lures) {
    test(`editor, ${lure}`, async ({ context, server }) => {
      const page = await context.newPage();
      const editor = await openEditor(page, server, `cj-editor-${lure}`);
      const target = await locate(page.locator(editorSel), editor.getByTestId('editor-encrypt'));
      await applyLure(page, editorSel, lure, target);
      await page.waitForTimeout(1200);
      await userClicks(page, lure, target);
      await page.waitForTimeout(1500); // encrypting and inserting take well under this
      expect(await compose(page)).toBe('');
      await expect(editor.getByTestId('guard-refusal')).toContainText(refusalText);

      await removeLure(page, editorSel);
      await expect(armed(editor, 'editor-encrypt')).toBeVisible();
      await userClicksSettled(page, editor, editorSel, 'editor-encrypt');
      await expect.poll(() => compose(page)).toMatch(/^-----BEGIN PGP MESSAGE-----/);
      expect(await pageLeaks(page)).not.toContain(draft);
    });
  }
});

test.describe('keyjacking: the page focuses a frame, the user presses Tab and Enter', () => {
  test('reader made invisible and focused by the page: Tab+Enter does not decrypt', async ({ context, server }) => {
    const page = await context.newPage();
    const reader = await openReader(page, server, 'kj-reader');
    await page.locator('#search').click();
    await page.keyboard.type('invoices');
    await page.evaluate((sel) => {
      const frame = document.querySelector(sel) as HTMLIFrameElement;
      frame.style.opacity = '0';
      frame.contentWindow!.focus();
    }, readerSel);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1000);
    await expect(reader.getByTestId('passphrase-prompt')).toHaveCount(0);
    await expect(reader.getByTestId('reader-content')).toHaveCount(0);
    await expect(reader.getByTestId('guard-refusal')).toBeVisible();
  });

  test('visible editor focused by the page a moment before Tab+Enter: the key press is refused, a settled one works', async ({ context, server }) => {
    const page = await context.newPage();
    const editor = await openEditor(page, server, 'kj-editor');
    await page.locator('#decoy').click();
    await page.keyboard.type('Re: invoices');
    await page.evaluate((sel) => (document.querySelector(sel) as HTMLIFrameElement).contentWindow!.focus(), editorSel);
    await editor.getByTestId('editor-encrypt').focus(); // where the user's Tab would land; the frame has had focus a moment only
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1500);
    expect(await compose(page)).toBe('');
    await expect(editor.getByTestId('guard-refusal')).toContainText(/keyboard focus only a moment ago/);
    // The user's own keyboard path: focus stays in the frame a moment, then Enter encrypts.
    await page.waitForTimeout(600);
    await page.keyboard.press('Enter');
    await expect.poll(() => compose(page)).toMatch(/^-----BEGIN PGP MESSAGE-----/);
  });
});

test('an overlay over the editor\'s text area: the editor says it is covered', async ({ context, server }) => {
  const page = await context.newPage();
  const editor = await openEditor(page, server, 'overlay-editor');
  await locate(page.locator(editorSel), editor.getByTestId('editor-body'));
  const area = await editor.getByTestId('editor-body').boundingBox();
  // Fixed, so the viewport coordinates of the box stay right whatever the page scrolls afterwards.
  await page.evaluate(({ a }) => {
    const fake = document.createElement('textarea');
    fake.id = 'fake-body';
    fake.style.cssText = `position:fixed;left:${a.x}px;top:${a.y}px;width:${a.width}px;height:${a.height}px;z-index:9;border:1px solid #767676;background:#fff`;
    document.body.append(fake);
  }, { a: area! });
  // The user clicks where the editor's text area was: the page's copy lies on top of it there.
  const fakeBox = (await page.locator('#fake-body').boundingBox())!;
  await page.mouse.click(fakeBox.x + fakeBox.width / 2, fakeBox.y + fakeBox.height / 2);
  await expect(page.locator('#fake-body')).toBeFocused();
  await page.keyboard.type(' and the rest');
  expect(await page.locator('#fake-body').inputValue()).toBe(' and the rest'); // the page really got the keys
  await expect(editor.getByTestId('editor-covered')).toContainText(/covers or fades the Lockpane editor/);
  await expect(editor.getByTestId('security-badge')).toBeVisible();
});

test('a page bar over the top of the editor (even a web mail\'s own toolbar): Chromium counts the whole frame as covered, so Encrypt is refused and the editor warns', async ({ context, server }) => {
  const page = await context.newPage();
  const editor = await openEditor(page, server, 'toolbar-editor');
  const at = await locate(page.locator(editorSel), editor.getByTestId('editor-encrypt')); // scrolled as a user would, before the bar
  const frame = await page.locator(editorSel).boundingBox();
  await page.evaluate(({ f }) => {
    const bar = document.createElement('div');
    bar.id = 'toolbar';
    bar.textContent = 'Save  Attach  Signature';
    bar.style.cssText = `position:fixed;left:0;right:0;top:${Math.max(0, f.y - 10)}px;height:90px;z-index:9;background:#eee`;
    document.body.append(bar);
  }, { f: frame! });
  await expect(editor.getByTestId('editor-covered')).toContainText(/covers or fades the Lockpane editor/);
  await page.mouse.move(at.x, at.y);
  await page.mouse.click(at.x, at.y);
  await expect(editor.getByTestId('guard-refusal')).toContainText(refusalText);
  expect(await compose(page)).toBe('');
  // Scrolled clear of the bar (removed here), the same press works.
  await page.evaluate(() => document.getElementById('toolbar')!.remove());
  await userClicksSettled(page, editor, editorSel, 'editor-encrypt');
  await expect.poll(() => compose(page)).toMatch(/^-----BEGIN PGP MESSAGE-----/);
});

test('a cover over the middle of the editor while its top and bottom stay clear: the editor says it is covered (and the whole frame is so)', async ({ context, server }) => {
  const page = await context.newPage();
  const editor = await openEditor(page, server, 'middle-cover');
  const frame = await page.locator(editorSel).boundingBox();
  await page.evaluate(({ f }) => {
    const band = document.createElement('div');
    band.style.cssText = `position:absolute;left:${f.x}px;top:${f.y + f.height * 0.4}px;width:${f.width}px;height:${f.height * 0.2}px;z-index:9;background:#fff`;
    document.body.append(band);
  }, { f: frame! });
  await expect(editor.getByTestId('editor-covered')).toContainText(/covers or fades the Lockpane editor/);
});

test.describe('focus theft while a secret is typed', () => {
  test('reader passphrase: the page takes focus mid-passphrase and gives it back; the warning stays and the field is cleared', async ({ context, server }) => {
    const page = await context.newPage();
    const reader = await openReader(page, server, 'ft-reader');
    await reader.getByTestId('reader-open').click();
    const input = reader.getByTestId('passphrase-input');
    await input.click();
    const half = Math.floor(bob.passphrase.length / 2);
    await page.keyboard.type(bob.passphrase.slice(0, half));
    await page.evaluate(() => (document.getElementById('search') as HTMLInputElement).focus());
    await page.keyboard.type(bob.passphrase.slice(half));
    expect(await page.locator('#search').inputValue()).toBe(bob.passphrase.slice(half)); // the page caught the second half
    await page.evaluate((sel) => (document.querySelector(sel) as HTMLIFrameElement).contentWindow!.focus(), readerSel);
    const warning = reader.getByTestId('passphrase-focus-lost');
    await expect(warning).toContainText(/part of it may have gone to the web page/);
    await page.waitForTimeout(800);
    await expect(warning).toBeVisible(); // focus came back: the warning did not go with it
    await expect(input).toHaveValue('');
    await expect(reader.getByTestId('reader-content')).toHaveCount(0);

    await reader.getByTestId('passphrase-focus-lost-ack').click();
    await expect(warning).toHaveCount(0);
    await input.fill(bob.passphrase);
    await reader.getByTestId('passphrase-submit').click();
    await expect(reader.getByTestId('message-text')).toContainText(secret);
  });

  test('editor text: focus taken and handed back while writing; the warning stays until acknowledged', async ({ context, server }) => {
    const page = await context.newPage();
    const editor = await openEditor(page, server, 'ft-editor');
    await editor.getByTestId('editor-body').click();
    await page.keyboard.type(' more');
    await page.evaluate(() => (document.getElementById('decoy') as HTMLInputElement).focus());
    await page.keyboard.type('typed into the page');
    await page.evaluate((sel) => (document.querySelector(sel) as HTMLIFrameElement).contentWindow!.focus(), editorSel);
    const warning = editor.getByTestId('focus-lost');
    await expect(warning).toBeVisible();
    await page.waitForTimeout(800);
    await expect(warning).toBeVisible();
    await editor.getByTestId('focus-lost-ack').click();
    await expect(warning).toHaveCount(0);
  });

  test('editor passphrase (signing): focus theft clears the field and keeps the warning', async ({ context, server }) => {
    const page = await context.newPage();
    const editor = await openEditor(page, server, 'ft-editor-pass');
    await editor.getByRole('checkbox').check();
    await editor.getByTestId('editor-encrypt').click();
    const input = editor.getByTestId('passphrase-input');
    await input.click();
    await page.keyboard.type(bob.passphrase.slice(0, 6));
    await page.evaluate(() => (document.getElementById('decoy') as HTMLInputElement).focus());
    await page.keyboard.type(bob.passphrase.slice(6));
    await page.evaluate((sel) => (document.querySelector(sel) as HTMLIFrameElement).contentWindow!.focus(), editorSel);
    await expect(editor.getByTestId('passphrase-focus-lost')).toBeVisible();
    await page.waitForTimeout(800);
    await expect(editor.getByTestId('passphrase-focus-lost')).toBeVisible();
    await expect(input).toHaveValue('');
    expect(await compose(page)).toBe('');
    await editor.getByTestId('passphrase-focus-lost-ack').click();
    await input.fill(bob.passphrase);
    await editor.getByTestId('passphrase-submit').click();
    await expect.poll(() => compose(page)).toMatch(/^-----BEGIN PGP MESSAGE-----/);
  });
});

test.describe('in Firefox (no IntersectionObserver v2): the second confirmation and the focus-loss warning', () => {
  const passphrase = 'firefox bob passphrase';

  /** Bob in Firefox, the test server enabled, a page with one reader; returns the page and its reader frame. */
  async function firefoxReader(ff: FirefoxLockpane, server: { origin: string; page: (p: string, html: string) => void; url: (p: string) => string }, name: string) {
    const { key } = await ff.send<{ key: { fingerprint: string } }>('keys.generate', { name: 'Bob', email: 'bob@example.test', passphrase });
    const { armored } = await ff.send<{ armored: string }>('keys.exportPublic', { fingerprint: key.fingerprint });
    await ff.send('sites.enable', { origin: server.origin });
    server.page(`/${name}.html`, mailPage(`<pre>${await encryptTo(armored, secret)}</pre><p><label>Search <input id="search"></label></p>`));
    const page: FirefoxPage = await ff.browser.newPage();
    await page.goto(server.url(`/${name}.html`));
    await expect.poll(() => page.frames().some((f) => f.url().includes('/reader.html')), { timeout: 20_000 }).toBe(true);
    const reader: FirefoxFrame = page.frames().find((f) => f.url().includes('/reader.html'))!;
    await reader.waitForSelector('[data-testid="reader-open"]', { timeout: 20_000 });
    return { page, reader };
  }
  async function clickWhenReady(frame: FirefoxFrame, selector: string) {
    await frame.waitForSelector(selector, { timeout: 20_000 });
    await frame.click(selector);
  }
  const count = (frame: FirefoxFrame, testId: string) => frame.$$eval(`[data-testid="${testId}"]`, (els) => els.length);

  test('Firefox: two real clicks on an invisible Decrypt under a lure decrypt nothing; the confirmation, pressed, does', async ({ server }) => {
    test.setTimeout(180_000);
    requireOrSkip(firefoxMissing());
    const ff = await launchFirefoxWithLockpane();
    try {
      const { page, reader } = await firefoxReader(ff, server, 'ff-cj');
      const box = (await (await reader.$('[data-testid="reader-open"]'))!.boundingBox())!;
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      await page.evaluate(() => { (document.querySelector('iframe') as HTMLIFrameElement).style.opacity = '0'; });
      await new Promise((r) => setTimeout(r, 1000));
      await page.mouse.click(x, y);
      await new Promise((r) => setTimeout(r, 800));
      await page.mouse.click(x, y); // the lure asks for a second click at the same place
      await new Promise((r) => setTimeout(r, 1000));
      expect(await count(reader, 'passphrase-prompt')).toBe(0);
      expect(await count(reader, 'reader-content')).toBe(0);
      expect(await count(reader, 'guard-confirm')).toBe(1);

      // The user's own path on the visible frame: press, then the confirmation once it is active.
      await page.evaluate(() => { (document.querySelector('iframe') as HTMLIFrameElement).style.removeProperty('opacity'); });
      await clickWhenReady(reader, '[data-testid="guard-confirm-button"]:not([aria-disabled="true"])');
      await reader.waitForSelector('[data-testid="passphrase-input"]', { timeout: 20_000 });
      await reader.type('[data-testid="passphrase-input"]', passphrase);
      await reader.click('[data-testid="passphrase-submit"]');
      await reader.waitForSelector('[data-testid="message-text"]', { timeout: 30_000 });
      expect(await reader.$eval('[data-testid="message-text"]', (el) => el.textContent)).toContain(secret);
    } finally {
      await ff.close();
    }
  });

  test('Firefox: the page taking the focus between the press and the confirmation breaks it', async ({ server }) => {
    test.setTimeout(180_000);
    requireOrSkip(firefoxMissing());
    const ff = await launchFirefoxWithLockpane();
    try {
      const { page, reader } = await firefoxReader(ff, server, 'ff-cj-focus');
      await reader.click('[data-testid="reader-open"]');
      await reader.waitForSelector('[data-testid="guard-confirm-button"]', { timeout: 10_000 });
      await page.evaluate(() => (document.getElementById('search') as HTMLInputElement).focus());
      await new Promise((r) => setTimeout(r, 300));
      await page.evaluate(() => (document.querySelector('iframe') as HTMLIFrameElement).contentWindow!.focus());
      await new Promise((r) => setTimeout(r, 700));
      await reader.click('[data-testid="guard-confirm-button"]');
      await new Promise((r) => setTimeout(r, 1000));
      expect(await count(reader, 'passphrase-prompt')).toBe(0);
      expect(await reader.$eval('[data-testid="guard-refusal"]', (el) => el.textContent)).toMatch(/keyboard focus/);
    } finally {
      await ff.close();
    }
  });

  test('Firefox: focus theft mid-passphrase clears the field and keeps the warning', async ({ server }) => {
    test.setTimeout(180_000);
    requireOrSkip(firefoxMissing());
    const ff = await launchFirefoxWithLockpane();
    try {
      const { page, reader } = await firefoxReader(ff, server, 'ff-ft');
      await reader.click('[data-testid="reader-open"]');
      await clickWhenReady(reader, '[data-testid="guard-confirm-button"]:not([aria-disabled="true"])');
      await reader.waitForSelector('[data-testid="passphrase-input"]', { timeout: 20_000 });
      await reader.click('[data-testid="passphrase-input"]');
      await page.keyboard.type(passphrase.slice(0, 8));
      await page.evaluate(() => (document.getElementById('search') as HTMLInputElement).focus());
      await page.keyboard.type(passphrase.slice(8));
      expect(await page.$eval('#search', (el) => (el as HTMLInputElement).value)).toBe(passphrase.slice(8));
      await page.evaluate(() => (document.querySelector('iframe') as HTMLIFrameElement).contentWindow!.focus());
      await new Promise((r) => setTimeout(r, 800));
      expect(await count(reader, 'passphrase-focus-lost')).toBe(1);
      expect(await reader.$eval('[data-testid="passphrase-input"]', (el) => (el as HTMLInputElement).value)).toBe('');
    } finally {
      await ff.close();
    }
  });
});
