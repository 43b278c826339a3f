/**
 * The one source of truth for Lockpane's settings and managed policy. Every key is declared once here:
 * its spec (type and checks), default, who may change it, and the text administrators read. The
 * `Settings` type, the defaults, the user-edit schema and `extension/static/managed-schema.json` are all
 * derived from this table (settings.test.ts and scripts/build/managed-schema.test.ts prove it).
 *
 * Scopes:
 *   user    the user changes it in the options page; policy may set it (and then it is locked, see lockedSettings)
 *   admin   visible to the UI but changed only by policy (what the organisation allows)
 *   policy  policy-only directives (sites, roots, keys, locks), summarised by `policy.status`
 */
import {
  httpsUrlFormat, originFormat, pemCertificateFormat, publicKeyFormat, recipientPatternFormat, sitePatternFormat,
} from './policy-formats';
import { checkValue, toJsonSchema, type JsonSchema, type Spec, type ValueOf } from './policy-spec';
import { SchemaError, type Schema } from './schema';

export type Scope = 'user' | 'admin' | 'policy';

type Definition = {
  readonly spec: Spec;
  readonly default: unknown;
  readonly scope: Scope;
  readonly title: string;
  readonly description: string;
  /** A realistic policy value for the admin guide. */
  readonly example: unknown;
};

const KiB = 1024;

/** Keys a policy may lock; kept as a literal list so lockedSettings' enum is derived, not typed twice. */
const lockableKeys = [
  'defaultProtocol', 'signByDefault', 'passphraseCacheMinutes', 'remoteContent', 'keyDiscovery', 'requireEncryptionFor',
] as const;

