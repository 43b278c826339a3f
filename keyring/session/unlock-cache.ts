/**
 * The passphrase / unlocked-key cache. Passphrases are mirrored to an injected persistence (the
 * worker uses `storage.session`: memory-only, cleared on browser restart) so an MV3 worker restart
 * does not ask again; unlocked key objects stay in this instance's memory only and are rebuilt from
 * the cached passphrase after a restart. Expiry is absolute (from the unlock, not from last use),
 * so a cached secret never outlives the user-set timeout however busy the session is.
 */
import { LockpaneError } from '../errors';

export const DEFAULT_TIMEOUT_MS = 15 * 60_000;
export const MAX_TIMEOUT_MS = 24 * 60 * 60_000;

export type Clock = { now(): number };

export type SessionSnapshot = {
  version: 1;
  timeoutMs: number;
  items: { id: string; passphrase: string; unlockedAt: number }[];
};

export interface SessionPersistence {
  load(): Promise<SessionSnapshot | undefined>;
  save(snapshot: SessionSnapshot): Promise<void>;
  clear(): Promise<void>;
}

type Item<K> = { passphrase: string; unlockedAt: number; unlocked?: K };

export class UnlockCache<K = unknown> {
  private readonly items = new Map<string, Item<K>>();
  private timeoutMs: number;
  private readonly clock: Clock;
  private readonly persistence: SessionPersistence | undefined;

  constructor(opts: { clock?: Clock; persistence?: SessionPersistence; timeoutMs?: number } = {}) {
    this.clock = opts.clock ?? { now: () => Date.now() };
    this.persistence = opts.persistence;
    this.timeoutMs = checkTimeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  get timeout(): number { return this.timeoutMs; }

  /** After a worker restart: take back what is still valid; a damaged snapshot is discarded (fail closed). */
  async restore(): Promise<void> {
    if (!this.persistence) return;
    const snap = await this.persistence.load();
    if (!snap) return;
    if (snap.version !== 1 || !Array.isArray(snap.items) || typeof snap.timeoutMs !== 'number') {
      await this.persistence.clear();
      return;
    }
    this.timeoutMs = checkTimeout(snap.timeoutMs);
    for (const it of snap.items) {
      if (typeof it.id !== 'string' || typeof it.passphrase !== 'string' || typeof it.unlockedAt !== 'number') continue;
      this.items.set(it.id, { passphrase: it.passphrase, unlockedAt: it.unlockedAt });
    }
    if (this.dropExpired().length > 0) await this.persist();
  }

  async remember(id: string, passphrase: string, unlocked?: K): Promise<void> {
    if (this.timeoutMs === 0) return; // "never remember" setting
    this.items.set(id, { passphrase, unlockedAt: this.clock.now(), ...(unlocked !== undefined ? { unlocked } : {}) });
    await this.persist();
  }

  passphrase(id: string): string | undefined {
    return this.live(id)?.passphrase;
  }

  unlocked(id: string): K | undefined {
    return this.live(id)?.unlocked;
  }

  /** Keeps the unlocked object for an id whose passphrase is cached (e.g. rebuilt after a restart). */
  attachUnlocked(id: string, unlocked: K): void {
    const it = this.live(id);
    if (it) it.unlocked = unlocked;
  }

  ids(): string[] {
    this.dropExpired();
    return [...this.items.keys()];
  }

  /** Milliseconds-since-epoch of the next expiry (for the worker's alarm), or null. */
  nextExpiry(): number | null {
    let next: number | null = null;
    for (const it of this.items.values()) {
      const at = it.unlockedAt + this.timeoutMs;
      if (next === null || at < next) next = at;
    }
    return next;
  }

  /** A shorter timeout applies to what is already cached; 0 means never remember. */
  async setTimeout(ms: number): Promise<void> {
    this.timeoutMs = checkTimeout(ms);
    if (ms === 0) return this.lockNow();
    this.dropExpired();
    await this.persist();
  }

  async forget(id: string): Promise<void> {
    if (this.items.delete(id)) await this.persist();
  }

  /** Removes expired items; returns their ids. */
  async sweep(): Promise<string[]> {
    const gone = this.dropExpired();
    if (gone.length > 0) await this.persist();
    return gone;
  }

  /** Forgets everything, in memory first so a failing persistence can never leave us unlocked. */
  async lockNow(): Promise<void> {
    this.items.clear();
    if (!this.persistence) return;
    try {
      await this.persistence.clear();
    } catch (e) {
      throw new LockpaneError('internal', 'Locked in memory, but the session storage could not be cleared.', { cause: e });
    }
  }

  private live(id: string): Item<K> | undefined {
    const it = this.items.get(id);
    if (!it) return undefined;
    if (this.expired(it)) {
      this.items.delete(id);
      void this.persist().catch(() => undefined);
      return undefined;
    }
    return it;
  }

  private expired(it: Item<K>): boolean {
    return this.clock.now() >= it.unlockedAt + this.timeoutMs;
  }

  private dropExpired(): string[] {
    const gone: string[] = [];
    for (const [id, it] of this.items) if (this.expired(it)) { this.items.delete(id); gone.push(id); }
    return gone;
  }

  private async persist(): Promise<void> {
    if (!this.persistence) return;
    const items = [...this.items].map(([id, it]) => ({ id, passphrase: it.passphrase, unlockedAt: it.unlockedAt }));
    try {
      if (items.length === 0) await this.persistence.clear();
      else await this.persistence.save({ version: 1, timeoutMs: this.timeoutMs, items });
    } catch (e) {
      throw new LockpaneError('internal', 'The session storage could not be updated.', { cause: e });
    }
  }
}

function checkTimeout(ms: number): number {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIMEOUT_MS) {
    throw new LockpaneError('unsupported-option', `The unlock timeout must be between 0 and ${MAX_TIMEOUT_MS / 60_000} minutes.`);
  }
  return ms;
}
