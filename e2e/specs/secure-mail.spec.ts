/**
 * Alice writes in the secure editor on a web mail page; Bob reads it in the reader frame and sees
 * "verified". Two separate browser profiles, real keys, the generic adapter on the local demo mail.
 */
import { expect, launchWithExtension, test } from '../support/fixtures';
import { alice, bob, enable, introduce, setUpProfile, type Profile } from '../support/identities';
import { messageText } from '../support/frames';
import { pressGuarded } from '../support/guarded';

const message = 'Patient 4711: results attached.\nKeep this confidential — ümlaut check.';

function inboxPage(armored: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Inbox</title></head><body>
<main id="read-pane"><h1>Secure message</h1><p class="from">From: Alice &lt;alice@example.test&gt;</p>
<div class="body"><pre>${armored}</pre></div></main></body></html>`;
}

test('Alice encrypts and signs in the secure editor; Bob decrypts and sees "verified"', async ({ context, server }) => {
  const bobContext = await launchWithExtension();
  try {
    const a: Profile = await setUpProfile(context, alice);
    const b: Profile = await setUpProfile(bobContext, bob);
    await introduce(a, b);
    await introduce(b, a);
    await enable(a, server.origin);
    await enable(b, server.origin);

    // Alice: the Secure control beside the demo's compose box opens the editor frame.
    const page = await context.newPage();
    await page.goto(server.url('/demo/'));
    await page.locator('lockpane-secure').first().waitFor();
    const composeHost = page.locator('#compose-body').locator('xpath=preceding-sibling::lockpane-secure[1]');
    await composeHost.click();
    const editor = page.frameLocator('iframe[src*="editor.html"]');
    await expect(editor.getByTestId('editor-to')).toHaveValue('bob@example.test');
    await editor.getByTestId('editor-body').fill(message);
    await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
    await pressGuarded(editor.getByTestId('editor-encrypt'));
    await editor.getByTestId('passphrase-input').fill(alice.passphrase);
    await pressGuarded(editor.getByTestId('passphrase-submit'));
    await expect(editor.getByTestId('editor-status')).toBeVisible();

    const armored = await page.locator('#compose-body').inputValue();
    expect(armored).toMatch(/^-----BEGIN PGP MESSAGE-----/);
    const pageHtml = await page.evaluate(() => document.documentElement.outerHTML);
    expect(pageHtml).not.toContain('Patient 4711');

    // Bob reads it on his web mail page.
    server.page('/inbox-bob.html', inboxPage(armored));
    const bobPage = await bobContext.newPage();
    await bobPage.goto(server.url('/inbox-bob.html'));
    const reader = bobPage.frameLocator('iframe[src*="reader.html"]');
    await pressGuarded(reader.getByTestId('reader-open'));
    await reader.getByTestId('passphrase-input').fill(bob.passphrase);
    await pressGuarded(reader.getByTestId('passphrase-submit'));
    await expect(reader.getByTestId('signature')).toHaveAttribute('data-status', 'verified');
    await expect(reader.getByTestId('encryption-status')).toContainText(/Encrypted/);
    await expect(messageText(reader)).toHaveText(message);
    expect(await bobPage.evaluate(() => document.documentElement.outerHTML)).not.toContain('Patient 4711');
  } finally {
    await bobContext.close();
  }
});
