/**
 * Encrypted backup and restore of the whole keyring (keyring/backup) for the options page, with the
 * personal security indicator and the user's own settings. Restore first reads and checks the whole
 * file (preview), then replaces the keyring in one atomic write; a wrong password changes nothing.
 */
import { createBackup, readBackup, restoreBackup } from '../../../keyring/backup/backup';
import type { BackupContents } from '../../../keyring/backup/backup-format';
import { isUserSettingKey, settingsPatchSchema, type UserSettings } from '../../shared/settings';
import type { SecurityIndicator } from '../../shared/catalogue';
import type { HandlerMap } from '../router';
import type { Services } from '../services';

/** What a backup carries besides the keyring: only values the user chose, never policy values. */
type BackupSettings = { indicator: SecurityIndicator; user: Partial<UserSettings> };

function isBackupSettings(v: unknown): v is BackupSettings {
  const b = v as BackupSettings | null;
  return typeof b === 'object' && b !== null && typeof b.indicator?.phrase === 'string' && typeof b.indicator.color === 'string'
    && typeof b.user === 'object' && b.user !== null;
}

const summaryOf = (c: BackupContents) => ({
  createdAt: c.createdAt,
  keys: c.keyring.entries.length,
  ownKeys: c.keyring.entries.filter((e) => (e as { privateArmored?: unknown; privateKey?: unknown }).privateArmored !== undefined
    || (e as { privateKey?: unknown }).privateKey !== undefined).length,
  roots: c.keyring.roots.length,
  hasSettings: isBackupSettings(c.settings),
});

export function backupHandlers(s: Services): Pick<HandlerMap, 'backup.create' | 'backup.preview' | 'backup.restore'> {
  return {
    'backup.create': async (req) => {
      const store = await s.keyring.store();
      // Private keys stay protected inside, but a backup is still a way to take them out.
      if (store.list().some((e) => (e.kind === 'openpgp' ? e.privateArmored : e.privateKey) !== undefined)) {
        await s.settings.assertAllowed('allowPrivateKeyExport');
      }
      const view = await s.settings.view();
      const user = Object.fromEntries(Object.entries(view.values).filter(([k]) => isUserSettingKey(k) && view.sources[k as keyof typeof view.sources] === 'user'));
      const settings: BackupSettings = { indicator: await s.indicator.get(), user: user as Partial<UserSettings> };
      const armored = await createBackup(store, req.password, settings);
      return { armored, summary: summaryOf(await readBackup(armored, req.password)) };
    },
    'backup.preview': async (req) => ({ summary: summaryOf(await readBackup(req.text, req.password)) }),
    'backup.restore': async (req) => {
      const store = await s.keyring.store();
      const contents = await readBackup(req.text, req.password);
      const { settings } = await restoreBackup(store, req.text, req.password);
      if (isBackupSettings(settings)) {
        await s.indicator.set(settings.indicator);
        const { locked } = await s.settings.view();
        const values = Object.fromEntries(Object.entries(settings.user).filter(([k]) => isUserSettingKey(k) && !locked.includes(k as never)));
        try {
          await s.settings.set(settingsPatchSchema.parse({ values }, 'backup.settings'));
        } catch {
          // Settings a newer or older version wrote that no longer check out are skipped; the keyring is what matters.
        }
      }
      return { summary: summaryOf(contents) };
    },
  };
}
