/**
 * The popup's "Write securely on this page": on an enabled web mail with a compose form open, it opens
 * the secure editor there (no page click needed: the gesture was in extension UI); without a form it
 * says what to do.
 */
import { openExtensionPage } from '../support/extension-pages';
import { expect, test } from '../support/fixtures';
import { alice, enable, setUpProfile } from '../support/identities';
import { mailPage } from '../support/mail-fixtures';

test('popup: write securely opens the editor on the active page, or explains that no form is open', async ({ context, extensionOrigin, server }) => {
  const a = await setUpProfile(context, alice);
  await enable(a, server.origin);
  server.page('/inbox.html', mailPage('<p>Nothing to answer here.</p>'));

  const inbox = await context.newPage();
  await inbox.goto(server.url('/inbox.html'));
  const popup = await openExtensionPage(context, extensionOrigin, 'popup.html', { behind: inbox });
  await popup.getByTestId('popup-compose').click();
  await expect(popup.getByTestId('popup-compose-message')).toContainText('No message form is open');
  await popup.close();

  const site = await context.newPage();
  await site.goto(server.url('/demo/'));
  await expect(site.locator('lockpane-secure')).toHaveCount(1, { timeout: 15_000 });
  const popup2 = await openExtensionPage(context, extensionOrigin, 'popup.html', { behind: site });
  const closed = popup2.waitForEvent('close');
  await popup2.getByTestId('popup-compose').focus();
  // The popup closes itself once the editor is open, which can end the key press's own round trip.
  await popup2.keyboard.press('Enter').catch(() => undefined);
  await closed;
  const editor = site.frameLocator('iframe[src*="editor.html"]');
  await expect(editor.getByTestId('editor-body')).toBeVisible({ timeout: 15_000 });
  expect(await site.locator('iframe[src*="editor.html"]').count()).toBe(1);
});
