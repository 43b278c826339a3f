/**
 * The keyring's StorageBackend over a WebExtension storage area (storage.local in the worker). No
 * browser import here, so Node tests drive it with an in-memory area that can fail between two calls.
 *
 * storage.local applies one set() atomically but has no multi-key transaction mixing sets and removals.
 * A compare-and-set that removes keys therefore writes its removals as a journal in the same set() as its
 * new values, then removes the keys and the journal together. A worker stopped between the two calls
 * leaves the journal. Until someone replays it, every context reads the journalled keys as removed, and
 * the next compare-and-set of any context (under the lock) completes the removal first: all of the write,
 * or none, for every context — and a later replay can never undo another context's newer write.
 */
import { LockpaneError } from '../../keyring/errors';
import type { CasOp, CasResult, StorageBackend } from '../../keyring/store/backend';
import { keyringRecordPrefix } from '../shared/storage-keys';

/** The subset of `browser.storage.StorageArea` this backend uses. */
export type StorageAreaLike = {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
};

/** Runs a critical section under the keyring's cross-context lock (Web Locks in the browser). */
export type LockRunner = <T>(fn: () => Promise<T>) => Promise<T>;

export type ChangeFeed = (listener: (changedKeys: readonly string[]) => void) => () => void;

/** Keeps keyring records apart from settings in the same area (open keyring pages watch it for changes). */
const prefix = keyringRecordPrefix;
/** Outside `prefix`, so list() never returns it. */
export const journalKey = 'krj:pending-removals';

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The storage keys a pending journal (if any, in a get() result) says are removed. */
function journalled(got: Record<string, unknown>): Set<string> {
  const pending = got[journalKey];
  return new Set(Array.isArray(pending) ? pending.filter((k): k is string => typeof k === 'string') : []);
}

export function storageAreaBackend(area: StorageAreaLike, withLock: LockRunner, feed?: ChangeFeed): StorageBackend {
  async function replayJournal(): Promise<void> {
    const got = await area.get(journalKey);
    if (got[journalKey] === undefined) return;
    await area.remove([...journalled(got), journalKey]);
  }
  // Every operation waits for the replay; a failed replay is retried by the next operation.
  let ready: Promise<void> | null = null;
  const whenReady = (): Promise<void> => {
    ready ??= withLock(replayJournal).catch((e: unknown) => {
      ready = null;
      throw e;
    });
    return ready;
  };

  // Concurrent list() calls (the store reads several prefixes at start) share one read of the area.
  let wholeRead: Promise<Record<string, unknown>> | null = null;
  const readAll = (): Promise<Record<string, unknown>> => {
    wholeRead ??= area.get(null).finally(() => { wholeRead = null; });
    return wholeRead;
  };

  return {
    async get(key) {
      await whenReady();
      const got = await area.get([prefix + key, journalKey]);
      return journalled(got).has(prefix + key) ? undefined : asString(got[prefix + key]);
    },
    async list(p) {
      await whenReady();
      const out = new Map<string, string>();
      const all = await readAll();
      const removed = journalled(all);
      for (const [k, v] of Object.entries(all)) {
        if (k.startsWith(prefix + p) && typeof v === 'string' && !removed.has(k)) out.set(k.slice(prefix.length), v);
      }
      return out;
    },
    async set(key, value) {
      await whenReady();
      await withLock(() => area.set({ [prefix + key]: value }));
    },
    async remove(key) {
      await whenReady();
      await withLock(() => area.remove(prefix + key));
    },
    async compareAndSet(ops: readonly CasOp[]): Promise<CasResult> {
      await whenReady();
      return withLock(async () => {
        const current = await area.get([...ops.map((o) => prefix + o.key), journalKey]);
        // Another context stopped mid-write: finish its removals before judging this write against them.
        if (current[journalKey] !== undefined) {
          const removed = journalled(current);
          await area.remove([...removed, journalKey]);
          for (const k of removed) delete current[k];
        }
        const conflicts = ops.filter((o) => asString(current[prefix + o.key]) !== o.expect).map((o) => o.key);
        if (conflicts.length > 0) return { ok: false, conflicts };
        const sets: Record<string, string | string[]> = {};
        const removes: string[] = [];
        for (const o of ops) {
          if (o.value === undefined) removes.push(prefix + o.key);
          else sets[prefix + o.key] = o.value;
        }
        if (removes.length === 0) {
          if (Object.keys(sets).length > 0) await area.set(sets);
          return { ok: true };
        }
        sets[journalKey] = removes;
        await area.set(sets); // the commit point: new values and the intent to remove, together
        await area.remove([...removes, journalKey]);
        return { ok: true };
      });
    },
    ...(feed ? {
      watch(listener: (changedKeys: readonly string[]) => void) {
        return feed((keys) => {
          const ours = keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
          if (ours.length > 0) listener(ours);
        });
      },
    } : {}),
  };
}

/** A lock that cannot be had in time is a clear error, never a hang. */
export function lockTimeoutError(): LockpaneError {
  return new LockpaneError('conflict', 'The keyring is busy in another Lockpane window; try again.');
}
