/**
 * Reads one record from a storage area and checks it against its schema before anything uses it: storage
 * is written by us, but an older version, a bug or a tampered profile can leave anything there.
 */
import { LockpaneError } from '../../keyring/errors';
import { SchemaError, type Schema } from '../shared/schema';
import type { KeyValueArea } from './kv';

/** Undefined when there is no record; a typed `corrupt-record` error when there is one that does not fit. */
export async function readStored<T>(area: KeyValueArea, key: string, schema: Schema<T>, what: string): Promise<T | undefined> {
  const raw = await area.get(key);
  if (raw === undefined) return undefined;
  return checkStored(raw, schema, what);
}

export function checkStored<T>(raw: unknown, schema: Schema<T>, what: string): T {
  try {
    return schema.parse(raw, what);
  } catch (e) {
    if (e instanceof SchemaError) throw new LockpaneError('corrupt-record', `A stored ${e.message.slice(0, 200)} (damaged record)`);
    throw e;
  }
}
