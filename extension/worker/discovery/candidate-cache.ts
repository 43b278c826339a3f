/**
 * Candidates from a lookup, kept in storage.session until the user imports one (or 15 minutes pass):
 * `discovery.import` names a candidate by a random id, so no caller can hand the worker key bytes of its
 * own choosing under a discovery label, and an MV3 worker restart between preview and import loses nothing.
 * Public keys only; bounded in count.
 */
import { randomToken } from '../../../keyring/bytes';
import type { DiscoverySource } from '../../shared/discovery-types';
import type { KeyValueArea } from '../kv';

export type CachedCandidate = {
  id: string;
  email: string;
  fingerprint: string;
  sources: DiscoverySource[];
  publicArmored: string;
  expiresAt: number;
};

const storageKey = 'discovery:candidates';
export const candidateLifetimeMs = 15 * 60 * 1000;
const maxKept = 24;

export function createCandidateCache(session: KeyValueArea, now: () => number = Date.now) {
  let memory: CachedCandidate[] | null = null;

  async function load(): Promise<CachedCandidate[]> {
    if (!memory) {
      const stored = await session.get(storageKey);
      memory = Array.isArray(stored) ? (stored as CachedCandidate[]) : [];
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
