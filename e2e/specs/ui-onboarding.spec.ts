/**
 * First run as a new user would meet it: a fresh profile, the options page opens the wizard, a key is
 * made in a few steps (weak and mismatched passphrases are refused on the way), the security phrase is
 * chosen, and the files worth keeping can be saved. Also the import path and its error messages.
 */
import fs from 'node:fs';
import * as openpgp from 'openpgp';
import { isFirefox } from '../support/engine';
import { expect, test } from '../support/fixtures';
import { openExtensionPage, reloadExtensionPage } from '../support/extension-pages';
import { snap, expectAccessible } from '../support/ui';




test('a new user creates a key, chooses the security phrase and saves the keep-safe files', async ({ context, extensionOrigin }, info) => {
  const page = await openExtensionPage(context, extensionOrigin, 'options.html');
  const started = Date.now();
  await expect(page.getByTestId('onboarding')).toBeVisible();
  await expectAccessible(page, 'onboarding: identity');
  await snap(page, info, 'onboarding-1-identity');

  // Keyboard only through the first step.
  await expect(page.getByTestId('onb-heading')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('onb-name')).toBeFocused();
  await page.keyboard.type('Dana Field');
  await page.keyboard.press('Tab');
  await page.keyboard.type('dana@clinic.example');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('onboarding')).toHaveAttribute('data-step', 'passphrase');
  const create = page.getByTestId('onb-create');
  await page.getByTestId('new-passphrase').fill('password1');
  await page.getByTestId('repeat-passphrase').fill('password1');
  await expect(page.getByTestId('passphrase-weak')).toBeVisible();
  await expect(create).toBeDisabled();
  await page.getByTestId('new-passphrase').fill('harbor violet tundra quill 42');
  await page.getByTestId('repeat-passphrase').fill('harbor violet tundra quill 4');
  await expect(page.getByRole('alert')).toContainText(/not the same/);
  await expect(create).toBeDisabled();
  await page.getByTestId('repeat-passphrase').fill('harbor violet tundra quill 42');
  await expect(page.getByTestId('strength')).toHaveAttribute('data-score', /[34]/);
  await expectAccessible(page, 'onboarding: passphrase');
  await snap(page, info, 'onboarding-2-passphrase');
  await create.click();

  await expect(page.getByTestId('onboarding')).toHaveAttribute('data-step', 'indicator', { timeout: 30_000 });
  const keyMs = Date.now() - started;
  info.annotations.push({ type: 'first key (ms)', description: String(keyMs) });
  console.log(`first key made ${keyMs} ms after the wizard opened (scripted user)`);
  await page.getByTestId('indicator-phrase').fill('blue heron at noon');
  await page.getByRole('radio', { name: 'Teal' }).check();
  await expectAccessible(page, 'onboarding: security phrase');
  await snap(page, info, 'onboarding-3-phrase');
  await page.getByTestId('indicator-save').click();

  await expect(page.getByTestId('onb-finish')).toBeVisible();
  await expect(page.getByTestId('security-phrase')).toHaveText('blue heron at noon');
  // The files as the browser saved them on disk (in Firefox too: firefox-bidi-shim.ts names its download events).
  const revocation = page.waitForEvent('download');
  await page.getByTestId('onb-revocation').click();
  const rev = await revocation;
  expect(rev.suggestedFilename()).toBe('dana@clinic.example-revocation.asc');
  const revText = fs.readFileSync(await rev.path(), 'utf8');
  expect(revText).toContain('BEGIN PGP PUBLIC KEY BLOCK');

  // The protected copy asks for the passphrase; a wrong one is refused inside the dialog.
  await page.getByTestId('onb-backup').click();
  await expect(page.getByTestId('passphrase-dialog')).toBeVisible();
  await expectAccessible(page, 'onboarding: save copy dialog');
  await page.getByTestId('dialog-passphrase').fill('not my passphrase');
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('dialog-error')).toContainText('not correct');
  await page.getByTestId('dialog-passphrase').fill('harbor violet tundra quill 42');
  const copying = page.waitForEvent('download');
  await page.getByTestId('dialog-confirm').click();
  const copy = await copying;
  expect(copy.suggestedFilename()).toBe('dana@clinic.example-private.asc');
  const privateKey = await openpgp.readPrivateKey({ armoredKey: fs.readFileSync(await copy.path(), 'utf8') });
  expect(privateKey.getUserIDs()).toEqual(['Dana Field <dana@clinic.example>']);
  expect(privateKey.isDecrypted()).toBe(false);
  await openpgp.decryptKey({ privateKey, passphrase: 'harbor violet tundra quill 42' });
  // The revocation certificate saved first withdraws this very key.
  const { publicKey: revoked } = await openpgp.revokeKey({ key: privateKey.toPublic(), revocationCertificate: revText, format: 'object' });
  expect(await revoked.isRevoked()).toBe(true);
  // Not in Firefox: ESR's WebExtensions process (the options page's) segfaults now and then when
  // axe is injected into the page right after the passphrase checks of the key export (issue #19: not the
  // downloads; neither axe nor the export alone does it). Chromium scans this same markup.
  if (!isFirefox()) await expectAccessible(page, 'onboarding: finish');
  await snap(page, info, 'onboarding-4-done');

  await page.getByTestId('onb-finish-button').click();
  await expect(page.getByTestId('keyring-page')).toBeVisible();
  await expect(page.getByTestId('key-row')).toHaveCount(1);
  await expect(page.getByTestId('key-row')).toContainText('dana@clinic.example');
  await expect(page.getByTestId('key-status')).toHaveAttribute('data-status', 'own');
  // Reloading does not start the wizard again: there is an own key now.
  await reloadExtensionPage(page);
  await expect(page.getByTestId('keyring-page')).toBeVisible();
});

