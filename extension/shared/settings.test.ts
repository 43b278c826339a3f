import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { JsonSchema } from './policy-spec';
import { SchemaError } from './schema';
import {
  checkSetting, defaultSettings, definitions, managedSchema, settingKeys, settingsPatchSchema, userSettingKeys, visibleKeys,
  type AllSettings, type Settings,
} from './settings';

test('every default passes its own spec unchanged', () => {
  const defaults = defaultSettings();
  for (const k of settingKeys) {
    const r = checkSetting(k, defaults[k]);
    assert.deepEqual(r.problems, [], k);
    assert.deepEqual(r.value, defaults[k], k);
  }
});

test('the managed schema has exactly the table\'s keys, and each default validates against it', () => {
  const schema = managedSchema();
  assert.equal(schema.type, 'object');
  assert.equal('additionalProperties' in schema, false, 'Chrome refuses additionalProperties at the top level');
  assert.deepEqual(Object.keys(schema.properties).sort(), [...settingKeys].sort());
  // A tiny validator for the JSON-schema subset we emit, independent of checkValue.
  const conforms = (s: JsonSchema, v: unknown): boolean => {
    switch (s.type) {
      case 'boolean': return typeof v === 'boolean';
      case 'integer': return Number.isInteger(v) && (v as number) >= (s.minimum ?? -Infinity) && (v as number) <= (s.maximum ?? Infinity);
      case 'string': return typeof v === 'string' && (!s.enum || s.enum.includes(v));
      case 'array': return Array.isArray(v) && v.every((i) => conforms(s.items!, i));
      case 'object': return typeof v === 'object' && v !== null
        && Object.entries(s.properties!).every(([k, sub]) => conforms(sub, (v as Record<string, unknown>)[k]));
    }
  };
  const defaults = defaultSettings();
  for (const k of settingKeys) {
    const s = schema.properties[k]!;
    assert.ok(conforms(s, defaults[k]), `default of ${k}`);
    assert.ok(conforms(s, definitions[k].example), `example of ${k}`);
    assert.ok(s.title && s.description, `${k} is documented in the schema`);
  }
});

test('the schema uses only attributes Chrome\'s strict managed_schema parser accepts', () => {
  const allowed = new Set(['type', 'title', 'description', 'properties', 'items', 'enum', 'minimum', 'maximum']);
  const walk = (s: Record<string, unknown>, where: string): void => {
    for (const [k, v] of Object.entries(s)) {
      if (where !== '' && !allowed.has(k)) assert.fail(`${where}: attribute "${k}"`);
      if (k === 'items') walk(v as Record<string, unknown>, `${where}.items`);
      if (k === 'properties') for (const [p, sub] of Object.entries(v as Record<string, unknown>)) walk(sub as Record<string, unknown>, `${where}.${p}`);
    }
  };
  walk(managedSchema() as unknown as Record<string, unknown>, '');
});

test('the Settings type and the visible keys agree (compile time and run time)', () => {
  // Compile time: a Settings value built from the defaults must type-check key by key.
  const d: AllSettings = defaultSettings();
  const visible: Settings = Object.fromEntries(visibleKeys.map((k) => [k, d[k]])) as Settings;
  const typed: Record<keyof Settings, true> = {
    defaultProtocol: true, signByDefault: true, passphraseCacheMinutes: true, remoteContent: true, keyDiscovery: true,
    requireEncryptionFor: true, allowKeyGeneration: true, allowPrivateKeyExport: true, passphraseCacheMaxMinutes: true,
    allowPasswordMail: true, passwordMailMinStrengthBits: true, passwordMailKdfFloor: true,
  };
  assert.deepEqual(Object.keys(visible).sort(), Object.keys(typed).sort());
  assert.equal(d.passphraseCacheMinutes, 15);
  assert.deepEqual(definitions.lockedSettings.spec.items.values, userSettingKeys, 'every user setting is lockable, and only those');
});

test('settings.set accepts user settings only, each checked strictly', () => {
  assert.deepEqual(settingsPatchSchema.parse({ values: { signByDefault: false, requireEncryptionFor: ['Example.COM '] } }, ''),
    { values: { signByDefault: false, requireEncryptionFor: ['example.com'] } });
  assert.deepEqual(settingsPatchSchema.parse({ values: {}, reset: ['remoteContent'] }, ''), { values: {}, reset: ['remoteContent'] });
  const refused: unknown[] = [
    { values: { allowPrivateKeyExport: true } }, // admin key
    { values: { enabledSites: ['https://a.example'] } }, // policy-only key
    { values: { passphraseCacheMinutes: 5000 } },
    { values: { requireEncryptionFor: ['ok.example', 'not a domain'] } }, // one bad item refuses the whole edit
    { values: { keyDiscovery: { wkd: true, keyServers: ['http://insecure.example'] } } },
    { values: {}, reset: ['nope'] },
    { values: {}, extra: 1 },
    null,
  ];
  for (const body of refused) assert.throws(() => settingsPatchSchema.parse(body, ''), SchemaError, JSON.stringify(body));
});

test('docs/admin.md documents every key with its default', () => {
  const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/admin.md'), 'utf8');
  for (const k of settingKeys) {
    const section = new RegExp(`### \`${k}\`[\\s\\S]*?Default: \`${JSON.stringify(definitions[k].default).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\``);
    assert.match(doc, section, `docs/admin.md: ${k}`);
  }
});
