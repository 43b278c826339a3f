/** Unlocking, passphrase changes, revocation and export of keys. */
import * as openpgp from 'openpgp';
import { LockpaneError } from '../errors';
import { pgpConfig } from './config';
import { validateSecretMaterial } from './key-read';
import { guard, mapPgpError } from './map-error';
import type { PgpKey, PgpPrivateKey } from './types';

function requirePrivate(key: PgpKey, what: string): PgpPrivateKey {
  if (!key.isPrivate()) throw new LockpaneError('key-not-usable', `${what}: this is a public key; the secret key is needed.`);
  return key;
}

function isLocked(key: PgpPrivateKey): boolean {
  return key.getKeys().some((k) => {
    const p = k.keyPacket;
    return 'isDummy' in p && !p.isDummy() && !p.isDecrypted();
  });
}

/**
 * Returns an unlocked copy of `key` (the original stays locked). Every (sub)key's secret material
 * is validated after decryption, not only the primary key as openpgp.js does. An already unlocked
 * key is returned validated, whatever the passphrase.
 */
export async function unlockKey(key: PgpKey, passphrase: string | string[]): Promise<PgpPrivateKey> {
  const priv = requirePrivate(key, 'Unlocking key');
  if (!isLocked(priv)) {
    await validateSecretMaterial(priv);
    return priv;
  }
  const passphrases = (Array.isArray(passphrase) ? passphrase : [passphrase]).filter((p) => p.length > 0);
  if (passphrases.length === 0) throw new LockpaneError('key-locked', 'Unlocking key: the key is protected and no passphrase was given.');
  let unlocked: PgpPrivateKey;
  try {
    unlocked = await openpgp.decryptKey({ privateKey: priv, passphrase: passphrases, config: pgpConfig });
  } catch (e) {
    const mapped = mapPgpError(e, 'wrong-passphrase', 'Unlocking key');
    // A wrong passphrase shows up as a checksum or AEAD tag failure on the key packet.
    if (mapped.code === 'integrity-failure' || mapped.code === 'bad-data' || mapped.code === 'cannot-decrypt') {
      throw new LockpaneError('wrong-passphrase', 'Unlocking key: the passphrase is wrong.', { cause: e });
    }
    throw mapped;
  }
  await validateSecretMaterial(unlocked);
  return unlocked;
}

/** Unlocks with `oldPassphrase` and re-protects with `newPassphrase` (AEAD protection), or leaves it unprotected when `newPassphrase` is null. */
export async function changePassphrase(key: PgpKey, oldPassphrase: string, newPassphrase: string | null): Promise<PgpPrivateKey> {
  const unlocked = await unlockKey(key, oldPassphrase);
  if (newPassphrase === null) return unlocked;
  if (newPassphrase.length === 0) throw new LockpaneError('missing-argument', 'The new passphrase is empty.');
  return guard('internal', 'Protecting key', () =>
    openpgp.encryptKey({ privateKey: unlocked, passphrase: newPassphrase, config: { ...pgpConfig, aeadProtect: true } }));
}

export type RevocationReason = 'no-reason' | 'superseded' | 'compromised' | 'retired';

const reasonFlag: Record<RevocationReason, openpgp.enums.reasonForRevocation> = {
  'no-reason': openpgp.enums.reasonForRevocation.noReason,
  superseded: openpgp.enums.reasonForRevocation.keySuperseded,
  compromised: openpgp.enums.reasonForRevocation.keyCompromised,
  retired: openpgp.enums.reasonForRevocation.keyRetired,
};

/** Revokes an unlocked secret key; returns the revoked secret key (export its public part to publish). */
export async function revokeKey(key: PgpKey, reason: RevocationReason = 'no-reason', text = ''): Promise<PgpPrivateKey> {
  const priv = requirePrivate(key, 'Revoking key');
  if (isLocked(priv)) throw new LockpaneError('key-locked', 'Revoking key: unlock the key first.');
  const { privateKey } = await guard('internal', 'Revoking key', () => openpgp.revokeKey({
    key: priv, reasonForRevocation: { flag: reasonFlag[reason], string: text }, format: 'object', config: pgpConfig,
  }));
  return privateKey;
}

/** Applies a revocation certificate (armored, as made at generation or by GnuPG) to a key. */
export async function applyRevocationCertificate<K extends PgpKey>(key: K, certificate: string): Promise<K> {
  const result = await guard('bad-data', 'Applying revocation certificate', async () => {
    if (key.isPrivate()) return (await openpgp.revokeKey({ key, revocationCertificate: certificate, format: 'object', config: pgpConfig })).privateKey;
    return (await openpgp.revokeKey({ key, revocationCertificate: certificate, format: 'object', config: pgpConfig })).publicKey;
  });
  if (!await result.isRevoked(undefined, undefined, undefined, { ...openpgp.config, ...pgpConfig } as openpgp.Config)) {
    throw new LockpaneError('bad-data', 'The revocation certificate does not revoke this key.');
  }
  return result as K;
}

export type ExportOptions = { armor?: boolean; secret?: boolean };

/** Serialises a key: public only unless `secret` is set (and the key has secret material). */
export function exportKey(key: PgpKey, options: { armor: false; secret?: boolean }): Uint8Array;
export function exportKey(key: PgpKey, options?: { armor?: true; secret?: boolean }): string;
export function exportKey(key: PgpKey, options: ExportOptions = {}): string | Uint8Array {
  const armor = options.armor ?? true;
  if (options.secret && !key.isPrivate()) throw new LockpaneError('key-not-usable', 'Exporting key: there is no secret key to export.');
  const k: PgpKey = options.secret ? key : key.toPublic();
  return armor ? k.armor() : k.write();
}
