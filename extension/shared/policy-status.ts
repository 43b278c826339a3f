/** Wire types of the settings and policy messages (what the options page, popup and frames receive). */
import type { Settings, VisibleKey } from './settings';

/** An invalid policy entry that was ignored; shown to administrators in the options page. */
export type PolicyWarning = { key: string; problem: string };

export type SettingSource = 'policy' | 'user' | 'default';

export type SettingsView = {
  /** Effective values: the policy's when locked, else the user's, else the default. */
  values: Settings;
  /** Keys the user cannot change ("set by your organisation"). */
  locked: VisibleKey[];
  /** Where each effective value comes from. */
  sources: Record<VisibleKey, SettingSource>;
  /** Invalid policy entries that were ignored. */
  warnings: PolicyWarning[];
};

export type PolicyStatus = {
  /** True when any managed policy value is present. */
  managed: boolean;
  /** The keys the administrator set (valid or not). */
  keys: string[];
  warnings: PolicyWarning[];
  enabledSites: string[];
  /** Policy-enabled sites the browser has not granted access to yet: the user must allow them once (a click in our pages). */
  needsPermission: string[];
  blockedSites: string[];
  /** S/MIME roots installed by policy, as held by the keyring's trust store. */
  roots: { fingerprint: string; subject: string }[];
  /** Keys and certificates pre-installed by policy (OpenPGP fingerprints are marked verified). */
  preinstalled: { kind: 'openpgp' | 'x509'; fingerprint: string; emails: string[] }[];
  lockedSettings: VisibleKey[];
  /** When the policy was last read and applied (ISO time), or null before the first read. */
  appliedAt: string | null;
};
