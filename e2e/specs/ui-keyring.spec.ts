/**
 * The keyring as a user works with it: import a contact's key (paste, file, drag-and-drop) after a
 * preview, compare the fingerprint and mark it verified, reject and undo, save the public key, delete
 * with confirmation; own key: protected export, change passphrase, revoke. Every bad input has its
 * own message, and every page and dialog passes axe (no serious or critical violations).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as openpgp from 'openpgp';
import { expect, test } from '../support/fixtures';
import { snap, expectAccessible } from '../support/ui';

const own = { name: 'Mira Nurse', email: 'mira@clinic.example', passphrase: 'mira ward seven lantern' };



async function contactKey(email: string, opts: { expired?: boolean; secretUnprotected?: boolean } = {}) {
  const date = opts.expired ? new Date(Date.now() - 3 * 86_400_000) : undefined;
  const k = await openpgp.generateKey({
    type: 'curve25519', userIDs: [{ name: 'Contact', email }], format: 'armored',
    ...(date ? { date, keyExpirationTime: 86_400 } : {}),
  });
  const fingerprint = (await openpgp.readKey({ armoredKey: k.publicKey })).getFingerprint().toUpperCase();
  return { publicKey: k.publicKey, privateKey: k.privateKey, fingerprint };
}

test.describe.configure({ mode: 'serial' });

test('contact keys: import with preview, verify, reject and undo, export, delete; bad inputs', async ({ context, extensionId, send }, info) => {
  expect((await send('keys.generate', { name: own.name, email: own.email, passphrase: own.passphrase })).ok).toBe(true);
  const lab = await contactKey('lab@lab.example');
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#import`);
  await expect(page.getByTestId('import-page')).toBeVisible();
  await expect(page.getByTestId('nav-import')).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page, 'import page');

  // Bad inputs, each with its own sentence.
  await page.getByTestId('import-paste').fill('Dear colleague, please find the results attached.');
  await page.getByTestId('import-paste-submit').click();
  await expect(page.getByTestId('import-error')).toHaveText('This is not a key or certificate that Lockpane can read.');
  const damaged = lab.publicKey.replace(/\n[A-Za-z0-9+/]{20,}\n/, '\n');
  await page.getByTestId('import-file').setInputFiles({ name: 'lab.asc', mimeType: 'text/plain', buffer: Buffer.from(damaged) });
  await expect(page.getByTestId('import-error')).toHaveText('This file looks like a key, but it is damaged or incomplete.');
  await page.getByTestId('import-file').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]) });
  await expect(page.getByTestId('import-error')).toHaveText('This file looks like a key, but it is damaged or incomplete.');
  await page.getByTestId('import-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just some notes') });
  await expect(page.getByTestId('import-error')).toHaveText('This is not a key or certificate that Lockpane can read.');
  await snap(page, info, 'import-error');

  // An expired key is shown as such in the preview (nothing is written before "Add").
  const old = await contactKey('old@lab.example', { expired: true });
  await page.getByTestId('import-paste').fill(old.publicKey);
  await page.getByTestId('import-paste-submit').click();
  await expect(page.getByTestId('import-expired')).toBeVisible();
  expect(((await send('keys.list', {})) as { value: { keys: unknown[] } }).value.keys).toHaveLength(1);

  // A secret key without a passphrase: the user chooses one to protect it, then imports.
  const bare = await contactKey('bare@lab.example');
  await page.getByTestId('import-paste').fill(bare.privateKey);
  await page.getByTestId('import-paste-submit').click();
  await expect(page.getByTestId('import-error')).toContainText('has no passphrase');
  await page.getByTestId('import-protect').fill('bare key protect 2024');
  await page.getByTestId('import-protect').press('Enter');
  await expect(page.getByTestId('import-item')).toContainText('Your own key');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();

  // Drag-and-drop of a file onto the drop zone, then the preview and the commit.
  await page.getByTestId('import-dropzone').evaluate((zone, text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'lab.asc', { type: 'text/plain' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, lab.publicKey);
  await expect(page.getByTestId('import-item')).toContainText('lab@lab.example');
  await expect(page.getByTestId('import-item')).toContainText('Public key of a contact');
  await expectAccessible(page, 'import preview');
  await snap(page, info, 'import-preview');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText('Added: 1');

  // A different key for the same address: the preview says what it would replace.
  const lab2 = await contactKey('lab@lab.example');
  await page.getByTestId('import-paste').fill(lab2.publicKey);
  await page.getByTestId('import-paste-submit').click();
  await expect(page.getByTestId('import-replaces')).toContainText('lab@lab.example');

  // Keyring: search, details, fingerprint in blocks of four.
  await page.getByTestId('nav-keys').click();
  await expect(page.getByTestId('keyring-page')).toBeVisible();
  await expect(page.getByTestId('key-row')).toHaveCount(3);
  await page.getByTestId('keys-search').fill('lab@');
  await expect(page.getByTestId('key-row')).toHaveCount(1);
  await page.getByTestId('key-row').click();
  await expect(page.getByTestId('key-status').first()).toHaveAttribute('data-status', 'unverified');
  const blocks = lab.fingerprint.match(/.{4}/g)!;
  await expect(page.getByTestId('details-fingerprint')).toHaveText(blocks.join(''));
  await expect(page.getByTestId('details-fingerprint').locator('.lp-fp-block')).toHaveCount(blocks.length);
  await expectAccessible(page, 'keyring details');
  await snap(page, info, 'keyring-details');

  await page.getByTestId('action-verify').click();
  await expect(page.getByTestId('verify-dialog')).toBeVisible();
  await expect(page.getByTestId('verify-fingerprint')).toHaveText(blocks.join(''));
  await expectAccessible(page, 'verify dialog');
  await snap(page, info, 'verify-dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('verify-dialog')).toHaveCount(0);
  await expect(page.getByTestId('action-verify')).toBeFocused();
  await page.getByTestId('action-verify').press('Enter');
  await page.getByTestId('verify-confirm').click();
  await expect(page.getByTestId('keys-note')).toHaveText('Marked as verified.');
  await expect(page.getByTestId('details-trust')).toHaveText('Fingerprint compared and confirmed');

  await page.getByTestId('action-reject').click();
  await expect(page.getByTestId('key-status').first()).toHaveAttribute('data-status', 'rejected');
  await page.getByTestId('action-reconsider').click();
  await expect(page.getByTestId('key-status').first()).toHaveAttribute('data-status', 'unverified');

  const dl = page.waitForEvent('download');
  await page.getByTestId('action-export-public').click();
  const download = await dl;
  expect(download.suggestedFilename()).toBe('lab@lab.example-public.asc');
  const exported = await openpgp.readKey({ armoredKey: fs.readFileSync(await download.path(), 'utf8') });
  expect(exported.getFingerprint().toUpperCase()).toBe(lab.fingerprint);

  await page.getByTestId('action-delete').click();
  await expect(page.getByTestId('delete-dialog')).toBeVisible();
  await expect(page.getByTestId('delete-cancel')).toBeFocused();
  await expectAccessible(page, 'delete dialog');
  await page.getByTestId('delete-cancel').click();
  await expect(page.getByTestId('key-row')).toHaveCount(1);
  await page.getByTestId('action-delete').click();
  await page.getByTestId('delete-confirm').click();
  await expect(page.getByTestId('keys-note')).toHaveText('Deleted.');
  await expect(page.getByTestId('keys-empty')).toBeVisible();
});

test('own key: protected export, change passphrase (wrong one refused), revoke', async ({ context, extensionId, send }, info) => {
  const made = await send('keys.generate', { name: own.name, email: own.email, passphrase: own.passphrase });
  const fingerprint = (made as { value: { key: { fingerprint: string } } }).value.key.fingerprint;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#keys`);
  await page.getByTestId('key-row').click();
  await expect(page.getByTestId('key-status').first()).toHaveAttribute('data-status', 'own');
  await expect(page.getByTestId('action-verify')).toHaveCount(0);

  await page.getByTestId('action-export-private').click();
  await page.getByTestId('dialog-passphrase').fill('wrong wrong wrong');
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('dialog-error')).toHaveText('The passphrase is not correct. Please try again.');
  await expectAccessible(page, 'export private dialog with error');
  await page.getByTestId('dialog-passphrase').fill(own.passphrase);
  const dl = page.waitForEvent('download');
  await page.getByTestId('dialog-confirm').click();
  const file = fs.readFileSync(await (await dl).path(), 'utf8');
  const secret = await openpgp.readPrivateKey({ armoredKey: file });
  expect(secret.isDecrypted()).toBe(false);
  await openpgp.decryptKey({ privateKey: secret, passphrase: own.passphrase });

  const next = 'lantern harbour quiet morning 9';
  await page.getByTestId('action-change-passphrase').click();
  await page.getByTestId('current-passphrase').fill('not the passphrase');
  await page.getByTestId('new-passphrase').fill(next);
  await page.getByTestId('repeat-passphrase').fill(next);
  await expectAccessible(page, 'change passphrase dialog');
  await snap(page, info, 'change-passphrase');
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('dialog-error')).toHaveText('The passphrase is not correct. Please try again.');
  await page.getByTestId('current-passphrase').fill(own.passphrase);
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('keys-note')).toHaveText('Passphrase changed.');
  expect(((await send('keys.unlock', { fingerprint, passphrase: own.passphrase })) as { ok: boolean }).ok).toBe(false);
  expect(((await send('keys.unlock', { fingerprint, passphrase: next })) as { ok: boolean }).ok).toBe(true);

  // Validity: two years from today, then the facts show the new date.
  await page.getByTestId('action-expiry').click();
  await page.getByTestId('expiry-select').selectOption('730');
  await page.getByTestId('dialog-passphrase').fill(next);
  await expectAccessible(page, 'expiry dialog');
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('keys-note')).toHaveText('Validity changed.');
  const listed = (await send('keys.list', {})) as { value: { keys: { expires: string | null }[] } };
  const years = (Date.parse(listed.value.keys[0]!.expires!) - Date.now()) / (365 * 86_400_000);
  expect(years).toBeGreaterThan(1.99);
  expect(years).toBeLessThan(2.01);

  await page.getByTestId('action-revoke').click();
  await page.getByTestId('dialog-passphrase').fill(next);
  const revokedDl = page.waitForEvent('download');
  await page.getByTestId('dialog-confirm').click();
  const revoked = await openpgp.readKey({ armoredKey: fs.readFileSync(await (await revokedDl).path(), 'utf8') });
  expect(await revoked.isRevoked()).toBe(true);
  await expect(page.getByTestId('keys-note')).toHaveText('Key revoked. The revoked public key was saved.');
  await expect(page.getByTestId('key-status').first()).toHaveAttribute('data-status', 'revoked');
  await expect(page.getByTestId('action-revoke')).toHaveCount(0);
  await snap(page, info, 'own-key-revoked');
});

test('S/MIME: an OpenSSL PKCS#12 file asks for its password (wrong one refused) and a protecting passphrase', async ({ context, extensionId, send }, info) => {
  await send('keys.generate', { name: own.name, email: own.email, passphrase: own.passphrase });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-ui-p12-'));
  let p12: Buffer;
  try {
    const f = (n: string) => path.join(dir, n);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('k.pem'), '-out', f('c.pem'),
      '-days', '30', '-subj', '/CN=Mira Nurse/emailAddress=mira@clinic.example', '-addext', 'subjectAltName=email:mira@clinic.example',
      '-addext', 'extendedKeyUsage=emailProtection'], { stdio: 'ignore' });
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', f('k.pem'), '-in', f('c.pem'), '-out', f('id.p12'), '-passout', 'pass:file secret 1'], { stdio: 'ignore' });
    p12 = fs.readFileSync(f('id.p12'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#import`);
  await page.getByTestId('import-file').setInputFiles({ name: 'mira.p12', mimeType: 'application/x-pkcs12', buffer: p12 });
  await expect(page.getByTestId('import-error')).toContainText('password of the file');
  await page.getByTestId('import-password').fill('not the file password');
  await page.getByTestId('import-protect').fill('mira lockpane smime 7');
  await page.getByTestId('import-secrets-submit').click();
  await expect(page.getByTestId('import-error')).toHaveText('The password of this file is not correct.');
  await expectAccessible(page, 'PKCS#12 password');
  await snap(page, info, 'import-pkcs12');
  await page.getByTestId('import-password').fill('file secret 1');
  await page.getByTestId('import-secrets-submit').click();
  await expect(page.getByTestId('import-item')).toContainText('Your own certificate (with private key)');
  await expect(page.getByTestId('import-item')).toContainText('mira@clinic.example');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText('Added: 1');

  await page.getByTestId('nav-keys').click();
  await page.getByTestId('keys-search').fill('mira');
  await expect(page.getByTestId('key-row')).toHaveCount(2);
  await page.getByTestId('key-row').filter({ hasText: 'S/MIME certificate' }).click();
  await expect(page.getByTestId('key-facts')).toContainText('Mira Nurse');
  await expect(page.getByTestId('key-status').first()).toHaveAttribute('data-status', 'own');
});
