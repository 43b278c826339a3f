/** A PageChanges whose batches a test emits by hand (the real one batches MutationObserver records). */
import type { OnChanges, PageChanges } from '../content/page-changes';

export function fakePageChanges(): PageChanges & { emit(nodes?: Node[]): void; listeners(): number } {
  const listeners = new Set<OnChanges>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    start() {},
    stop() {},
    emit(nodes = []) {
      for (const l of [...listeners]) l(nodes);
    },
    listeners: () => listeners.size,
  };
}
