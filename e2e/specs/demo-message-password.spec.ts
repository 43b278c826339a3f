/**
 * Issue #15: the demo mail's password-encrypted message opens in the reader with the password the page
 * names ("demo"), before and after setup; a wrong password is refused with a clear message and can be
 * retried; a message to the user's key and a password opens either way (key passphrase, or "Use the
 * message password instead"). The password is typed inside Lockpane's frame only.
 */
import { encrypt, readKey } from '../../keyring/pgp';
import { expect, test } from '../support/fixtures';
import { messageText } from '../support/frames';
import { alice, enable, setUpProfile } from '../support/identities';
import { expectFrameAccessible, lockpaneFrame } from '../support/ui';
import { pressGuarded } from '../support/guarded';

const demoText = 'Hello from the Lockpane demo.';
const wrong = 'This password does not open the message. Check it and try again.';

test('before setup, the demo message asks for its password: a wrong one is refused, "demo" opens it', async ({ context, server, enableSite }) => {
  await enableSite(server.origin);
  const page = await context.newPage();
  await page.goto(server.url('/demo/'));
  await expect(page.locator('.hint')).toContainText('the demo password is demo');
  const reader = page.frameLocator('#message-body iframe[src*="reader.html"]');
  await pressGuarded(reader.getByTestId('reader-open'));
  const prompt = reader.getByTestId('message-password-prompt');
  await expect(prompt).toContainText('This message is protected with a password');
  await expect(reader.getByTestId('passphrase-prompt')).toHaveCount(0);
  await expectFrameAccessible(lockpaneFrame(page, 'reader'), 'message password prompt');
  await reader.getByLabel('Message password').fill('not the password');
  await pressGuarded(reader.getByTestId('message-password-submit'));
  await expect(reader.getByTestId('reader-error')).toHaveText(wrong);
  await expect(messageText(reader)).toHaveCount(0);
  // Retry in the same prompt.
  await reader.getByLabel('Message password').fill('demo');
  await reader.getByTestId('message-password-input').press('Enter');
  await expect(messageText(reader)).toHaveText(demoText);
  await expect(reader.getByTestId('reader-error')).toHaveCount(0);
  // The page saw neither the password nor the plaintext.
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(demoText);
});

test('after setup, the demo message still asks for its password (not the key passphrase), and "demo" opens it', async ({ context, server }) => {
  const me = await setUpProfile(context, alice);
  await enable(me, server.origin);
  const page = await context.newPage();
  await page.goto(server.url('/demo/'));
  const reader = page.frameLocator('#message-body iframe[src*="reader.html"]');
  await pressGuarded(reader.getByTestId('reader-open'));
  await expect(reader.getByTestId('message-password-prompt')).toBeVisible();
  await expect(reader.getByTestId('passphrase-prompt')).toHaveCount(0);
  await reader.getByTestId('message-password-input').fill('demo');
  await pressGuarded(reader.getByTestId('message-password-submit'));
  await expect(messageText(reader)).toHaveText(demoText);
});

test('a message to my key and a password opens with the message password, and with my key passphrase', async ({ context, server }) => {
  const me = await setUpProfile(context, alice);
  await enable(me, server.origin);
  const armored = await encrypt({ data: 'Either secret opens this.', encryptionKeys: [await readKey(me.publicKey)], passwords: ['shared secret'] }) as string;
  // A page of its own (the demo mailbox is shared with other specs, which count its mails).
  server.page('/mixed-message.html', `<!doctype html><title>Key or password</title><pre>${armored}</pre>`);
  const page = await context.newPage();
  const openMail = async () => {
    await page.goto(server.url('/mixed-message.html'));
    return page.frameLocator('iframe[src*="reader.html"]');
  };

  let reader = await openMail();
  await pressGuarded(reader.getByTestId('reader-open'));
  // The key passphrase as today, with the password as the other choice; and back again.
  await expect(reader.getByTestId('passphrase-prompt')).toBeVisible();
  await reader.getByTestId('use-message-password').click();
  await expect(reader.getByTestId('passphrase-prompt')).toHaveCount(0);
  await reader.getByTestId('use-key-passphrase').click();
  await expect(reader.getByTestId('passphrase-prompt')).toBeVisible();
  await reader.getByTestId('use-message-password').click();
  await expectFrameAccessible(lockpaneFrame(page, 'reader'), 'message password prompt beside a key');
  await reader.getByTestId('message-password-input').fill(alice.passphrase);
  await pressGuarded(reader.getByTestId('message-password-submit'));
  await expect(reader.getByTestId('reader-error')).toHaveText(wrong);
  await reader.getByTestId('message-password-input').fill('shared secret');
  await pressGuarded(reader.getByTestId('message-password-submit'));
  await expect(messageText(reader)).toHaveText('Either secret opens this.');
  // Typed inside Lockpane's frame: the page has neither the password nor the text.
  const pageHtml = await page.evaluate(() => document.documentElement.outerHTML);
  expect(pageHtml).not.toContain('shared secret');
  expect(pageHtml).not.toContain('Either secret opens this.');

  // The password did not unlock the key: the same mail asks for the key passphrase again, and it opens it.
  reader = await openMail();
  await pressGuarded(reader.getByTestId('reader-open'));
  await reader.getByTestId('passphrase-input').fill(alice.passphrase);
  await pressGuarded(reader.getByTestId('passphrase-submit'));
  await expect(messageText(reader)).toHaveText('Either secret opens this.');
});
