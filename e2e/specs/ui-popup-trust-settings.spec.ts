/**
 * The toolbar popup (site on/off for the active tab, lock state and "Lock now"), the S/MIME trust store
 * (add, refuse what is not a certificate, remove), and the settings page (saved, bad list entries
 * pointed at, security phrase and colour). Keyboard paths and axe checks on each.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '../support/fixtures';
import { snap, expectAccessible } from '../support/ui';




/** A self-signed CA certificate made by OpenSSL (not by us), as PEM. */
function opensslRoot(cn: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-ui-ca-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path.join(dir, 'k.pem'),
      '-out', path.join(dir, 'c.pem'), '-days', '30', '-subj', `/CN=${cn}`, '-addext', 'basicConstraints=critical,CA:TRUE'], { stdio: 'ignore' });
    return fs.readFileSync(path.join(dir, 'c.pem'), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('popup: turns Lockpane on for the active site, shows the lock state and locks now', async ({ context, extensionId, server, send }, info) => {
  const site = await context.newPage();
  await site.goto(server.url('/demo/'));
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  // Opened as a tab, the popup itself is the active tab: no web page to act on.
  await expect(popup.getByTestId('popup-site')).toHaveText('Lockpane works on web mail pages (http and https).');
  await expect(popup.getByTestId('popup-lock')).toContainText('You have no key yet.');
  await expectAccessible(popup, 'popup without a site');

  // With the web mail in front, the popup acts on it (as when the toolbar button is clicked there).
  await site.bringToFront();
  await popup.reload();
  await expect(popup.getByTestId('popup-site')).toHaveText(`Lockpane is off for ${server.origin}.`);
  await popup.getByTestId('popup-toggle').focus();
  await popup.keyboard.press('Enter');
  await expect(popup.getByTestId('popup-site')).toHaveText(`Lockpane is on for ${server.origin}.`);
  await expect(popup.getByTestId('popup-message')).toHaveText('Reload the page to start Lockpane on it.');
  const sites = await send('sites.list', {});
  expect(sites.ok && (sites.value as { origins: string[] }).origins).toEqual([server.origin]);

  const made = await send('keys.generate', { name: 'Pia Popup', email: 'pia@clinic.example', passphrase: 'pia popup passphrase' });
  const fingerprint = (made as { value: { key: { fingerprint: string } } }).value.key.fingerprint;
  expect((await send('keys.unlock', { fingerprint, passphrase: 'pia popup passphrase' })).ok).toBe(true);
  await popup.reload();
  await expect(popup.getByTestId('popup-lock')).toHaveAttribute('data-state', 'unlocked');
  await expectAccessible(popup, 'popup with a site and an unlocked key');
  await popup.setViewportSize({ width: 360, height: 420 });
  await snap(popup, info, 'popup');
  await popup.getByTestId('popup-lock-now').click();
  await expect(popup.getByTestId('popup-lock')).toHaveAttribute('data-state', 'locked');
  const keys = await send('keys.list', {});
  expect((keys as { value: { keys: { unlocked: boolean }[] } }).value.keys.every((k) => !k.unlocked)).toBe(true);

  await expect(popup.getByTestId('popup-keys')).toHaveAttribute('href', 'options.html#keys');
  await popup.getByTestId('popup-toggle').click();
  await expect(popup.getByTestId('popup-site')).toHaveText(`Lockpane is off for ${server.origin}.`);
});

test('trust store: add a root (paste and file), refuse a non-certificate, remove', async ({ context, extensionId, send }, info) => {
  await send('keys.generate', { name: 'Tom Trust', email: 'tom@clinic.example', passphrase: 'tom trust passphrase' });
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByTestId('keyring-page')).toBeVisible();
  // Keyboard path: the section links are reachable and followed with Enter.
  await page.getByTestId('nav-trust').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('trust-page')).toBeVisible();
  await expect(page.getByTestId('trust-empty')).toBeVisible();
  await expectAccessible(page, 'trust store (empty)');

  await page.getByTestId('import-paste').fill('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  await page.getByTestId('import-paste-submit').click();
  await expect(page.getByTestId('trust-status')).toHaveText('This file looks like a certificate, but it is damaged or incomplete.');

  await page.getByTestId('import-paste').fill(opensslRoot('Clinic Root CA'));
  await page.getByTestId('import-paste-submit').click();
  await expect(page.getByTestId('trust-status')).toContainText('Clinic Root CA');
  await page.getByTestId('import-file').setInputFiles({ name: 'lab-root.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(opensslRoot('Lab Root CA')) });
  await expect(page.getByTestId('trust-root')).toHaveCount(2);
  await expectAccessible(page, 'trust store (two roots)');
  await snap(page, info, 'trust-store');

  await page.getByRole('button', { name: /Remove .*Clinic Root CA/ }).click();
  await expect(page.getByTestId('trust-root')).toHaveCount(1);
  await expect(page.getByTestId('trust-root')).toContainText('Lab Root CA');
  const roots = await send('trust.roots', {});
  expect((roots as { value: { roots: { subject: string }[] } }).value.roots.map((r) => r.subject.includes('Lab Root CA'))).toEqual([true]);
});

test('settings: preferences saved, bad entries pointed at, security phrase and colour changed everywhere', async ({ context, extensionId, send }, info) => {
  await send('keys.generate', { name: 'Sam Settings', email: 'sam@clinic.example', passphrase: 'sam settings passphrase' });
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#settings`);
  await expect(page.getByTestId('settings-form')).toBeVisible();
  await expectAccessible(page, 'settings');

  await page.getByTestId('set-cache').fill('5');
  await page.getByTestId('set-remote-never').check();
  await page.getByTestId('set-require').fill('lab.example\nthis is not a domain');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveText('Some entries are not valid. Check the marked fields.');
  await expect(page.getByTestId('set-require')).toHaveAttribute('aria-invalid', 'true');
  const before = await send('settings.get', {});
  expect((before as { value: { values: { passphraseCacheMinutes: number } } }).value.values.passphraseCacheMinutes).toBe(15);

  await page.getByTestId('set-require').fill('lab.example\n*.insurer.example');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveText('Settings saved.');
  const after = (await send('settings.get', {})) as { value: { values: { passphraseCacheMinutes: number; remoteContent: string; requireEncryptionFor: string[] } } };
  expect(after.value.values).toMatchObject({ passphraseCacheMinutes: 5, remoteContent: 'never', requireEncryptionFor: ['lab.example', '*.insurer.example'] });
  await page.reload();
  await expect(page.getByTestId('set-cache')).toHaveValue('5');

  await page.getByTestId('indicator-phrase').fill('owl over the river');
  await page.getByRole('radio', { name: 'Orange' }).check();
  await page.getByTestId('indicator-save').click();
  await expect(page.getByTestId('security-phrase')).toHaveText('owl over the river');
  const indicator = await send('settings.indicator', {});
  expect(indicator.ok && indicator.value).toEqual({ phrase: 'owl over the river', color: '#e65100' });
  await expectAccessible(page, 'settings after save');
  await snap(page, info, 'settings');
});
