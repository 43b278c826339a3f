/**
 * The compare-and-set transaction engine. Every mutation is a plan computed from the in-memory cache and
 * committed by one multi-key compare-and-set; when another context wrote first, the conflicting keys are
 * re-read and the plan recomputed, so two writers never lose each other's writes. Writes of one store
 * instance are queued, so compare-and-set only ever races other contexts.
 */
import { LockpaneError } from '../errors';
import type { RecordCollection } from './collection';
import type { Plan, StoreRecords } from './store-records';

export type Transact = <R>(plan: () => Promise<Plan<R>> | Plan<R>) => Promise<R>;

export function createTransactions(records: StoreRecords): Transact {
  let queue: Promise<unknown> = Promise.resolve();
  return <R>(plan: () => Promise<Plan<R>> | Plan<R>): Promise<R> => {
    const run = queue.then(() => attempt(records, plan));
    queue = run.catch(() => undefined);
    return run;
  };
}

async function attempt<R>(records: StoreRecords, plan: () => Promise<Plan<R>> | Plan<R>): Promise<R> {
  for (let attempt = 0; attempt <= records.maxRetries; attempt++) {
    const { writes, result } = await plan();
    if (writes.length === 0) return result;
    records.stats.casAttempts++;
    let res;
    try {
      res = await records.backend.compareAndSet(writes.map((w) => w.op));
    } catch (e) {
      throw new LockpaneError('internal', 'The keyring storage refused the write; nothing was changed.', { cause: e });
    }
    if (res.ok) {
      for (const w of writes) w.commit();
      return result;
    }
    records.stats.casConflicts++;
    for (const key of res.conflicts) await refreshConflict(records, key);
  }
  throw new LockpaneError('conflict', 'The keyring kept changing under this write; try again.');
}

/** Re-reads a key another context changed; for an address guard, also the entries (and trust) it names. */
async function refreshConflict(records: StoreRecords, key: string): Promise<void> {
  const c = records.ownerOf(key);
  if (!c) return;
  await c.refresh(key);
  if (c !== (records.addresses as RecordCollection<unknown>)) return;
  for (const id of records.addresses.get(key.slice(c.prefix.length))?.ids ?? []) {
    await records.entries.refresh(records.entries.keyOf(id));
    const fp = id.slice(id.indexOf(':') + 1);
    if (id.startsWith('openpgp:')) await records.trust.refresh(records.trust.keyOf(fp));
  }
}