test('onboarding import: a public key alone is not enough; damaged and wrong input get clear messages', async ({ context, extensionOrigin }, info) => {
  const page = await openExtensionPage(context, extensionOrigin, 'options.html');
  await page.getByTestId('onb-import').click();
  await expect(page.getByTestId('onboarding')).toHaveAttribute('data-step', 'import');
  await expectAccessible(page, 'onboarding: import');

  await page.getByTestId('import-paste').fill('Hello, this is just a note.');
  await page.getByTestId('import-paste-submit').click();
  await expect(page.getByTestId('import-error')).toHaveText('This is not a key or certificate that Lockpane can read.');

  await page.getByTestId('import-file').setInputFiles({
    name: 'broken.asc', mimeType: 'text/plain',
    buffer: Buffer.from('-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmDMEZ0x1ARYJKwYBBAHaRw8BAQdA\n-----END PGP PUBLIC KEY BLOCK-----\n'),
  });
  await expect(page.getByTestId('import-error')).toHaveText('This file looks like a key, but it is damaged or incomplete.');
  await snap(page, info, 'onboarding-import-error');

  // Keys made elsewhere (here through the worker protocol, then removed again): their files are what a user brings.
  const send = (name: string, body: unknown) => page.evaluate(([n, b]) => chrome.runtime.sendMessage({ lockpane: 1, name: n, body: b }), [name, body] as const) as Promise<{ value: never }>;
  const made = async (email: string) => {
    const { key } = (await send('keys.generate', { name: 'Helper', email, passphrase: 'helper passphrase one' })).value as { key: { fingerprint: string } };
    const pub = ((await send('keys.exportPublic', { fingerprint: key.fingerprint })).value as { armored: string }).armored;
    const priv = ((await send('keys.exportPrivate', { fingerprint: key.fingerprint, passphrase: 'helper passphrase one' })).value as { armored: string }).armored;
    await send('keys.delete', { kind: 'openpgp', fingerprint: key.fingerprint });
    return { pub, priv };
  };
  const contact = await made('contact@example.test');
  const mine = await made('helper@example.test');

  await page.getByTestId('import-paste').fill(contact.pub);
  await page.getByTestId('import-paste-submit').click();
  await expect(page.getByTestId('import-item')).toContainText('contact@example.test');
  await expect(page.getByTestId('import-item')).toContainText('Public key of a contact');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('onb-only-public')).toBeVisible();

  // Now a private key from a file: it is added and the wizard moves on to the security phrase.
  await page.getByTestId('import-file').setInputFiles({ name: 'helper-private.asc', mimeType: 'text/plain', buffer: Buffer.from(mine.priv) });
  await expect(page.getByTestId('import-item')).toContainText('Your own key');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('onboarding')).toHaveAttribute('data-step', 'indicator');
  await page.getByTestId('indicator-save').click();
  await expect(page.getByTestId('onb-finish')).toBeVisible();
  await expect(page.getByTestId('onb-revocation')).toHaveCount(0);
});
