/**
 * The storage the keyring is written to, injected so the core stays free of browser APIs.
 * Values are opaque strings (the store serialises its records itself), which lets every backend
 * implement compare-and-set by plain string equality: `chrome.storage.local` under a Web Lock in the
 * worker, an in-memory map in tests.
 */

/** One conditional write: applies only if `key` currently holds exactly `expect` (undefined = absent). */
export type CasOp = {
  readonly key: string;
  readonly expect: string | undefined;
  /** The new value; undefined removes the key. */
  readonly value: string | undefined;
};

export type CasResult = { readonly ok: true } | { readonly ok: false; readonly conflicts: readonly string[] };

export interface StorageBackend {
  get(key: string): Promise<string | undefined>;
  /** Every key starting with `prefix`, with its value, in one read. */
  list(prefix: string): Promise<Map<string, string>>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
  /**
   * All-or-nothing multi-key compare-and-set: if every op's expectation holds, every op is applied
   * atomically; otherwise nothing changes and the keys whose expectation failed are returned.
   */
  compareAndSet(ops: readonly CasOp[]): Promise<CasResult>;
  /** Optional change feed (chrome.storage.onChanged in the worker) so other contexts' writes reach our index. */
  watch?(listener: (changedKeys: readonly string[]) => void): () => void;
}
