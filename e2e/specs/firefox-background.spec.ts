/**
 * What is particular to Firefox (issue #19), in Firefox only (the `firefox` project): the background runs as
 * an event page that Firefox suspends, storage.session exists for it, the frame pages are web-accessible at a
 * static address (no use_dynamic_url) so only the token keeps a page's own reader frame empty, and the popup
 * and options pages work as extension pages there. The shared flows run in both browsers elsewhere.
 */
import { firefoxBackgroundState, stopBackground } from '../support/background-control';
import { openExtensionPage } from '../support/extension-pages';
import { expect, ok, sendFrom, test } from '../support/fixtures';
import { bob, enable, setUpProfile } from '../support/identities';
import { mailPage } from '../support/mail-fixtures';
import { expectAccessible } from '../support/ui';

type KeyList = { keys: { fingerprint: string; hasPrivate: boolean }[] };

test('the event page is suspended and started again; the keyring and the unlocked key survive it', async ({ context }) => {
  const b = await setUpProfile(context, bob);
  await ok(sendFrom(b.ext, 'keys.unlock', { fingerprint: b.fingerprint, passphrase: bob.passphrase }));
  expect(await firefoxBackgroundState(context)).toBe('running');

  await stopBackground(context, b.ext);
  expect(await firefoxBackgroundState(context)).toBe('stopped');

  // The next message starts it again, and what it restores comes from storage alone: the keyring from
  // storage.local, the passphrase mirror from storage.session (the key object itself is rebuilt on its next
  // use, so keys.list says "not unlocked in this background" until then; drafts-and-restarts.spec.ts shows
  // that a decrypt after the stop asks for no passphrase).
  const { keys } = await ok<KeyList>(sendFrom(b.ext, 'keys.list', {}));
  expect(keys).toEqual([expect.objectContaining({ fingerprint: b.fingerprint, hasPrivate: true })]);
  expect(await firefoxBackgroundState(context)).toBe('running');
  expect(Object.keys(await b.ext.evaluate(() => chrome.storage.session.get(null)))).toContain('unlock.passphrases');
});

test('storage.session exists for Lockpane in Firefox and holds the unlocked-key mirror, not storage.local', async ({ context }) => {
  const b = await setUpProfile(context, bob);
  await ok(sendFrom(b.ext, 'keys.unlock', { fingerprint: b.fingerprint, passphrase: bob.passphrase }));
  const areas = await b.ext.evaluate(async () => ({
    session: typeof chrome.storage.session?.get,
    sessionKeys: Object.keys(await chrome.storage.session.get(null)),
    localKeys: Object.keys(await chrome.storage.local.get(null)),
  }));
  expect(areas.session).toBe('function');
  expect(areas.sessionKeys).toContain('unlock.passphrases');
  expect(areas.localKeys).not.toContain('unlock.passphrases');
});

async function framesWithoutToken(context: import('@playwright/test').BrowserContext, serverUrl: (p: string) => string, origin: string, kinds: ('reader' | 'editor')[]) {
  const page = await context.newPage();
  await page.goto(serverUrl('/own-frame.html'));
  await page.evaluate(([o, list]) => {
    for (const kind of list) {
      const f = document.createElement('iframe');
      f.id = kind;
      f.src = `${o}/${kind}.html`;
      document.body.append(f);
    }
  }, [origin, kinds] as const);
  return page;
}

test('a page that loads the reader frame itself, without a token, gets an empty frame with an error', async ({ context, server, extensionOrigin }) => {
  const b = await setUpProfile(context, bob);
  await enable(b, server.origin);
  server.page('/own-frame.html', mailPage('<p>No ciphertext here.</p>'));
  const page = await framesWithoutToken(context, (p) => server.url(p), extensionOrigin, ['reader']);
  // Firefox loads the page (static address, web-accessible) ...
  await expect(page.frameLocator('#reader').getByTestId('reader-error')).toBeVisible();
  // ... and without a token it shows nothing to read.
  await expect(page.frameLocator('#reader').getByTestId('reader-view')).toHaveCount(0);
  // Our frame page cannot be read into by the page either.
  expect(await page.evaluate(() => { try { return String((document.getElementById('reader') as HTMLIFrameElement).contentDocument); } catch (e) { return (e as Error).name; } })).toBe('null');
});

test('a page that loads the editor frame itself, without a token, gets no editor', async ({ context, server, extensionOrigin }) => {
  const b = await setUpProfile(context, bob);
  await enable(b, server.origin);
  server.page('/own-frame.html', mailPage('<p>No ciphertext here.</p>'));
  const page = await framesWithoutToken(context, (p) => server.url(p), extensionOrigin, ['editor']);
  await expect(page.frameLocator('#editor').getByTestId('editor-error')).toBeVisible();
  await expect(page.frameLocator('#editor').getByTestId('editor-body')).toHaveCount(0);
});

test('the popup and the options page work as Firefox extension pages (keyboard, axe-clean)', async ({ context, extensionOrigin }) => {
  await setUpProfile(context, bob);
  const popup = await openExtensionPage(context, extensionOrigin, 'popup.html');
  await expect(popup.getByTestId('popup-keys')).toBeVisible();
  await expect(popup.getByTestId('popup-settings')).toBeVisible();
  await expectAccessible(popup, 'Firefox popup');
  const options = await openExtensionPage(context, extensionOrigin, 'options.html');
  await expect(options.getByTestId('keyring-page')).toBeVisible();
  await expect(options.getByTestId('key-row')).toContainText('bob@example.test');
  await expectAccessible(options, 'Firefox options');
});
