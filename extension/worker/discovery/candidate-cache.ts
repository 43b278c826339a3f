/**
 * Candidates from a lookup, kept in storage.session until the user imports one (or 15 minutes pass):
 * `discovery.import` names a candidate by a random id, so no caller can hand the worker key bytes of its
 * own choosing under a discovery label, and an MV3 worker restart between preview and import loses nothing.
 * Public keys only; bounded in count.
 */
import { randomToken } from '../../../keyring/bytes';
import { arr, int, literal, obj, str, type Infer } from '../../shared/schema';
import type { KeyValueArea } from '../kv';
import { checkStored } from '../stored-record';

const cachedCandidateSchema = obj({
  id: str({ max: 64 }),
  email: str({ max: 320 }),
  fingerprint: str({ max: 64 }),
  sources: arr(literal('wkd-advanced', 'wkd-direct', 'vks'), { max: 3 }),
  publicArmored: str({ max: 4 * 1024 * 1024 }),
  expiresAt: int({ min: 0, max: 2 ** 53 }),
});
export type CachedCandidate = Infer<typeof cachedCandidateSchema>;

/** Each stored candidate checked; a damaged one is dropped, the others stay importable. */
function storedCandidates(stored: unknown): CachedCandidate[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((c: unknown) => {
    try {
      return [checkStored(c, cachedCandidateSchema, 'key discovery candidate')];
    } catch {
      return [];
    }
  });
}

const storageKey = 'discovery:candidates';
export const candidateLifetimeMs = 15 * 60 * 1000;
const maxKept = 24;

export function createCandidateCache(session: KeyValueArea, now: () => number = Date.now) {
  let memory: CachedCandidate[] | null = null;

  async function load(): Promise<CachedCandidate[]> {
    if (!memory) {
      const stored = await session.get(storageKey);
      memory = storedCandidates(stored);
    }
    const t = now();
    return memory.filter((c) => c.expiresAt > t);
  }

  async function save(list: CachedCandidate[]): Promise<void> {
    memory = list;
    // storage.session has a quota: if a huge key does not fit, the candidate still works until the worker stops.
    await session.set(storageKey, list).catch(() => undefined);
  }

  return {
    async put(items: Omit<CachedCandidate, 'id' | 'expiresAt'>[]): Promise<CachedCandidate[]> {
      const expiresAt = now() + candidateLifetimeMs;
      const added = items.map((c) => ({ ...c, id: randomToken(18), expiresAt }));
      await save([...(await load()), ...added].slice(-maxKept));
      return added;
    },
    async get(id: string): Promise<CachedCandidate | null> {
      return (await load()).find((c) => c.id === id) ?? null;
    },
    async remove(id: string): Promise<void> {
      await save((await load()).filter((c) => c.id !== id));
    },
  };
}
