/**
 * Effective settings: for each key, the policy value when the key is locked, else the user's value,
 * else a policy value as the organisation's default, else the built-in default. Pure and unit-tested.
 */
import type { SettingSource } from '../../shared/policy-status';
import {
  defaultSettings, policyOnlyKeys, userSettingKeys, visibleKeys, type AllSettings, type ManagedPolicy, type UserSettingKey, type UserSettings, type VisibleKey,
} from '../../shared/settings';

export type Effective = { values: AllSettings; locked: VisibleKey[]; sources: Record<VisibleKey, SettingSource> };

/** lockedSettings absent: every user setting the policy sets is locked; present: exactly those listed. */
export function lockedUserKeys(policy: ManagedPolicy): UserSettingKey[] {
  if (policy.lockedSettings !== undefined) return userSettingKeys.filter((k) => policy.lockedSettings!.includes(k));
  return userSettingKeys.filter((k) => policy[k] !== undefined);
}

export function effectiveSettings(user: Partial<UserSettings>, policy: ManagedPolicy): Effective {
  const values = defaultSettings();
  const set = <K extends keyof AllSettings>(k: K, v: AllSettings[K] | undefined) => {
    if (v !== undefined) values[k] = structuredClone(v);
  };
  const sources = {} as Record<VisibleKey, SettingSource>;
  const lockedUser = lockedUserKeys(policy);
  const locked: VisibleKey[] = [];
  for (const k of visibleKeys) {
    const fromPolicy = policy[k];
    const fromUser = (user as Partial<AllSettings>)[k];
    const isLocked = (lockedUser as VisibleKey[]).includes(k) || (!userSettingKeys.includes(k as UserSettingKey) && fromPolicy !== undefined);
    if (isLocked) locked.push(k);
    const pick = isLocked ? fromPolicy : fromUser ?? fromPolicy;
    set(k, pick);
    sources[k] = pick === undefined ? 'default' : pick === fromUser ? 'user' : 'policy';
  }
  for (const k of policyOnlyKeys) set(k, policy[k]);
  // The organisation's ceiling wins over any choice below it.
  values.passphraseCacheMinutes = Math.min(values.passphraseCacheMinutes, values.passphraseCacheMaxMinutes);
  return { values, locked, sources };
}
