/** Wire types of the settings and policy messages (what the options page, popup and frames receive). */
import { arr, bool, literal, nullable, obj, record, SchemaError, str, type Infer, type Schema } from './schema';
import { checkSetting, visibleKeys, type Settings, type VisibleKey } from './settings';

/** An invalid policy entry that was ignored; shown to administrators in the options page. */
export const policyWarningSchema = obj({ key: str({ max: 200 }), problem: str({ max: 2000 }) });
export type PolicyWarning = Infer<typeof policyWarningSchema>;

export type SettingSource = 'policy' | 'user' | 'default';

const visibleKeySchema = literal<VisibleKey>(...visibleKeys);

/** Every visible setting, each value checked by its own spec from the settings table. */
const settingsValuesSchema: Schema<Settings> = {
  parse(input, path) {
    const shape = record(visibleKeys, { parse: (v: unknown) => v }).parse(input, path);
    const out: Partial<Record<VisibleKey, unknown>> = {};
    for (const k of visibleKeys) {
      const r = checkSetting(k, shape[k]);
      if (r.problems.length > 0 || r.value === undefined) throw new SchemaError(`${path}.${k}: ${r.problems[0] ?? 'invalid'}`);
      out[k] = r.value;
    }
    return out as Settings;
  },
};

export const settingsViewSchema = obj({
  /** Effective values: the policy's when locked, else the user's, else the default. */
  values: settingsValuesSchema,
  /** Keys the user cannot change ("set by your organisation"). */
  locked: arr(visibleKeySchema, { max: visibleKeys.length }),
  /** Where each effective value comes from. */
  sources: record(visibleKeys, literal<SettingSource>('policy', 'user', 'default')),
  /** Invalid policy entries that were ignored. */
  warnings: arr(policyWarningSchema, { max: 1000 }),
});
export type SettingsView = Infer<typeof settingsViewSchema>;

const sites = arr(str({ max: 300 }), { max: 200 });

export const policyStatusSchema = obj({
  /** True when any managed policy value is present. */
  managed: bool,
  /** The keys the administrator set (valid or not). */
  keys: arr(str({ max: 200 }), { max: 200 }),
  warnings: arr(policyWarningSchema, { max: 1000 }),
  enabledSites: sites,
  /** Policy-enabled sites the browser has not granted access to yet: the user must allow them once (a click in our pages). */
  needsPermission: sites,
  blockedSites: sites,
  /** S/MIME roots installed by policy, as held by the keyring's trust store. */
  roots: arr(obj({ fingerprint: str({ max: 64 }), subject: str({ max: 1024 * 1024 }) }), { max: 1000 }),
  /** Keys and certificates pre-installed by policy (OpenPGP fingerprints are marked verified). */
  preinstalled: arr(obj({ kind: literal('openpgp', 'x509'), fingerprint: str({ max: 64 }), emails: arr(str({ max: 1024 * 1024 }), { max: 100_000 }) }), { max: 1000 }),
  lockedSettings: arr(visibleKeySchema, { max: visibleKeys.length }),
  /** When the policy was last read and applied (ISO time), or null before the first read. */
  appliedAt: nullable(str({ max: 40 })),
});
export type PolicyStatus = Infer<typeof policyStatusSchema>;
