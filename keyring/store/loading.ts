/**
 * Opening the store: one list() per prefix (records are migrated and corrupt ones quarantined as they
 * load, see collection.ts), the quarantine notes of earlier loads, the schema mark, and the change feed
 * that keeps this context's cache in step with other contexts' writes. Also the health report.
 */
import { toLockpaneError } from '../errors';
import { QUARANTINE_PREFIX, type QuarantineNote } from './collection';
import type { StoreRecords } from './store-records';

export const META_KEY = 'lp/meta';

export type StoreHealth = {
  ok: boolean;
  schema: number;
  entries: number;
  quarantined: QuarantineNote[];
  /** Records left in storage but not used (newer schema, or corrupt and not movable). */
  unreadable: { key: string; reason: string }[];
};

/** The schema number in the meta record; 0 when absent or unreadable. */
function storedSchema(raw: string | undefined): number {
  if (raw === undefined) return 0;
  try {
    return Number((JSON.parse(raw) as { schema?: unknown }).schema) || 0;
  } catch {
    return 0;
  }
}

/** Loads every record, reports earlier quarantines, marks the schema. Any failure is one typed error. */
export async function loadRecords(records: StoreRecords): Promise<void> {
  try {
    for (const c of records.all) await c.load();
    for (const [qKey, raw] of await records.backend.list(QUARANTINE_PREFIX)) {
      if (records.quarantined.some((n) => n.quarantineKey === qKey)) continue;
      let note: { key?: unknown; reason?: unknown; at?: unknown } = {};
      try { note = JSON.parse(raw) as typeof note; } catch { /* still reported, by its storage key */ }
      records.quarantined.push({
        key: typeof note.key === 'string' ? note.key : qKey,
        reason: typeof note.reason === 'string' ? note.reason : 'unknown',
        at: typeof note.at === 'string' ? note.at : '',
        quarantineKey: qKey,
      });
    }
    await writeMeta(records);
  } catch (e) {
    throw toLockpaneError(e, 'internal', 'The keyring storage could not be read.');
  }
}

async function writeMeta(records: StoreRecords): Promise<void> {
  const raw = await records.backend.get(META_KEY);
  if (storedSchema(raw) >= records.schema) return;
  await records.backend.compareAndSet([{ key: META_KEY, expect: raw, value: JSON.stringify({ schema: records.schema }) }]);
}

/** Follows the backend's change feed, if it has one; returns the stop function. */
export function watchRecords(records: StoreRecords): (() => void) | undefined {
  return records.backend.watch?.((keys) => {
    for (const key of keys) void records.ownerOf(key)?.refresh(key).catch(() => undefined);
  });
}

export function healthOf(records: StoreRecords): StoreHealth {
  const unreadable = records.all.flatMap((c) => [...c.unreadable].map(([key, reason]) => ({ key, reason })));
  return {
    ok: records.quarantined.length === 0 && unreadable.length === 0,
    schema: records.schema,
    entries: records.entries.size,
    quarantined: [...records.quarantined],
    unreadable,
  };
}
