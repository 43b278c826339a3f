/**
 * Unlocked private keys (DESIGN §2.7), on the keyring's one cache (keyring/session/unlock-cache.ts): the
 * passphrase is mirrored in `storage.session` (memory-only, cleared when the browser closes, not readable
 * by content scripts) so an MV3 worker restart does not ask again; unlocked key objects stay in this
 * worker's memory and are rebuilt from the mirror after a restart. Expiry counts from the unlock, under the
 * current timeout (a shorter one, e.g. from policy, applies to what is already unlocked); "lock now" clears
 * everything. OpenPGP keys are unlocked with openpgp.js; S/MIME keys are PKCS#8 inside a passphrase envelope.
 */
import { unlockKey, readKey, type PgpPrivateKey } from '../../../keyring/pgp';
import { UnlockCache, type SessionPersistence, type SessionSnapshot } from '../../../keyring/session/unlock-cache';
import { unprotectPkcs8, type PrivateKeyEnvelope } from '../../../keyring/store/private-key-envelope';
import { arr, exactly, int, obj, str } from '../../shared/schema';
import type { KeyValueArea } from '../kv';
import { readStored } from '../stored-record';
import { timed } from '../worker-timing';

export const unlockSessionKey = 'unlock.passphrases';
export const defaultUnlockMinutes = 15;

type Unlocked = { kind: 'openpgp'; key: PgpPrivateKey } | { kind: 'x509'; pkcs8: Uint8Array };
/** Cache ids of certificate private keys; the prefix keeps them apart from OpenPGP fingerprints. */
const certSlot = (fingerprint: string) => `x509:${fingerprint}`;

const snapshotSchema = obj({
  version: exactly(1),
  timeoutMs: int({ min: 0, max: 2 ** 53 }),
  items: arr(obj({ id: str({ max: 200 }), passphrase: str({ max: 1024 }), unlockedAt: int({ min: 0, max: 2 ** 53 }) }), { max: 1000 }),
});

function sessionPersistence(session: KeyValueArea): SessionPersistence {
  return {
    // A damaged mirror is cleared: the user is asked for the passphrase again, nothing else is lost (fail closed).
    load: async (): Promise<SessionSnapshot | undefined> => {
      try {
        return await readStored(session, unlockSessionKey, snapshotSchema, 'unlock cache');
      } catch {
        await session.remove(unlockSessionKey);
        return undefined;
      }
    },
    save: (snapshot) => session.set(unlockSessionKey, snapshot),
    clear: () => session.remove(unlockSessionKey),
  };
}

export function createUnlockCache(session: KeyValueArea, now: () => number = Date.now) {
  const cache = new UnlockCache<Unlocked>({ clock: { now }, persistence: sessionPersistence(session), timeoutMs: defaultUnlockMinutes * 60_000 });
  // Restoring (and timeout changes) run in order before any use; a damaged mirror only means asking again.
  let settled: Promise<void> = timed('lp:unlock-restore', () => cache.restore()).catch(() => undefined);
  const ready = () => settled;

  /** Re-openings under way, by cache id: a warm-up and a request asking at once derive the key only once. */
  const reopening = new Map<string, Promise<unknown>>();

  /** The cached passphrase re-opens the key after a worker restart; null when none or it no longer fits. */
  function reopen<T>(id: string, open: (passphrase: string) => Promise<T>, keep: (value: T) => Unlocked): Promise<T | null> {
    const running = reopening.get(id) as Promise<T | null> | undefined;
    if (running) return running;
    const passphrase = cache.passphrase(id);
    if (passphrase === undefined) return Promise.resolve(null);
    const done = (async () => {
      try {
        const value = await timed('lp:key-reopen', () => open(passphrase));
        cache.attachUnlocked(id, keep(value));
        return value;
      } catch {
        return null; // the key changed passphrase meanwhile: ask again
      } finally {
        reopening.delete(id);
      }
    })();
    reopening.set(id, done);
    return done;
  }

  return {
    setTimeoutMinutes(minutes: number): void {
      const ms = Math.round(Math.max(0, Math.min(minutes, 24 * 60)) * 60_000);
      settled = settled.then(() => cache.setTimeout(ms)).catch(() => undefined);
    },

    /** Unlocks the armored secret key with the passphrase (throws wrong-passphrase) and caches it. */
    async unlock(fingerprint: string, privateArmored: string, passphrase: string): Promise<PgpPrivateKey> {
      const key = await unlockKey(await readKey(privateArmored), passphrase);
      await ready();
      await cache.remember(fingerprint, passphrase, { kind: 'openpgp', key });
      return key;
    },

    /** The unlocked key if cached and not expired; after a worker restart, re-unlocked from the session mirror. */
    async get(fingerprint: string, privateArmored: string): Promise<PgpPrivateKey | null> {
      await ready();
      const hit = cache.unlocked(fingerprint);
      if (hit?.kind === 'openpgp') return hit.key;
      return reopen(fingerprint, async (p) => unlockKey(await readKey(privateArmored), p), (key) => ({ kind: 'openpgp', key }));
    },

    /** Opens a certificate's private-key envelope (throws wrong-passphrase) and caches the PKCS#8. */
    async unlockCertificate(fingerprint: string, envelope: PrivateKeyEnvelope, passphrase: string): Promise<Uint8Array> {
      const pkcs8 = await unprotectPkcs8(envelope, passphrase, fingerprint);
      await ready();
      await cache.remember(certSlot(fingerprint), passphrase, { kind: 'x509', pkcs8 });
      return pkcs8;
    },

    /** The certificate's PKCS#8 if unlocked; after a worker restart, re-opened from the session mirror. */
    async getCertificate(fingerprint: string, envelope: PrivateKeyEnvelope): Promise<Uint8Array | null> {
      await ready();
      const hit = cache.unlocked(certSlot(fingerprint));
      if (hit?.kind === 'x509') return hit.pkcs8;
      return reopen(certSlot(fingerprint), (p) => unprotectPkcs8(envelope, p, fingerprint), (pkcs8) => ({ kind: 'x509', pkcs8 }));
    },

    /** Whether the key is open in this worker now (after a restart: once it was used again). */
    isUnlocked(fingerprint: string): boolean {
      return cache.unlocked(fingerprint) !== undefined || cache.unlocked(certSlot(fingerprint)) !== undefined;
    },

    async lockAll(): Promise<void> {
      await ready();
      await cache.lockNow();
    },
  };
}

export type WorkerUnlockCache = ReturnType<typeof createUnlockCache>;
