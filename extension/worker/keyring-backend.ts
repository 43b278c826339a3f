/**
 * The keyring's StorageBackend in the worker: storage.local, with compare-and-set under a Web Lock that
 * every extension context of our origin shares, so two contexts writing at once never lose a write.
 */
import browser from 'webextension-polyfill';
import type { StorageBackend } from '../../keyring/store/backend';
import { lockTimeoutError, storageAreaBackend, type StorageAreaLike } from './storage-area-backend';

const lockName = 'lockpane-keyring';
const lockWaitMs = 15_000;

type Locks = { request<T>(name: string, options: { signal: AbortSignal }, cb: () => Promise<T>): Promise<T> };

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as unknown as { locks?: Locks }).locks;
  if (!locks) return fn();
  try {
    return await locks.request(lockName, { signal: AbortSignal.timeout(lockWaitMs) }, fn);
  } catch (e) {
    if (e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError')) throw lockTimeoutError();
    throw e;
  }
}

export function localStorageBackend(area: StorageAreaLike = browser.storage.local): StorageBackend {
  return storageAreaBackend(area, withLock, (listener) => {
    const onChanged = (changes: Record<string, browser.Storage.StorageChange>, areaName: string) => {
      if (areaName === 'local') listener(Object.keys(changes));
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  });
}