export const definitions = {
  defaultProtocol: {
    spec: { type: 'enum', values: ['openpgp', 'smime', 'auto'] },
    default: 'auto', scope: 'user', example: 'smime',
    title: 'Default protocol',
    description: 'Protocol used for new messages: openpgp, smime, or auto (whichever works for every recipient, OpenPGP first).',
  },
  signByDefault: {
    spec: { type: 'boolean' },
    default: true, scope: 'user', example: true,
    title: 'Sign by default',
    description: 'New secure messages are signed unless the user turns signing off for one message.',
  },
  passphraseCacheMinutes: {
    spec: { type: 'integer', min: 0, max: 1440 },
    default: 15, scope: 'user', example: 5,
    title: 'Passphrase cache (minutes)',
    description: 'How long an unlocked key stays unlocked (absolute, from the unlock). 0 asks every time.',
  },
  remoteContent: {
    spec: { type: 'enum', values: ['never', 'ask'] },
    default: 'ask', scope: 'user', example: 'never',
    title: 'Remote content in decrypted mail',
    description: 'never: remote images, CSS and fonts in decrypted messages are never loaded. ask: the user may load them per message.',
  },
  keyDiscovery: {
    spec: {
      type: 'object',
      properties: {
        wkd: { type: 'boolean' },
        keyServers: { type: 'array', maxItems: 8, items: { type: 'string', max: 300, format: httpsUrlFormat } },
      },
    },
    default: { wkd: true, keyServers: ['https://keys.openpgp.org'] }, scope: 'user',
    example: { wkd: true, keyServers: ['https://keys.example.com'] },
    title: 'Key discovery',
    description: 'wkd: look up recipients\' keys by Web Key Directory. keyServers: VKS key servers (https) asked for missing keys; an empty list asks none.',
  },
  requireEncryptionFor: {
    spec: { type: 'array', maxItems: 500, items: { type: 'string', max: 320, format: recipientPatternFormat } },
    default: [], scope: 'user', example: ['example.com', '*.partner.example', 'legal@other.example'],
    title: 'Require encryption for',
    description: 'Recipients who may only be written to encrypted: addresses, domains (example.com) or subdomains (*.example.com). Sending in the clear to them is blocked in the secure editor.',
  },
  allowKeyGeneration: {
    spec: { type: 'boolean' },
    default: true, scope: 'admin', example: false,
    title: 'Allow key generation',
    description: 'false: users cannot create OpenPGP keys in Lockpane (keys come from the organisation).',
  },
  allowPrivateKeyExport: {
    spec: { type: 'boolean' },
    default: true, scope: 'admin', example: false,
    title: 'Allow private key export',
    description: 'false: private keys cannot be exported from Lockpane (public keys still can).',
  },
  passphraseCacheMaxMinutes: {
    spec: { type: 'integer', min: 0, max: 1440 },
    default: 1440, scope: 'admin', example: 30,
    title: 'Passphrase cache ceiling (minutes)',
    description: 'Upper bound for passphraseCacheMinutes: users may choose less, never more.',
  },
  allowPasswordMail: {
    spec: { type: 'boolean' },
    default: true, scope: 'admin', example: false,
    title: 'Allow password-protected mail',
    description: 'false: the secure editor does not offer "Protect with a password" for recipients without a key (a self-contained encrypted HTML file opened with a password).',
  },
  passwordMailMinStrengthBits: {
    spec: { type: 'integer', min: 0, max: 128 },
    default: 50, scope: 'admin', example: 60,
    title: 'Password mail: minimum password strength (bits)',
    description: 'Lowest estimated strength, in bits, of a password for password-protected mail. Lockpane\'s suggestions have 61 bits.',
  },
  passwordMailKdfFloor: {
    spec: {
      type: 'object',
      properties: {
        minMemoryExponent: { type: 'integer', min: 13, max: 21 },
        minPasses: { type: 'integer', min: 1, max: 10 },
        allowGpgCompatible: { type: 'boolean' },
      },
    },
    default: { minMemoryExponent: 16, minPasses: 3, allowGpgCompatible: true }, scope: 'admin',
    example: { minMemoryExponent: 17, minPasses: 3, allowGpgCompatible: false },
    title: 'Password mail: key derivation floor',
    description: 'Lowest Argon2 cost for password-protected mail: memory 2^minMemoryExponent KiB and minPasses passes. allowGpgCompatible: false forbids the GnuPG 2.2-readable variant (iterated S2K, not memory-hard).',
  },
  enabledSites: {
    spec: { type: 'array', maxItems: 100, items: { type: 'string', max: 300, format: originFormat } },
    default: [], scope: 'policy', example: ['https://mail.example.com', 'https://outlook.office.com'],
    title: 'Enabled sites',
    description: 'Web mail origins where Lockpane is active without asking the user. The user cannot disable them.',
  },
  blockedSites: {
    spec: { type: 'array', maxItems: 100, items: { type: 'string', max: 300, format: sitePatternFormat } },
    default: [], scope: 'policy', example: ['https://mail.google.com', 'https://*.webmail.example'],
    title: 'Blocked sites',
    description: 'Origins (or https://*.domain for every subdomain) where Lockpane never runs and users cannot enable it. Wins over enabledSites.',
  },
  trustedRootCertificates: {
    spec: { type: 'array', maxItems: 50, items: { type: 'string', max: 64 * KiB, format: pemCertificateFormat } },
    default: [], scope: 'policy', example: ['-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----'],
    title: 'Trusted S/MIME root certificates',
    description: 'PEM certificates added to the S/MIME trust store as organisation roots; shown as locked, users cannot remove them.',
  },
  preinstalledPublicKeys: {
    spec: { type: 'array', maxItems: 500, items: { type: 'string', max: 256 * KiB, format: publicKeyFormat } },
    default: [], scope: 'policy', example: ['-----BEGIN PGP PUBLIC KEY BLOCK-----\n…\n-----END PGP PUBLIC KEY BLOCK-----'],
    title: 'Pre-installed public keys',
    description: 'Armored OpenPGP public keys and PEM certificates imported into every keyring; OpenPGP keys are marked verified by policy.',
  },
  lockedSettings: {
    spec: { type: 'array', maxItems: lockableKeys.length, items: { type: 'enum', values: lockableKeys } },
    default: [], scope: 'policy', example: ['signByDefault', 'remoteContent'],
    title: 'Locked settings',
    description: 'When absent, every user setting this policy sets is locked. When present, exactly these settings are locked (at the policy value, or at the default if the policy sets none); other policy values become defaults the user may change.',
  },
} as const satisfies Record<string, Definition>;

type Defs = typeof definitions;
export type SettingKey = keyof Defs;
type KeysOf<S extends Scope> = { [K in SettingKey]: Defs[K]['scope'] extends S ? K : never }[SettingKey];
export type UserSettingKey = KeysOf<'user'>;
export type AdminSettingKey = KeysOf<'admin'>;
export type PolicyOnlyKey = KeysOf<'policy'>;
/** What the UI and frames see: user settings plus what the organisation allows. */
export type VisibleKey = UserSettingKey | AdminSettingKey;

