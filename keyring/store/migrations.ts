/**
 * Ordered record migrations. Every record carries the schema it was written with, so a migration
 * interrupted half-way (worker killed) simply resumes record by record on the next load.
 * Schema 1 is the first released layout: the production list is empty until schema 2 exists.
 */
import { LockpaneError } from '../errors';

/** The kinds of stored record (see record.ts for the format). */
export type RecordType = 'entry' | 'address' | 'trust' | 'conflict' | 'root';

export type Migration = {
  /** Applies to records at this schema and produces schema `from + 1`. */
  from: number;
  /** Restrict to one record type; omitted = every type. */
  type?: RecordType;
  describe: string;
  up(body: unknown): unknown;
};

export const CURRENT_SCHEMA = 1;
export const MIGRATIONS: readonly Migration[] = [];

/** The schema the migrations lead to, after checking they form one contiguous chain from 1. */
export function targetSchema(migrations: readonly Migration[]): number {
  let schema = 1;
  const froms = [...new Set(migrations.map((m) => m.from))].sort((a, b) => a - b);
  for (const from of froms) {
    if (from !== schema) throw new LockpaneError('internal', `Migrations are not contiguous: expected one from schema ${schema}, found ${from}.`);
    schema = from + 1;
  }
  return Math.max(schema, CURRENT_SCHEMA);
}

/** Runs every migration step from `schema` up to `target` for a record of `type`. */
export function migrateBody(type: RecordType, schema: number, body: unknown, migrations: readonly Migration[], target: number): unknown {
  let current = body;
  for (let s = schema; s < target; s++) {
    for (const m of migrations) if (m.from === s && (m.type === undefined || m.type === type)) current = m.up(current);
  }
  return current;
}
