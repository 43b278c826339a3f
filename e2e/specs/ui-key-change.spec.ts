/**
 * A key change is never silent (SECURITY A3.4): a second key for an address whose key the user verified
 * is held, shown with both fingerprints, and not used until the user keeps the old key or switches to
 * the new one after comparing fingerprints.
 */
import * as openpgp from 'openpgp';
import { expect, test } from '../support/fixtures';
import { expectAccessible, snap } from '../support/ui';

async function contactKey(email: string) {
  const k = await openpgp.generateKey({ type: 'curve25519', userIDs: [{ name: 'Dr Bea', email }], format: 'armored' });
  return { publicKey: k.publicKey, fingerprint: (await openpgp.readKey({ armoredKey: k.publicKey })).getFingerprint().toUpperCase() };
}

type Row = { fingerprint: string; acceptance: string };

test('a changed key is held until the user keeps the old one or switches after checking it', async ({ context, extensionId, send }, info) => {
  const email = 'bea@lab.example';
  const [first, second, third] = await Promise.all([contactKey(email), contactKey(email), contactKey(email)]);
  expect((await send('keys.import', { text: first.publicKey })).ok).toBe(true);
  expect((await send('keys.setAcceptance', { fingerprint: first.fingerprint, event: 'verify' })).ok).toBe(true);
  const acceptance = async () => {
    const r = await send('keys.list', {});
    if (!r.ok) throw new Error(r.error.message);
    return Object.fromEntries((r.value as { keys: Row[] }).keys.map((k) => [k.fingerprint, k.acceptance]));
  };

  // A different key for the same address arrives through the import page.
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#import`);
  await page.getByTestId('import-paste').fill(second.publicKey);
  await page.getByTestId('import-paste-submit').click();
  await expect(page.getByTestId('import-replaces')).toContainText(email);
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText(email);

  await page.goto(`chrome-extension://${extensionId}/options.html#keys`);
  const change = page.getByTestId('key-change');
  await expect(change).toHaveCount(1);
  await expect(change.getByTestId('key-change-known')).toHaveAttribute('aria-label', new RegExp(first.fingerprint.slice(0, 4)));
  await expect(change.getByTestId('key-change-new')).toHaveText(second.fingerprint);
  await expectAccessible(page, 'key change');
  await snap(page, info, 'keyring-key-change');
  expect((await acceptance())[second.fingerprint]).toBe('undecided');

  // Keep the old key: the newcomer is rejected, the known key stays verified.
  await change.getByTestId('key-change-keep').click();
  await expect(page.getByTestId('keys-note')).toContainText(email);
  await expect(page.getByTestId('key-change')).toHaveCount(0);
  expect(await acceptance()).toMatchObject({ [first.fingerprint]: 'verified', [second.fingerprint]: 'rejected' });

  // A third key arrives; this time the user compares fingerprints and switches (keyboard only).
  expect((await send('keys.import', { text: third.publicKey })).ok).toBe(true);
  await page.reload();
  await expect(page.getByTestId('key-change')).toHaveCount(1);
  await page.getByTestId('key-change-switch').focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('key-change-switch-dialog');
  await expect(dialog.getByTestId('key-change-switch-fingerprint')).toHaveText(third.fingerprint);
  await expectAccessible(page, 'key change dialog');
  await dialog.getByTestId('key-change-switch-confirm').click();
  await expect(page.getByTestId('key-change')).toHaveCount(0);
  expect(await acceptance()).toMatchObject({ [first.fingerprint]: 'rejected', [second.fingerprint]: 'rejected', [third.fingerprint]: 'verified' });
});
