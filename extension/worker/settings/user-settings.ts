/**
 * The user's own setting values in storage.local (only what they changed; defaults are not stored).
 * Re-checked on every read, so a value written by an older version that no longer fits is dropped.
 */
import { checkSetting, isUserSettingKey, type UserSettingKey, type UserSettings } from '../../shared/settings';
import type { KeyValueArea } from '../kv';

export const userSettingsKey = 'settings.user';

export function createUserSettings(area: KeyValueArea) {
  async function read(): Promise<Partial<UserSettings>> {
    const raw = await area.get(userSettingsKey);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    const out: Partial<Record<UserSettingKey, unknown>> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (!isUserSettingKey(k)) continue;
      const r = checkSetting(k, v);
      if (r.value !== undefined && r.problems.length === 0) out[k] = r.value;
    }
    return out as Partial<UserSettings>;
  }

  return {
    read,
    /** Writes the given values and removes the reset keys, in one storage write. */
    async update(values: Partial<UserSettings>, reset: readonly UserSettingKey[] = []): Promise<Partial<UserSettings>> {
      const next: Partial<Record<UserSettingKey, unknown>> = { ...(await read()), ...values };
      for (const k of reset) delete next[k];
      await area.set(userSettingsKey, next);
      return next as Partial<UserSettings>;
    },
  };
}
