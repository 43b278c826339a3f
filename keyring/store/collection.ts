/**
 * One kind of record under one key prefix, cached in memory. Reads are served from the cache;
 * writes are prepared against the cached string and committed by compare-and-set, so a writer
 * with a stale cache fails, refreshes and retries instead of overwriting (see keyring-store.ts).
 * A record that fails to parse is moved to the quarantine prefix and reported; the rest loads.
 */
import type { CasOp, StorageBackend } from './backend';
import type { Migration } from './migrations';
import { decodeRecord, encodeRecord, type RecordType } from './record';

export const QUARANTINE_PREFIX = 'lp/q/';

export type QuarantineNote = { key: string; reason: string; at: string; quarantineKey: string | null };

export type CollectionContext<T> = {
  migrations: readonly Migration[];
  target: number;
  now: () => Date;
  onChange?: (id: string, before: T | undefined, after: T | undefined) => void;
  onQuarantine: (note: QuarantineNote) => void;
};

export type Prepared = { op: CasOp; commit: () => void };

type Cached<T> = { raw: string; rev: number; value: T };

export class RecordCollection<T> {
  private readonly cache = new Map<string, Cached<T>>();
  /** Keys left in storage but not used: written by a newer schema, or quarantine failed. */
  readonly unreadable = new Map<string, string>();

  constructor(
    private readonly backend: StorageBackend,
    readonly type: RecordType,
    readonly prefix: string,
    private readonly validate: (body: unknown) => T,
    private readonly ctx: CollectionContext<T>,
  ) {}

  keyOf(id: string): string { return this.prefix + id; }
  owns(key: string): boolean { return key.startsWith(this.prefix); }
  get size(): number { return this.cache.size; }
  get(id: string): T | undefined { return this.cache.get(id)?.value; }
  has(id: string): boolean { return this.cache.has(id); }
  *values(): IterableIterator<T> { for (const c of this.cache.values()) yield c.value; }
  ids(): string[] { return [...this.cache.keys()]; }

  /** One list() call for the whole prefix; follow-up work (quarantine, migration rewrites) after. */
  async load(): Promise<void> {
    const all = await this.backend.list(this.prefix);
    const followUps: (() => Promise<void>)[] = [];
    for (const [key, raw] of all) this.ingest(key, raw, followUps);
    for (const f of followUps) await f();
  }

  /** Re-reads one key from storage (after a CAS conflict or a change notification). */
  async refresh(key: string): Promise<void> {
    const raw = await this.backend.get(key);
    const followUps: (() => Promise<void>)[] = [];
    this.ingest(key, raw, followUps);
    for (const f of followUps) await f();
  }

  /** A conditional write of `value` (undefined deletes) against what we last saw. */
  prepare(id: string, value: T | undefined): Prepared {
    const cur = this.cache.get(id);
    const key = this.keyOf(id);
    if (value === undefined) {
      return {
        op: { key, expect: cur?.raw, value: undefined },
        commit: () => { this.cache.delete(id); this.ctx.onChange?.(id, cur?.value, undefined); },
      };
    }
    const rev = (cur?.rev ?? 0) + 1;
    const raw = encodeRecord(this.type, this.ctx.target, rev, value);
    return {
      op: { key, expect: cur?.raw, value: raw },
      commit: () => { this.cache.set(id, { raw, rev, value }); this.ctx.onChange?.(id, cur?.value, value); },
    };
  }

  private ingest(key: string, raw: string | undefined, followUps: (() => Promise<void>)[]): void {
    const id = key.slice(this.prefix.length);
    const cur = this.cache.get(id);
    if (raw !== undefined && cur?.raw === raw) return;
    this.unreadable.delete(key);
    if (raw === undefined) {
      if (cur) { this.cache.delete(id); this.ctx.onChange?.(id, cur.value, undefined); }
      return;
    }
    let decoded;
    try {
      decoded = decodeRecord(raw, this.type, this.validate, this.ctx.migrations, this.ctx.target);
    } catch (e) {
      if (cur) { this.cache.delete(id); this.ctx.onChange?.(id, cur.value, undefined); }
      const reason = e instanceof Error ? e.message : String(e);
      followUps.push(() => this.quarantine(key, raw, reason));
      return;
    }
    if (decoded.status === 'newer') {
      if (cur) { this.cache.delete(id); this.ctx.onChange?.(id, cur.value, undefined); }
      this.unreadable.set(key, `written by a newer version (schema ${decoded.schema})`);
      return;
    }
    const { record, migrated } = decoded;
    this.cache.set(id, { raw, rev: record.rev, value: record.body });
    this.ctx.onChange?.(id, cur?.value, record.body);
    if (migrated) followUps.push(() => this.rewriteMigrated(id, raw, record.rev, record.body));
  }

  /** Persist a migrated record; if someone else changed it meanwhile, their version wins and is re-read. */
  private async rewriteMigrated(id: string, expect: string, rev: number, body: T): Promise<void> {
    const raw = encodeRecord(this.type, this.ctx.target, rev + 1, body);
    try {
      const res = await this.backend.compareAndSet([{ key: this.keyOf(id), expect, value: raw }]);
      if (res.ok) this.cache.set(id, { raw, rev: rev + 1, value: body });
      else await this.refresh(this.keyOf(id));
    } catch {
      // Storage refused the write: the migrated copy in memory is still correct; retried next load.
    }
  }

  /** Moves a corrupt record aside (kept verbatim for recovery) so its key is usable again. */
  private async quarantine(key: string, raw: string, reason: string): Promise<void> {
    const at = this.ctx.now().toISOString();
    const qKey = `${QUARANTINE_PREFIX}${key}@${at}`;
    try {
      const res = await this.backend.compareAndSet([
        { key, expect: raw, value: undefined },
        { key: qKey, expect: undefined, value: JSON.stringify({ key, reason, at, raw }) },
      ]);
      if (!res.ok) { await this.refresh(key); return; }
      this.ctx.onQuarantine({ key, reason, at, quarantineKey: qKey });
    } catch {
      this.unreadable.set(key, `corrupt (${reason}); could not be moved to quarantine`);
      this.ctx.onQuarantine({ key, reason, at, quarantineKey: null });
    }
  }
}
