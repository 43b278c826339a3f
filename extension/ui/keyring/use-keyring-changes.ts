/**
 * Calls back when the keyring changes outside this page — a key added from a mail in the reader, or in
 * another tab — so an open keyring page never shows a stale list (a new user returns to the tab and
 * looks for the key just added). Batched: one call per burst of writes.
 */
import browser from 'webextension-polyfill';
import { useEffect } from 'preact/hooks';
import { keyringRecordPrefix } from '../../shared/storage-keys';

export function useKeyringChanges(onChange: () => void): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !Object.keys(changes).some((k) => k.startsWith(keyringRecordPrefix))) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => { timer = null; onChange(); }, 150);
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      browser.storage.onChanged.removeListener(listener);
      if (timer) clearTimeout(timer);
    };
  }, []);
}