/** The whole model, every key with its value type. */
export type AllSettings = { -readonly [K in SettingKey]: ValueOf<Defs[K]['spec']> };
export type Settings = Pick<AllSettings, VisibleKey>;
export type UserSettings = Pick<AllSettings, UserSettingKey>;
/** A validated managed policy: only the keys the administrator set. */
export type ManagedPolicy = Partial<AllSettings>;

type Frozen<T> = T extends (infer U)[] ? readonly Frozen<U>[] : T extends object ? { readonly [K in keyof T]: Frozen<T[K]> } : T;

// Compile-time proof that each default has its spec's type and that lockable keys are user settings.
const _defaultsTyped: { [K in SettingKey]: Frozen<ValueOf<Defs[K]['spec']>> } = Object.fromEntries(
  Object.entries(definitions).map(([k, d]) => [k, d.default]),
) as { [K in SettingKey]: Defs[K]['default'] };
const _lockable: readonly UserSettingKey[] = lockableKeys;
void _defaultsTyped;
void _lockable;

export const settingKeys = Object.keys(definitions) as SettingKey[];
const scoped = (...scopes: Scope[]) => settingKeys.filter((k) => scopes.includes(definitions[k].scope));
export const userSettingKeys = scoped('user') as UserSettingKey[];
export const visibleKeys = scoped('user', 'admin') as VisibleKey[];
export const policyOnlyKeys = scoped('policy') as PolicyOnlyKey[];

export function isSettingKey(k: unknown): k is SettingKey {
  return typeof k === 'string' && Object.hasOwn(definitions, k);
}
export function isUserSettingKey(k: unknown): k is UserSettingKey {
  return isSettingKey(k) && definitions[k].scope === 'user';
}

export function defaultOf<K extends SettingKey>(key: K): AllSettings[K] {
  return structuredClone(definitions[key].default) as AllSettings[K];
}

export function defaultSettings(): AllSettings {
  return Object.fromEntries(settingKeys.map((k) => [k, defaultOf(k)])) as AllSettings;
}

/** Checks one value for one key; missing object fields come from the default. */
export function checkSetting<K extends SettingKey>(key: K, value: unknown) {
  const d = definitions[key] as Definition;
  return checkValue(d.spec, value, key, d.default as never) as { value: AllSettings[K] | undefined; problems: string[] };
}

/** The managed_schema Chrome and Edge enforce, derived from the table (top level: an object, no additionalProperties). */
export function managedSchema(): { type: 'object'; properties: Record<string, JsonSchema> } {
  return {
    type: 'object',
    properties: Object.fromEntries(settingKeys.map((k) => {
      const d = definitions[k] as Definition;
      return [k, toJsonSchema(d.spec, { title: d.title, description: d.description })];
    })),
  };
}

export type SettingsPatch = { values: Partial<UserSettings>; reset?: UserSettingKey[] };

/** The request schema of `settings.set`: user settings only, every value checked strictly. */
export const settingsPatchSchema: Schema<SettingsPatch> = {
  parse(input, path) {
    const where = path || 'message';
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new SchemaError(`${where}: expected an object`);
    const { values, reset, ...rest } = input as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) throw new SchemaError(`${where}: unexpected field "${extra.slice(0, 40)}"`);
    if (typeof values !== 'object' || values === null || Array.isArray(values)) throw new SchemaError(`${where}.values: expected an object`);
    const out: Partial<Record<UserSettingKey, unknown>> = {};
    for (const [k, v] of Object.entries(values)) {
      if (!isUserSettingKey(k)) throw new SchemaError(`${where}.values: "${k.slice(0, 40)}" is not a setting users can change`);
      const r = checkSetting(k, v);
      if (r.problems.length > 0 || r.value === undefined) throw new SchemaError(r.problems[0] ?? `${k}: invalid`);
      out[k] = r.value;
    }
    if (reset !== undefined) {
      if (!Array.isArray(reset) || reset.length > userSettingKeys.length) throw new SchemaError(`${where}.reset: expected a short list of setting names`);
      for (const k of reset) if (!isUserSettingKey(k)) throw new SchemaError(`${where}.reset: "${String(k).slice(0, 40)}" is not a setting users can change`);
    }
    return { values: out as Partial<UserSettings>, ...(reset !== undefined ? { reset: reset as UserSettingKey[] } : {}) };
  },
};
