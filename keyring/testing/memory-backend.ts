/** An in-memory StorageBackend: the reference implementation and the one tests use. */
import type { CasOp, CasResult, StorageBackend } from '../store/backend';

export class MemoryBackend implements StorageBackend {
  private readonly data = new Map<string, string>();
  private readonly listeners = new Set<(keys: readonly string[]) => void>();

  constructor(initial?: Iterable<[string, string]>) {
    if (initial) for (const [k, v] of initial) this.data.set(k, v);
  }

  async get(key: string): Promise<string | undefined> {
    return this.data.get(key);
  }

  async list(prefix: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const [k, v] of this.data) if (k.startsWith(prefix)) out.set(k, v);
    return out;
  }

  async set(key: string, value: string): Promise<void> {
    this.data.set(key, value);
    this.emit([key]);
  }

  async remove(key: string): Promise<void> {
    this.data.delete(key);
    this.emit([key]);
  }

  async compareAndSet(ops: readonly CasOp[]): Promise<CasResult> {
    // Synchronous body: nothing can interleave between the check and the writes.
    const conflicts = ops.filter((op) => this.data.get(op.key) !== op.expect).map((op) => op.key);
    if (conflicts.length > 0) return { ok: false, conflicts };
    for (const op of ops) {
      if (op.value === undefined) this.data.delete(op.key);
      else this.data.set(op.key, op.value);
    }
    if (ops.length > 0) this.emit(ops.map((op) => op.key));
    return { ok: true };
  }

  watch(listener: (changedKeys: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Test helper: a snapshot of everything stored. */
  dump(): Map<string, string> {
    return new Map(this.data);
  }

  private emit(keys: readonly string[]): void {
    // Asynchronous like chrome.storage.onChanged, so listeners never run inside a writer's call.
    for (const l of this.listeners) queueMicrotask(() => l(keys));
  }
}
