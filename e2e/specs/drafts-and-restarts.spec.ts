/**
 * Nothing is lost: a draft written in the secure editor survives a closed tab and a stopped worker, a
 * second editor on the same web mail neither overwrites it nor deletes it by sending, an unlocked key
 * survives a worker restart (storage.session mirror), and the web mail never sees the draft.
 * In Firefox the "worker" is the event page, stopped as idle suspension stops it (background-control.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, extensionOriginOf, launchWithExtension, sendFrom, test } from '../support/fixtures';
import { openExtensionPage } from '../support/extension-pages';
import { alice, bob, enable, introduce, setUpProfile } from '../support/identities';
import { stopBackground } from '../support/background-control';
import { encryptTo, mailPage } from '../support/mail-fixtures';
import { messageText } from '../support/frames';
import { pressGuarded } from '../support/guarded';

const draft = 'Draft about patient 1234 — do not lose me';

test('a draft survives closing the tab and stopping the worker, and restores after unlocking', async ({ context, server }) => {
  const a = await setUpProfile(context, alice);
  await enable(a, server.origin);
  const page = await context.newPage();
  await page.goto(server.url('/demo/'));
  await page.locator('#compose-body').locator('xpath=preceding-sibling::lockpane-secure[1]').click();
  const editor = page.frameLocator('iframe[src*="editor.html"]');
  await editor.getByTestId('editor-body').fill(draft);
  await expect(editor.getByTestId('editor-status')).toContainText(/Draft saved/, { timeout: 15_000 });
  expect(await page.evaluate(() => document.documentElement.outerHTML + JSON.stringify(localStorage))).not.toContain('patient 1234');
  await page.close();

  // The stored draft is ciphertext.
  const stored = await a.ext.evaluate(() => chrome.storage.local.get(null));
  expect(JSON.stringify(stored)).not.toContain('patient 1234');
  expect(JSON.stringify(stored)).toContain('BEGIN PGP MESSAGE');

  await stopBackground(context, a.ext);

  const again = await context.newPage();
  await again.goto(server.url('/demo/'));
  await again.locator('#compose-body').locator('xpath=preceding-sibling::lockpane-secure[1]').click();
  const editor2 = again.frameLocator('iframe[src*="editor.html"]');
  await editor2.getByTestId('restore-draft').click();
  await editor2.getByTestId('passphrase-input').fill(alice.passphrase);
  await pressGuarded(editor2.getByTestId('passphrase-submit'));
  await expect(editor2.getByTestId('editor-body')).toHaveValue(draft);
});

test('a second editor on the same web mail keeps the first one\'s draft, also after it sent its own message', async ({ context, server }) => {
  const a = await setUpProfile(context, alice);
  await enable(a, server.origin);
  const open = async () => {
    const page = await context.newPage();
    await page.goto(server.url('/demo/'));
    await page.locator('#compose-to').fill(alice.email);
    await page.locator('#compose-body').locator('xpath=preceding-sibling::lockpane-secure[1]').click();
    return { page, editor: page.frameLocator('iframe[src*="editor.html"]') };
  };
  const first = await open();
  await first.editor.getByTestId('editor-body').fill(draft);
  await expect(first.editor.getByTestId('editor-status')).toContainText(/Draft saved/, { timeout: 15_000 });
  await first.page.close();

  // Another tab: a short note, autosaved, then encrypted and put into the web mail (it counts as sent).
  const second = await open();
  await expect(second.editor.getByTestId('restore-draft')).toBeVisible();
  await second.editor.getByTestId('editor-body').fill('a quick note');
  await expect(second.editor.getByTestId('editor-status')).toContainText(/Draft saved/, { timeout: 15_000 });
  await pressGuarded(second.editor.getByTestId('editor-encrypt'));
  await second.editor.getByTestId('passphrase-input').fill(alice.passphrase); // signing unlocks the key
  await pressGuarded(second.editor.getByTestId('passphrase-submit'));
  await expect(second.page.locator('#compose-body')).toHaveValue(/BEGIN PGP MESSAGE/, { timeout: 30_000 });
  await second.page.close();

  const third = await open();
  await third.editor.getByTestId('restore-draft').click(); // the key is still unlocked from signing
  await expect(third.editor.getByTestId('editor-body')).toHaveValue(draft);
});

test('an unlocked key stays unlocked across a worker restart; a decrypt after the restart needs no passphrase', async ({ context, server }) => {
  const b = await setUpProfile(context, bob);
  await enable(b, server.origin);
  server.page('/two.html', mailPage(`<pre>${await encryptTo(b.publicKey, 'first')}</pre><pre>${await encryptTo(b.publicKey, 'second after restart')}</pre>`));
  const page = await context.newPage();
  await page.goto(server.url('/two.html'));
  const first = page.frameLocator('iframe[src*="reader.html"]').nth(0);
  await pressGuarded(first.getByTestId('reader-open'));
  await first.getByTestId('passphrase-input').fill(bob.passphrase);
  await pressGuarded(first.getByTestId('passphrase-submit'));
  await expect(messageText(first)).toHaveText('first');

  await stopBackground(context, b.ext);

  const second = page.frameLocator('iframe[src*="reader.html"]').nth(1);
  await pressGuarded(second.getByTestId('reader-open')); // the client retries while the worker starts again
  await expect(messageText(second)).toHaveText('second after restart');
  await expect(second.getByTestId('passphrase-prompt')).toHaveCount(0);
});

test('keys and trust decisions survive a worker restart', async ({ context }) => {
  const a = await setUpProfile(context, alice);
  const bobContext = await launchWithExtension();
  try {
    const b = await setUpProfile(bobContext, bob);
    await introduce(a, b);
    await stopBackground(context, a.ext);
    const reply = await a.ext.evaluate(() => chrome.runtime.sendMessage({ lockpane: 1, name: 'keys.list', body: {} }));
    const keys = (reply as { ok: true; value: { keys: { emails: string[]; acceptance: string; hasPrivate: boolean }[] } }).value.keys;
    const byEmail = Object.fromEntries(keys.map((k) => [k.emails[0], k]));
    expect(Object.keys(byEmail).sort()).toEqual(['alice@example.test', 'bob@example.test']);
    expect(byEmail['alice@example.test']).toMatchObject({ hasPrivate: true, acceptance: 'verified' });
    expect(byEmail['bob@example.test']).toMatchObject({ hasPrivate: false, acceptance: 'verified' });
  } finally {
    await bobContext.close();
  }
});

test('a browser restart keeps keys and trust but forgets unlocked keys (storage.session is cleared)', async ({ server }) => {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-profile-'));
  try {
    let context = await launchWithExtension(profileDir);
    const a = await setUpProfile(context, alice);
    const unlocked = await sendFrom(a.ext, 'keys.unlock', { fingerprint: a.fingerprint, passphrase: alice.passphrase });
    expect(unlocked.ok).toBe(true);
    expect(Object.keys(await a.ext.evaluate(() => chrome.storage.session.get(null)))).toContain('unlock.passphrases');
    await enable(a, server.origin);
    await context.close();

    context = await launchWithExtension(profileDir);
    const ext = await openExtensionPage(context, await extensionOriginOf(context), 'options.html');
    const reply = await sendFrom(ext, 'keys.list', {});
    const keys = reply.ok ? (reply.value as { keys: { fingerprint: string; unlocked: boolean; acceptance: string }[] }).keys : [];
    expect(keys).toEqual([expect.objectContaining({ fingerprint: a.fingerprint, unlocked: false, acceptance: 'verified' })]);
    // The passphrase mirror lived in storage.session, which the browser restart cleared.
    expect(Object.keys(await ext.evaluate(() => chrome.storage.session.get(null)))).not.toContain('unlock.passphrases');
    const sites = await sendFrom(ext, 'sites.list', {});
    expect(sites).toEqual({ ok: true, value: { origins: [server.origin] } });
    await context.close();
  } finally {
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
});
