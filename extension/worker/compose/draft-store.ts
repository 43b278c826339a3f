/**
 * Encrypted drafts, one per secure editor: each editor saves under its own id, so a second editor on the
 * same web mail never overwrites the first one's draft, and sending one message removes only its own
 * draft. An index per origin lists the drafts (newest last); each draft is its own record, so an
 * autosave rewrites only itself. A draft from before per-editor drafts (`draft:<origin>`) is listed as
 * the id `legacy` until it is restored over or discarded.
 */
import { LockpaneError } from '../../../keyring/errors';
import { MiB } from '../../shared/catalogue/common';
import { arr, obj, optional, str, type Infer } from '../../shared/schema';
import type { KeyValueArea } from '../kv';
import { readStored } from '../stored-record';

/** `armored`: OpenPGP to the own key(s); `smime`: base64 CMS to the own certificate(s), when there is no OpenPGP key. */
export const storedDraftSchema = obj({ armored: optional(str({ max: 16 * MiB })), smime: optional(str({ max: 16 * MiB })), savedAt: str({ max: 40 }) });
export type StoredDraft = Infer<typeof storedDraftSchema>;

/** Enough for the drafts a person keeps open on one web mail; the oldest goes when a new one would exceed it. */
export const maxDraftsPerOrigin = 20;
export const draftIdPattern = /^[A-Za-z0-9_-]{8,43}$/;
export const legacyDraftId = 'legacy';

const indexSchema = obj({ drafts: arr(obj({ id: str({ max: 43, pattern: draftIdPattern }), savedAt: str({ max: 40 }) }), { max: maxDraftsPerOrigin }) });
type DraftIndex = Infer<typeof indexSchema>;
export type DraftEntry = DraftIndex['drafts'][number];

const legacyKey = (origin: string) => `draft:${origin}`;
const indexKey = (origin: string) => `drafts:${origin}`;
const recordKey = (origin: string, id: string) => (id === legacyDraftId ? legacyKey(origin) : `draft:${origin}#${id}`);

export function createDraftStore(local: KeyValueArea) {
  /** Index updates run one at a time: two editors autosaving together must not drop each other's entry. */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn);
    queue = next.catch(() => undefined);
    return next;
  };

  /** The drafts of an origin, oldest first; a damaged legacy record still counts (it exists, with no date). */
  async function list(origin: string): Promise<DraftEntry[]> {
    const index = (await readStored(local, indexKey(origin), indexSchema, 'draft index'))?.drafts ?? [];
    const legacy = await local.get(legacyKey(origin));
    if (legacy === undefined || index.some((d) => d.id === legacyDraftId)) return index;
    const savedAt = (legacy as { savedAt?: unknown } | null)?.savedAt;
    return [{ id: legacyDraftId, savedAt: typeof savedAt === 'string' ? savedAt.slice(0, 40) : '' }, ...index];
  }

  /** For writing: a damaged index starts afresh rather than blocking every later save. */
  async function listForWrite(origin: string): Promise<DraftEntry[]> {
    try {
      return await list(origin);
    } catch (e) {
      if (e instanceof LockpaneError && e.code === 'corrupt-record') return [];
      throw e;
    }
  }

  async function writeIndex(origin: string, drafts: DraftEntry[]): Promise<void> {
    const kept = drafts.filter((d) => d.id !== legacyDraftId);
    if (kept.length === 0) await local.remove(indexKey(origin));
    else await local.set(indexKey(origin), { drafts: kept } satisfies DraftIndex);
  }

  return {
    list,

    /** The newest draft that is not `ownId`'s: the one an editor offers to restore. */
    async newestOther(origin: string, ownId: string): Promise<DraftEntry | null> {
      const others = (await list(origin)).filter((d) => d.id !== ownId);
      return others[others.length - 1] ?? null;
    },

    /** The stored record, undefined when gone, `corrupt-record` when damaged. */
    read(origin: string, id: string): Promise<StoredDraft | undefined> {
      return readStored(local, recordKey(origin, id), storedDraftSchema, 'draft');
    },

    put(origin: string, id: string, record: StoredDraft): Promise<void> {
      if (id !== legacyDraftId && !draftIdPattern.test(id)) throw new LockpaneError('bad-data', 'A draft id has the wrong form.');
      return serial(async () => {
        await local.set(recordKey(origin, id), record);
        const drafts = (await listForWrite(origin)).filter((d) => d.id !== id && d.id !== legacyDraftId);
        drafts.push({ id, savedAt: record.savedAt });
        for (const gone of drafts.splice(0, Math.max(0, drafts.length - maxDraftsPerOrigin))) await local.remove(recordKey(origin, gone.id));
        await writeIndex(origin, drafts);
      });
    },

    remove(origin: string, id: string): Promise<void> {
      return serial(async () => {
        await local.remove(recordKey(origin, id));
        await writeIndex(origin, (await listForWrite(origin)).filter((d) => d.id !== id));
      });
    },
  };
}

export type DraftStore = ReturnType<typeof createDraftStore>;
