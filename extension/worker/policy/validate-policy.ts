/**
 * Validates what `storage.managed` returned. Chrome has already checked types against managed_schema,
 * Firefox checks nothing, and both pass through anything our own checks refuse (bad origins, PEM that
 * is not a certificate, private keys). Every invalid entry is dropped with a warning for the options
 * page; everything valid still applies.
 */
import type { PolicyWarning } from '../../shared/policy-status';
import { checkSetting, isSettingKey, type ManagedPolicy, type SettingKey } from '../../shared/settings';

export type ValidatedPolicy = { policy: ManagedPolicy; keys: string[]; warnings: PolicyWarning[] };

const maxKeys = 64;

export function validatePolicy(raw: Record<string, unknown>): ValidatedPolicy {
  const policy: Partial<Record<SettingKey, unknown>> = {};
  const warnings: PolicyWarning[] = [];
  const keys = Object.keys(raw).slice(0, maxKeys).sort();
  for (const key of keys) {
    if (!isSettingKey(key)) {
      warnings.push({ key: key.slice(0, 80), problem: `${key.slice(0, 80)}: not a Lockpane policy key, ignored` });
      continue;
    }
    const r = checkSetting(key, raw[key]);
    for (const problem of r.problems) warnings.push({ key, problem });
    if (r.value !== undefined) policy[key] = r.value;
    else if (r.problems.length === 0) warnings.push({ key, problem: `${key}: no usable value, ignored` });
  }
  return { policy: policy as ManagedPolicy, keys, warnings };
}
