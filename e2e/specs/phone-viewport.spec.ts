/**
 * Issue #19, Firefox for Android's class of device: the popup, the options page, the reader and the editor
 * on a phone-sized screen (390×844, touch, mobile emulation in Chromium; no Android device reaches CI).
 * Each must fit the width (no sideways scrolling), be axe-clean there, and work by touch: a tap decrypts,
 * a tap encrypts.
 */
import type { Page } from '@playwright/test';
import { expect, launchWithExtension, phone, test } from '../support/fixtures';
import { bob, enable, setUpProfile } from '../support/identities';
import { encryptTo, mailPage } from '../support/mail-fixtures';
import { pressGuarded } from '../support/guarded';
import { expectAccessible, expectFrameAccessible, snap } from '../support/ui';

const secret = 'Phone-sized secret 7719';

/** A mobile web mail declares its width as the device's (without it a phone lays the page out 980 px wide). */
const phonePage = (body: string) => mailPage(body).replace('<meta charset="utf-8">', '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">');

/** Whether the document is wider than the screen (a phone user would have to scroll sideways). */
async function overflowsSideways(page: Page | import('@playwright/test').Frame): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test('on a phone-sized touch screen: options, popup, reader and editor fit, are axe-clean and work by tap', async ({ server }, info) => {
  test.setTimeout(180_000);
  const context = await launchWithExtension('', { phone: true });
  try {
    const profile = await setUpProfile(context, bob);
    await enable(profile, server.origin);
    const ext = profile.ext;
    expect(ext.viewportSize()).toEqual(phone.viewport);

    await ext.goto(`chrome-extension://${profile.id}/options.html#keys`);
    await expect(ext.getByTestId('key-row').first()).toBeVisible();
    expect(await overflowsSideways(ext), 'options page wider than the phone').toBeLessThanOrEqual(0);
    await expectAccessible(ext, 'options (phone)');
    await snap(ext, info, 'phone-options-keys');

    await ext.goto(`chrome-extension://${profile.id}/popup.html`);
    await expect(ext.getByRole('heading', { name: 'Lockpane' })).toBeVisible();
    expect(await overflowsSideways(ext), 'popup wider than the phone').toBeLessThanOrEqual(0);
    await expectAccessible(ext, 'popup (phone)');
    await snap(ext, info, 'phone-popup');

    const page = await context.newPage();
    server.page('/phone-read.html', phonePage(`<pre>${await encryptTo(profile.publicKey, secret)}</pre>`));
    await page.goto(server.url('/phone-read.html'));
    const readerEl = page.locator('iframe[src*="reader.html"]');
    await expect(readerEl).toBeVisible({ timeout: 15_000 });
    const box = await readerEl.boundingBox();
    expect(box!.x + box!.width, 'reader frame wider than the phone').toBeLessThanOrEqual(phone.viewport.width);
    const reader = page.frameLocator('iframe[src*="reader.html"]');
    await pressGuarded(reader.getByTestId('reader-open'), 30_000, 'tap');
    await reader.getByTestId('passphrase-input').fill(bob.passphrase);
    await pressGuarded(reader.getByTestId('passphrase-submit'), 30_000, 'tap');
    await expect(reader.getByTestId('message-text')).toContainText(secret);
    const readerFrame = page.frames().find((f) => f.url().includes('reader.html'))!;
    expect(await overflowsSideways(readerFrame), 'reader content wider than its frame').toBeLessThanOrEqual(0);
    await expectFrameAccessible(readerFrame, 'reader (phone)');
    await snap(page, info, 'phone-reader');

    const compose = await context.newPage();
    server.page('/phone-compose.html', phonePage('<label>To <input id="to" value="bob@example.test"></label><textarea id="compose" aria-label="Message"></textarea>'));
    await compose.goto(server.url('/phone-compose.html'));
    await compose.locator('lockpane-secure').tap();
    const editorEl = compose.locator('iframe[src*="editor.html"]');
    await expect(editorEl).toBeVisible({ timeout: 15_000 });
    const ebox = await editorEl.boundingBox();
    expect(ebox!.x + ebox!.width, 'editor frame wider than the phone').toBeLessThanOrEqual(phone.viewport.width);
    const editor = compose.frameLocator('iframe[src*="editor.html"]');
    await editor.getByTestId('editor-body').fill('typed on a phone');
    await editor.getByRole('checkbox').uncheck();
    await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
    const editorFrame = compose.frames().find((f) => f.url().includes('editor.html'))!;
    expect(await overflowsSideways(editorFrame), 'editor content wider than its frame').toBeLessThanOrEqual(0);
    await expectFrameAccessible(editorFrame, 'editor (phone)');
    await pressGuarded(editor.getByTestId('editor-encrypt'), 30_000, 'tap');
    await expect.poll(() => compose.locator('#compose').inputValue()).toMatch(/^-----BEGIN PGP MESSAGE-----/);
    await snap(compose, info, 'phone-editor');
  } finally {
    await context.close();
  }
});
