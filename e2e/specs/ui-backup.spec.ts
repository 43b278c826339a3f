/**
 * Backup and restore through the settings page, across two browser profiles: the backup file made in
 * one restores the keys and the security phrase in the other; a wrong password or a file that is not a
 * backup changes nothing.
 */
import fs from 'node:fs';
import { expect, launchWithExtension, test, extensionWorker } from '../support/fixtures';
import { expectAccessible } from '../support/ui';


test('a backup saved in one profile restores keys and the security phrase in another', async ({ context, extensionId, send }) => {
  const made = await send('keys.generate', { name: 'Bea Backup', email: 'bea@clinic.example', passphrase: 'bea key passphrase' });
  const fingerprint = (made as { value: { key: { fingerprint: string } } }).value.key.fingerprint;
  await send('settings.setIndicator', { phrase: 'lantern by the gate', color: '#4a148c' });
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#settings`);
  const create = page.getByTestId('backup-create');
  await create.getByTestId('new-passphrase').fill('backup1');
  await create.getByTestId('repeat-passphrase').fill('backup1');
  await expect(page.getByTestId('backup-save')).toBeDisabled();
  await create.getByTestId('new-passphrase').fill('granite orchard velvet compass');
  await create.getByTestId('repeat-passphrase').fill('granite orchard velvet compass');
  await expectAccessible(page, 'settings: backup');
  const dl = page.waitForEvent('download');
  await page.getByTestId('backup-save').click();
  const file = await (await dl).path();
  await expect(page.getByTestId('backup-status')).toHaveText('Backup saved (1 keys).');
  const backup = fs.readFileSync(file);

  const other = await launchWithExtension();
  try {
    const id = new URL((await extensionWorker(other)).url()).host;
    const p2 = await other.newPage();
    await p2.goto(`chrome-extension://${id}/options.html#settings`);
    await expect(p2.getByTestId('backup-restore')).toBeVisible();
    await p2.getByTestId('backup-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a backup at all') });
    await p2.getByTestId('backup-password').fill('granite orchard velvet compass');
    await p2.getByTestId('backup-check').click();
    await expect(p2.getByTestId('backup-restore-status')).toHaveText('This is not a Lockpane backup, or it is damaged. Nothing was changed.');

    await p2.getByTestId('backup-file').setInputFiles({ name: 'lockpane-backup.asc', mimeType: 'text/plain', buffer: backup });
    await p2.getByTestId('backup-password').fill('granite orchard velvet');
    await p2.getByTestId('backup-check').click();
    await expect(p2.getByTestId('backup-restore-status')).toHaveText('The password of this backup is not correct. Nothing was changed.');

    await p2.getByTestId('backup-password').fill('granite orchard velvet compass');
    await p2.getByTestId('backup-check').click();
    await expect(p2.getByTestId('backup-preview')).toContainText('with 1 keys (1 of them your own)');
    await expectAccessible(p2, 'settings: restore preview');
    await p2.getByTestId('backup-restore-confirm').click();
    await expect(p2.getByTestId('backup-restore-status')).toHaveText('Restored: 1 keys.');
    await expect(p2.getByTestId('security-phrase').first()).toHaveText('lantern by the gate');
    await p2.getByTestId('nav-keys').click();
    await expect(p2.getByTestId('key-row')).toHaveAttribute('data-fingerprint', fingerprint);
    await expect(p2.getByTestId('key-status')).toHaveAttribute('data-status', 'own');
  } finally {
    await other.close();
  }
});
