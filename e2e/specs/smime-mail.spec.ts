/**
 * S/MIME end to end in two browser profiles: a throwaway CA with Alice's and Bob's certificates and
 * PKCS#12 files is made by openssl in the test setup; each profile imports its own PKCS#12 (protected
 * under a Lockpane passphrase), the CA as a trust root and the other's certificate. Alice writes in the
 * secure editor → a PEM CMS block lands in the page; Bob's reader decrypts it and shows "verified".
 * Also: a message openssl encrypted to Bob, and a wrong PKCS#12 password.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { TestPki, type User } from '../../keyring/testing/openssl-pki';
import { expect, extensionOriginOf, launchWithExtension, ok, sendFrom, test } from '../support/fixtures';
import { openExtensionPage } from '../support/extension-pages';
import { mailPage } from '../support/mail-fixtures';
import { messageText } from '../support/frames';
import { pressGuarded } from '../support/guarded';

type Person = { email: string; passphrase: string; user: User };
const message = 'Befund 4711: vertraulich — ümlaut check.\nSecond line.';

let pki: TestPki;
let alice: Person;
let bob: Person;

test.beforeAll(() => {
  pki = new TestPki('Lockpane E2E CA');
  alice = { email: 'alice@example.test', passphrase: 'alice s/mime phrase', user: pki.user('alice') };
  bob = { email: 'bob@example.test', passphrase: 'bob s/mime phrase', user: pki.user('bob') };
});
test.afterAll(() => pki?.cleanup());

async function optionsPage(context: BrowserContext): Promise<Page> {
  return openExtensionPage(context, await extensionOriginOf(context), 'options.html');
}

/** The profile's own PKCS#12, the CA as a root, the peers' certificates, and the mail site enabled. */
async function setUpSmime(context: BrowserContext, me: Person, peers: Person[], origin: string): Promise<Page> {
  const ext = await optionsPage(context);
  await ok(sendFrom(ext, 'keys.import', { base64: readFileSync(me.user.p12).toString('base64'), password: 'test', protectWith: me.passphrase }));
  await ok(sendFrom(ext, 'trust.addRoot', { text: readFileSync(pki.caCrt, 'utf8') }));
  for (const p of peers) await ok(sendFrom(ext, 'keys.import', { text: readFileSync(p.user.crt, 'utf8') }));
  await ok(sendFrom(ext, 'sites.enable', { origin }));
  return ext;
}

function inbox(from: string, armored: string): string {
  return mailPage(`<p class="from">From: ${from}</p><pre>${armored}</pre>`);
}

async function openInReader(page: Page, passphrase: string) {
  const reader = page.frameLocator('iframe[src*="reader.html"]');
  await expect(reader.getByTestId('reader-view')).toHaveAttribute('data-kind', 'cms');
  await pressGuarded(reader.getByTestId('reader-open'));
  await reader.getByTestId('passphrase-input').fill(passphrase);
  await pressGuarded(reader.getByTestId('passphrase-submit'));
  return reader;
}

test('Alice signs and encrypts with S/MIME in the secure editor; Bob decrypts and sees "verified"', async ({ context, server }) => {
  const bobContext = await launchWithExtension();
  try {
    await setUpSmime(context, alice, [bob], server.origin);
    await setUpSmime(bobContext, bob, [alice], server.origin);

    const page = await context.newPage();
    await page.goto(server.url('/demo/'));
    const composeHost = page.locator('#compose-body').locator('xpath=preceding-sibling::lockpane-secure[1]');
    await composeHost.click();
    const editor = page.frameLocator('iframe[src*="editor.html"]');
    await expect(editor.getByTestId('editor-to')).toHaveValue('bob@example.test');
    await editor.getByTestId('editor-body').fill(message);
    await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
    await pressGuarded(editor.getByTestId('editor-encrypt'));
    await editor.getByTestId('passphrase-input').fill(alice.passphrase);
    await pressGuarded(editor.getByTestId('passphrase-submit'));
    await expect(page.locator('#compose-body')).toHaveValue(/^-----BEGIN PKCS7-----/);
    const armored = await page.locator('#compose-body').inputValue();
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('Befund 4711');
    // A real peer reads it too: openssl decrypts with Bob's key and verifies Alice's signature.
    const inner = pki.openssl(['cms', '-decrypt', '-inform', 'PEM', '-recip', bob.user.crt, '-inkey', bob.user.key], armored);
    expect(pki.openssl(['cms', '-verify', '-CAfile', pki.caCrt], inner).toString()).toContain('Content-Type: text/plain; charset=utf-8');

    server.page('/smime-inbox-bob.html', inbox('Alice &lt;alice@example.test&gt;', armored));
    const bobPage = await bobContext.newPage();
    await bobPage.goto(server.url('/smime-inbox-bob.html'));
    const reader = await openInReader(bobPage, bob.passphrase);
    await expect(reader.getByTestId('signature')).toHaveAttribute('data-status', 'verified');
    // The generic adapter reads no sender from the page (sender binding is covered by the worker's unit tests).
    await expect(reader.getByTestId('encryption-status')).toBeVisible();
    await expect(messageText(reader)).toHaveText(message);
    expect(await bobPage.evaluate(() => document.documentElement.outerHTML)).not.toContain('Befund 4711');
  } finally {
    await bobContext.close();
  }
});

