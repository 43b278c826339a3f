/**
 * Unlocked private keys (DESIGN §2.7): kept in memory, with the passphrase mirrored in `storage.session`
 * (memory-only, cleared when the browser closes, not readable by content scripts) so that an MV3 worker
 * restart does not ask again. Entries expire after the user's timeout; "lock now" clears everything.
 * OpenPGP keys are unlocked with openpgp.js; S/MIME keys are PKCS#8 inside a passphrase envelope.
 */
import { unlockKey, readKey, type PgpPrivateKey } from '../../../keyring/pgp';
import { unprotectPkcs8, type PrivateKeyEnvelope } from '../../../keyring/store/private-key-envelope';

import type { KeyValueArea } from '../kv';

const sessionKey = 'unlock.passphrases';
export const defaultUnlockMinutes = 15;

type Cached = { passphrase: string; until: number };
/** Mirror keys of certificate private keys; the prefix keeps them apart from OpenPGP fingerprints. */
const certSlot = (fingerprint: string) => `x509:${fingerprint}`;

export function createUnlockCache(session: KeyValueArea, now: () => number = Date.now) {
  const keys = new Map<string, { key: PgpPrivateKey; until: number }>();
  const pkcs8s = new Map<string, { pkcs8: Uint8Array; until: number }>();
  let timeoutMinutes = defaultUnlockMinutes;

  async function stored(): Promise<Record<string, Cached>> {
    const v = await session.get(sessionKey);
    return typeof v === 'object' && v !== null ? (v as Record<string, Cached>) : {};
  }

  async function remember(slot: string, passphrase: string, until: number): Promise<void> {
    await session.set(sessionKey, { ...(await stored()), [slot]: { passphrase, until } });
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
        await remember(fingerprint, passphrase, until);
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

    /** Opens a certificate's private-key envelope (throws wrong-passphrase) and caches the PKCS#8. */
    async unlockCertificate(fingerprint: string, envelope: PrivateKeyEnvelope, passphrase: string): Promise<Uint8Array> {
      const pkcs8 = await unprotectPkcs8(envelope, passphrase, fingerprint);
      const until = now() + timeoutMinutes * 60_000;
      if (timeoutMinutes > 0) {
        pkcs8s.set(fingerprint, { pkcs8, until });
        await remember(certSlot(fingerprint), passphrase, until);
      }
      return pkcs8;
    },

    /** The certificate's PKCS#8 if unlocked; after a worker restart, re-opened from the session mirror. */
    async getCertificate(fingerprint: string, envelope: PrivateKeyEnvelope): Promise<Uint8Array | null> {
      const hit = pkcs8s.get(fingerprint);
      if (hit && hit.until > now()) return hit.pkcs8;
      pkcs8s.delete(fingerprint);
      const mirror = (await stored())[certSlot(fingerprint)];
      if (!mirror || mirror.until <= now()) return null;
      try {
        const pkcs8 = await unprotectPkcs8(envelope, mirror.passphrase, fingerprint);
        pkcs8s.set(fingerprint, { pkcs8, until: mirror.until });
        return pkcs8;
      } catch {
        return null;
      }
    },

    isUnlocked(fingerprint: string): boolean {
      const hit = keys.get(fingerprint) ?? pkcs8s.get(fingerprint);
      return hit !== undefined && hit.until > now();
    },

    async lockAll(): Promise<void> {
      keys.clear();
      pkcs8s.clear();
      await session.remove(sessionKey);
    },
  };
}

export type UnlockCache = ReturnType<typeof createUnlockCache>;
