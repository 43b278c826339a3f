/**
 * The keyring's StorageBackend over `storage.local`. Compare-and-set runs under a Web Lock, which every
 * extension context of our origin shares, so two contexts writing at once never lose a write.
 */
import browser from 'webextension-polyfill';
import { LockpaneError } from '../../keyring/errors';
import type { CasOp, CasResult, StorageBackend } from '../../keyring/store/backend';

const lockName = 'lockpane-keyring';
const prefix = 'kr:'; // keeps keyring records apart from settings in the same area

type Locks = { request<T>(name: string, options: { signal: AbortSignal }, cb: () => Promise<T>): Promise<T> };
const lockWaitMs = 15_000;

/** Runs `fn` under the keyring's Web Lock; a lock that cannot be had in time is a clear error, never a hang. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as unknown as { locks?: Locks }).locks;
  if (!locks) return fn();
  try {
    return await locks.request(lockName, { signal: AbortSignal.timeout(lockWaitMs) }, fn);
  } catch (e) {
    if (e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
      throw new LockpaneError('conflict', 'The keyring is busy in another Lockpane window; try again.');
    }
    throw e;
  }
}

export function localStorageBackend(area: browser.Storage.StorageArea = browser.storage.local): StorageBackend {
  async function get(key: string): Promise<string | undefined> {
    const v = (await area.get(prefix + key))[prefix + key];
    return typeof v === 'string' ? v : undefined;
  }
  return {
    get,
    async list(p) {
      const all = await area.get(null);
      const out = new Map<string, string>();
      for (const [k, v] of Object.entries(all)) {
        if (k.startsWith(prefix + p) && typeof v === 'string') out.set(k.slice(prefix.length), v);
      }
      return out;
    },
    set: (key, value) => withLock(() => area.set({ [prefix + key]: value })),
    remove: (key) => withLock(() => area.remove(prefix + key)),
    compareAndSet(ops: readonly CasOp[]): Promise<CasResult> {
      return withLock(async () => {
        const current = await area.get(ops.map((o) => prefix + o.key));
        const conflicts = ops.filter((o) => {
          const v = current[prefix + o.key];
          return (typeof v === 'string' ? v : undefined) !== o.expect;
        }).map((o) => o.key);
        if (conflicts.length > 0) return { ok: false, conflicts };
        const sets: Record<string, string> = {};
        const removes: string[] = [];
        for (const o of ops) {
          if (o.value === undefined) removes.push(prefix + o.key);
          else sets[prefix + o.key] = o.value;
        }
        // storage.local applies one set() atomically; removals follow under the same lock.
        if (Object.keys(sets).length > 0) await area.set(sets);
        if (removes.length > 0) await area.remove(removes);
        return { ok: true };
      });
    },
    watch(listener) {
      const onChanged = (changes: Record<string, browser.Storage.StorageChange>, areaName: string) => {
        if (areaName !== 'local') return;
        const keys = Object.keys(changes).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
        if (keys.length > 0) listener(keys);
      };
      browser.storage.onChanged.addListener(onChanged);
      return () => browser.storage.onChanged.removeListener(onChanged);
    },
  };
}
