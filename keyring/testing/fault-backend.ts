/**
 * A StorageBackend wrapper that injects faults, for tests of the store's failure handling:
 * failing writes (quota, I/O), failing reads, and a hook that runs just before each
 * compare-and-set so a test can slip a concurrent writer in at the worst moment.
 */
import type { CasOp, CasResult, StorageBackend } from '../store/backend';

export type FaultPlan = {
  /** Number of upcoming write calls (set/remove/compareAndSet) that throw. */
  failWrites?: number;
  /** Number of upcoming read calls (get/list) that throw. */
  failReads?: number;
  /** Called before every compareAndSet reaches the inner backend. */
  beforeCas?: (ops: readonly CasOp[]) => Promise<void> | void;
};

export class FaultBackend implements StorageBackend {
  plan: FaultPlan = {};
  readonly counts = { get: 0, list: 0, set: 0, remove: 0, cas: 0, failed: 0 };

  constructor(private readonly inner: StorageBackend) {}

  async get(key: string): Promise<string | undefined> {
    this.counts.get++;
    this.maybeFail('failReads');
    return this.inner.get(key);
  }

  async list(prefix: string): Promise<Map<string, string>> {
    this.counts.list++;
    this.maybeFail('failReads');
    return this.inner.list(prefix);
  }

  async set(key: string, value: string): Promise<void> {
    this.counts.set++;
    this.maybeFail('failWrites');
    return this.inner.set(key, value);
  }

  async remove(key: string): Promise<void> {
    this.counts.remove++;
    this.maybeFail('failWrites');
    return this.inner.remove(key);
  }

  async compareAndSet(ops: readonly CasOp[]): Promise<CasResult> {
    this.counts.cas++;
    const hook = this.plan.beforeCas;
    if (hook) await hook(ops);
    this.maybeFail('failWrites');
    return this.inner.compareAndSet(ops);
  }

  watch(listener: (changedKeys: readonly string[]) => void): () => void {
    return this.inner.watch ? this.inner.watch(listener) : () => undefined;
  }

  resetCounts(): void {
    for (const k of Object.keys(this.counts) as (keyof typeof this.counts)[]) this.counts[k] = 0;
  }

  private maybeFail(which: 'failWrites' | 'failReads'): void {
    const left = this.plan[which] ?? 0;
    if (left <= 0) return;
    this.plan[which] = left - 1;
    this.counts.failed++;
    throw new Error(`injected ${which === 'failWrites' ? 'write' : 'read'} failure`);
  }
}
