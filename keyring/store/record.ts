/**
 * The stored record format: one JSON string per storage key,
 *   {"schema": 1, "rev": 7, "type": "entry", "body": {...}}
 * `rev` grows by one on every write, so compare-and-set on the exact string detects any concurrent
 * change; `schema` lets each record be migrated on its own.
 */
import { LockpaneError } from '../errors';
import { migrateBody, type Migration, type RecordType } from './migrations';

export type { RecordType };

export type StoredRecord<T> = { schema: number; rev: number; type: RecordType; body: T };

export function encodeRecord<T>(type: RecordType, schema: number, rev: number, body: T): string {
  return JSON.stringify({ schema, rev, type, body });
}

export type Decoded<T> =
  | { status: 'ok'; record: StoredRecord<T>; migrated: boolean }
  /** Written by a newer version of Lockpane: left untouched, reported, not used. */
  | { status: 'newer'; schema: number };

/** Parses, migrates and validates one record; throws LockpaneError('corrupt-record') on anything wrong. */
export function decodeRecord<T>(
  raw: string,
  type: RecordType,
  validate: (body: unknown) => T,
  migrations: readonly Migration[],
  target: number,
): Decoded<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    throw new LockpaneError('corrupt-record', 'The stored record is not valid JSON.', { cause: e });
  }
  if (typeof parsed !== 'object' || parsed === null) throw new LockpaneError('corrupt-record', 'The stored record is not an object.');
  const p = parsed as Record<string, unknown>;
  const schema = p['schema'];
  const rev = p['rev'];
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 1) throw new LockpaneError('corrupt-record', 'The stored record has no valid schema version.');
  if (typeof rev !== 'number' || !Number.isInteger(rev) || rev < 1) throw new LockpaneError('corrupt-record', 'The stored record has no valid revision.');
  if (p['type'] !== type) throw new LockpaneError('corrupt-record', `The stored record is not of type ${type}.`);
  if (schema > target) return { status: 'newer', schema };
  let body: T;
  try {
    body = validate(schema < target ? migrateBody(type, schema, p['body'], migrations, target) : p['body']);
  } catch (e) {
    throw new LockpaneError('corrupt-record', `The stored ${type} record is malformed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return { status: 'ok', record: { schema: target, rev, type, body }, migrated: schema < target };
}
