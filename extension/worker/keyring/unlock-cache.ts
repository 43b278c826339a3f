/**
 * Unlocked OpenPGP keys (DESIGN §2.7): kept in memory, with the passphrase mirrored in `storage.session`
 * (memory-only, cleared when the browser closes, not readable by content scripts) so that an MV3 worker
 * restart does not ask again. Entries expire after the user's timeout; "lock now" clears everything.
 */
import { unlockKey, readKey, type PgpPrivateKey } from '../../../keyring/pgp';
import type { KeyValueArea } from '../kv';

const sessionKey = 'unlock.passphrases';
export const defaultUnlockMinutes = 15;

type Cached = { passphrase: string; until: number };

export function createUnlockCache(session: KeyValueArea, now: () => number = Date.now) {
  const keys = new Map<string, { key: PgpPrivateKey; until: number }>();
  let timeoutMinutes = defaultUnlockMinutes;

  async function stored(): Promise<Record<string, Cached>> {
    const v = await session.get(sessionKey);
    return typeof v === 'object' && v !== null ? (v as Record<string, Cached>) : {};
  }

  return {
    setTimeoutMinutes(minutes: number): void {
      timeoutMinutes = Math.max(0, Math.min(minutes, 24 * 60));
    },

    /** Unlocks the armored secret key with the passphrase (throws wrong-passphrase) and caches it. */
    async unlock(fingerprint: string, privateArmored: string, passphrase: string): Promise<PgpPrivateKey> {
      const key = await unlockKey(await readKey(privateArmored), passphrase);
      const until = now() + timeoutMinutes * 60_000;
      if (timeoutMinutes > 0) {
        keys.set(fingerprint, { key, until });
        await session.set(sessionKey, { ...(await stored()), [fingerprint]: { passphrase, until } });
      }
      return key;
    },

    /** The unlocked key if cached and not expired; after a worker restart, re-unlocks from the session mirror. */
    async get(fingerprint: string, privateArmored: string): Promise<PgpPrivateKey | null> {
      const hit = keys.get(fingerprint);
      if (hit && hit.until > now()) return hit.key;
      keys.delete(fingerprint);
      const mirror = (await stored())[fingerprint];
      if (!mirror || mirror.until <= now()) return null;
      try {
        const key = await unlockKey(await readKey(privateArmored), mirror.passphrase);
        keys.set(fingerprint, { key, until: mirror.until });
        return key;
      } catch {
        return null; // the key changed passphrase meanwhile: ask again
      }
    },

    isUnlocked(fingerprint: string): boolean {
      const hit = keys.get(fingerprint);
      return hit !== undefined && hit.until > now();
    },

    async lockAll(): Promise<void> {
      keys.clear();
      await session.remove(sessionKey);
    },
  };
}

export type UnlockCache = ReturnType<typeof createUnlockCache>;
