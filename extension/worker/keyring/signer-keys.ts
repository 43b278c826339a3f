/**
 * Signer keys on demand: a signature's key IDs are looked up in the store's key-ID index and only those
 * keys are parsed, so opening a message costs the same with 100 keys as with 10,000. Parsed keys are kept
 * (least recently used out first) under their fingerprint and reused only while the stored armored text
 * is the same string, so a key updated in the store (new signatures, a revocation) is parsed again.
 */
import { readKey, type PgpKey, type SignerLookup } from '../../../keyring/pgp';
import type { OpenPgpEntry } from '../../../keyring/store/entry';
import type { KeyringStore } from '../../../keyring/store/keyring-store';

export type ParseKey = (armored: string) => Promise<PgpKey>;

const DEFAULT_CAPACITY = 256;

export function createSignerKeys(store: () => Promise<KeyringStore>, parse: ParseKey = (a) => readKey(a), capacity = DEFAULT_CAPACITY): SignerLookup {
  const cache = new Map<string, { armored: string; key: Promise<PgpKey> }>();

  function parsed(entry: OpenPgpEntry): Promise<PgpKey> {
    const hit = cache.get(entry.fingerprint);
    cache.delete(entry.fingerprint);
    if (hit && hit.armored === entry.publicArmored) {
      cache.set(entry.fingerprint, hit);
      return hit.key;
    }
    const key = parse(entry.publicArmored);
    key.catch(() => { if (cache.get(entry.fingerprint)?.key === key) cache.delete(entry.fingerprint); });
    cache.set(entry.fingerprint, { armored: entry.publicArmored, key });
    for (const oldest of cache.keys()) {
      if (cache.size <= capacity) break;
      cache.delete(oldest);
    }
    return key;
  }

  return async (keyIds) => {
    const s = await store();
    const entries = new Map<string, OpenPgpEntry>();
    for (const id of keyIds) for (const e of s.findByKeyId(id)) entries.set(e.fingerprint, e);
    return Promise.all([...entries.values()].map(parsed));
  };
}
