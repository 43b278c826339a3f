/**
 * The personal security phrase and colour (DESIGN §2.5). Generated at first use so every install has one
 * before onboarding lets the user choose; the web page can never read it.
 */
import type { SecurityIndicator } from '../shared/catalogue';
import { obj, str } from '../shared/schema';
import type { KeyValueArea } from './kv';
import { readStored } from './stored-record';

const storageKey = 'settings.indicator';
const words = [
  'amber', 'birch', 'cobalt', 'dune', 'ember', 'fjord', 'garnet', 'harbor', 'indigo', 'juniper', 'kestrel', 'lagoon',
  'meadow', 'nectar', 'onyx', 'pebble', 'quartz', 'raven', 'saffron', 'tundra', 'umber', 'violet', 'willow', 'zephyr',
];
const colors = ['#1b5e20', '#0d47a1', '#4a148c', '#b71c1c', '#e65100', '#006064', '#3e2723', '#880e4f'];

function pick<T>(list: readonly T[]): T {
  const n = crypto.getRandomValues(new Uint32Array(1))[0]!;
  return list[n % list.length]!;
}

const indicatorSchema = obj({ phrase: str({ min: 1, max: 64 }), color: str({ pattern: /^#[0-9a-f]{6}$/i, max: 7 }) });

export function createSecurityIndicator(area: KeyValueArea) {
  return {
    async get(): Promise<SecurityIndicator> {
      // A damaged record gets a fresh indicator, as a missing one does (the user sees it change and can set it again).
      const stored = await readStored(area, storageKey, indicatorSchema, 'security indicator').catch(() => undefined);
      if (stored) return stored;
      const fresh = { phrase: `${pick(words)} ${pick(words)} ${pick(words)}`, color: pick(colors) };
      await area.set(storageKey, fresh);
      return fresh;
    },
    async set(value: SecurityIndicator): Promise<SecurityIndicator> {
      await area.set(storageKey, value);
      return value;
    },
  };
}