test('a message openssl encrypted to Bob (PEM CMS, AES-GCM) decrypts in his reader; a wrong PKCS#12 password is a typed error', async ({ context, server }) => {
  const ext = await optionsPage(context);
  const wrong = await sendFrom(ext, 'keys.import', { base64: readFileSync(bob.user.p12).toString('base64'), password: 'not the password', protectWith: bob.passphrase });
  expect(wrong.ok ? 'ok' : wrong.error.code).toBe('wrong-passphrase');
  // Cost of the key envelope in the worker (PBKDF2-SHA-256, 600,000 iterations): once to seal, once per unlock.
  let t0 = Date.now();
  const imported = await ok<{ results: { key: { fingerprint: string; hasPrivate: boolean } }[] }>(sendFrom(ext, 'keys.import', {
    base64: readFileSync(bob.user.p12).toString('base64'), password: 'test', protectWith: bob.passphrase,
  }));
  const importMs = Date.now() - t0;
  const own = imported.results.find((r) => r.key.hasPrivate)!.key.fingerprint;
  t0 = Date.now();
  await ok(sendFrom(ext, 'keys.unlock', { fingerprint: own, passphrase: bob.passphrase }));
  const unlockMs = Date.now() - t0;
  test.info().annotations.push({ type: 'timing', description: `PKCS#12 import ${importMs} ms, certificate unlock ${unlockMs} ms` });
  await ok(sendFrom(ext, 'keys.lockAll', {}));
  await setUpSmime(context, bob, [], server.origin);

  const part = pki.write('e2e-part.txt', 'Content-Type: text/plain; charset=utf-8\r\n\r\nFrom openssl, for Bob.\r\n');
  const armored = pki.openssl(['cms', '-encrypt', '-in', part, '-aes-256-gcm', '-recip', bob.user.crt,
    '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256', '-outform', 'PEM']).toString();
  server.page('/smime-openssl.html', inbox('Some One &lt;someone@example.test&gt;', armored));
  const page = await context.newPage();
  await page.goto(server.url('/smime-openssl.html'));
  const reader = await openInReader(page, bob.passphrase);
  await expect(reader.getByTestId('no-signature')).toBeVisible();
  await expect(messageText(reader)).toHaveText('From openssl, for Bob.\n');
});

test('without the CA as a root, the editor says why Bob\'s certificate cannot be used', async ({ context, server }) => {
  const ext = await optionsPage(context);
  await ok(sendFrom(ext, 'keys.import', { base64: readFileSync(alice.user.p12).toString('base64'), password: 'test', protectWith: alice.passphrase }));
  await ok(sendFrom(ext, 'keys.import', { text: readFileSync(bob.user.crt, 'utf8') }));
  await ok(sendFrom(ext, 'sites.enable', { origin: server.origin }));
  const page = await context.newPage();
  await page.goto(server.url('/demo/'));
  await page.locator('#compose-body').locator('xpath=preceding-sibling::lockpane-secure[1]').click();
  const editor = page.frameLocator('iframe[src*="editor.html"]');
  await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'false');
  await expect(editor.getByTestId('recipient')).toContainText(/untrusted: .*trusted root/);
  await expect(editor.getByTestId('editor-encrypt')).toBeDisabled();
});
