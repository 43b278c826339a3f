/**
 * The one adapter between the store and OpenPGP key material: parse keys, compute their facts,
 * check and apply secret-key protection. It uses openpgp.js directly because the OpenPGP core's
 * public API (keyring/pgp/index.ts) did not exist yet; switch to it here and nowhere else.
 */
import * as openpgp from 'openpgp';
import { LockpaneError, toLockpaneError } from '../errors';
import { pgpConfig } from '../pgp/config';
import {
  emailFromUserId, normalizeFingerprint, type OpenPgpEntry, type OpenPgpFacts, type OpenPgpSubkeyFacts,
} from './entry';

type AnyKey = openpgp.PublicKey | openpgp.PrivateKey;
const cfg = { ...openpgp.config, ...pgpConfig } as openpgp.Config;

const MAX_KEY_BYTES = 16 * 1024 * 1024;

async function succeeds(p: () => Promise<unknown>): Promise<boolean> {
  try { await p(); return true; } catch { return false; }
}

function iso(d: Date | number | null): string | null {
  return d instanceof Date ? d.toISOString() : null;
}

function algorithmName(info: openpgp.AlgorithmInfo): string {
  if (info.algorithm.startsWith('rsa')) return `rsa${info.bits ?? ''}`;
  if (info.algorithm === 'eddsaLegacy') return 'ed25519';
  if (info.algorithm === 'ecdh' || info.algorithm === 'ecdsa') return `${info.algorithm}-${String(info.curve)}`;
  return info.algorithm;
}

/** Parses one or more keys, armored or binary. */
export async function readOpenPgpKeys(data: string | Uint8Array): Promise<AnyKey[]> {
  const size = typeof data === 'string' ? data.length : data.byteLength;
  if (size > MAX_KEY_BYTES) throw new LockpaneError('too-large', 'The key data is larger than 16 MiB.');
  try {
    const armored = typeof data === 'string' ? data : /^\s*-----BEGIN PGP /.test(new TextDecoder().decode(data.subarray(0, 64))) ? new TextDecoder().decode(data) : undefined;
    const keys = armored !== undefined
      ? await openpgp.readKeys({ armoredKeys: armored, config: pgpConfig })
      : await openpgp.readKeys({ binaryKeys: data as Uint8Array, config: pgpConfig });
    if (keys.length === 0) throw new LockpaneError('bad-data', 'No OpenPGP key found.');
    return keys;
  } catch (e) {
    throw toLockpaneError(e, 'bad-data', `Not a readable OpenPGP key: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Facts as of `now`; only user IDs with a valid self-certification count (appended ones are ignored). */
export async function describeOpenPgpKey(key: AnyKey, now = new Date()): Promise<{ fingerprint: string; emails: string[]; facts: OpenPgpFacts }> {
  const userIds: string[] = [];
  const emails = new Set<string>();
  for (const user of key.users) {
    if (!user.userID) continue;
    if (!await succeeds(() => user.verify(now, cfg))) continue;
    userIds.push(user.userID.userID);
    const email = emailFromUserId(user.userID.email || user.userID.userID);
    if (email) emails.add(email);
  }
  const subkeys: OpenPgpSubkeyFacts[] = [];
  for (const sub of key.subkeys) {
    const id = sub.getKeyID();
    subkeys.push({
      fingerprint: sub.getFingerprint().toUpperCase(),
      algorithm: algorithmName(sub.getAlgorithmInfo()),
      created: sub.getCreationTime().toISOString(),
      expires: iso(await sub.getExpirationTime(now, cfg).catch(() => null)),
      revoked: sub.revocationSignatures.length > 0 && await sub.isRevoked(null as never, null as never, now, cfg).catch(() => false),
      canEncrypt: await succeeds(() => key.getEncryptionKey(id, now, undefined, cfg)),
      canSign: await succeeds(() => key.getSigningKey(id, now, undefined, cfg)),
    });
  }
  const primaryId = key.getKeyID();
  const facts: OpenPgpFacts = {
    version: key.keyPacket.version,
    algorithm: algorithmName(key.getAlgorithmInfo()),
    created: key.getCreationTime().toISOString(),
    expires: iso(await key.getExpirationTime(undefined, cfg).catch(() => null)),
    revoked: await key.isRevoked(undefined, undefined, now, cfg).catch(() => false),
    userIds,
    primaryCanSign: await succeeds(() => key.getSigningKey(primaryId, now, undefined, cfg)),
    primaryCanEncrypt: await succeeds(() => key.getEncryptionKey(primaryId, now, undefined, cfg)),
    subkeys,
  };
  return { fingerprint: key.getFingerprint().toUpperCase(), emails: [...emails].sort(), facts };
}

/** True when every real secret (sub)key packet is passphrase-encrypted. */
export function isSecretProtected(key: openpgp.PrivateKey): boolean {
  return key.getKeys().every((k) => {
    const p = k.keyPacket as openpgp.SecretKeyPacket | openpgp.SecretSubkeyPacket;
    return p.isDummy() || !p.isDecrypted();
  });
}

/** Builds a store entry from one parsed key; refuses an unprotected secret key (protect it first). */
export async function openPgpEntryFromKey(key: AnyKey, now = new Date()): Promise<OpenPgpEntry> {
  const described = await describeOpenPgpKey(key, now);
  const entry: OpenPgpEntry = {
    kind: 'openpgp',
    fingerprint: normalizeFingerprint(described.fingerprint),
    emails: described.emails,
    facts: described.facts,
    publicArmored: key.isPrivate() ? key.toPublic().armor(cfg) : key.armor(cfg),
    addedAt: now.toISOString(),
  };
  if (key.isPrivate()) {
    if (!isSecretProtected(key)) {
      throw new LockpaneError('key-invalid', 'Refusing to store an OpenPGP secret key that is not passphrase-protected; protect it first.');
    }
    entry.privateArmored = key.armor(cfg);
  }
  return entry;
}

/** Re-parses stored armor and returns its fingerprint (used on restore and before storing). */
export async function fingerprintOfArmored(armored: string): Promise<string> {
  const keys = await readOpenPgpKeys(armored);
  if (keys.length !== 1) throw new LockpaneError('bad-data', `Expected one key, found ${keys.length}.`);
  return keys[0]!.getFingerprint().toUpperCase();
}

/** Store-side guard: the armor is one secret key, of this fingerprint, fully passphrase-protected. */
export async function assertProtectedSecretKey(armored: string, fingerprint: string): Promise<void> {
  const keys = await readOpenPgpKeys(armored);
  const key = keys[0];
  if (keys.length !== 1 || !key || !key.isPrivate()) throw new LockpaneError('key-invalid', 'The stored private part is not one OpenPGP secret key.');
  if (key.getFingerprint().toUpperCase() !== normalizeFingerprint(fingerprint)) {
    throw new LockpaneError('key-invalid', 'The private part belongs to a different key than the entry.');
  }
  if (!isSecretProtected(key)) {
    throw new LockpaneError('key-invalid', 'Refusing to store an OpenPGP secret key that is not passphrase-protected; protect it first.');
  }
}

/**
 * Protects an unprotected secret key under the user's passphrase, after checking its secret
 * material matches its public key (key-overwriting attacks, SECURITY.md A4.4). AEAD protection
 * (S2K usage 253) by default, since its public parameters are then authenticated too.
 */
export async function protectSecretKey(armored: string, passphrase: string, opts: { aead?: boolean } = {}): Promise<string> {
  if (passphrase.length === 0) throw new LockpaneError('missing-argument', 'A passphrase is required to protect a secret key.');
  const keys = await readOpenPgpKeys(armored);
  const key = keys[0];
  if (keys.length !== 1 || !key || !key.isPrivate()) throw new LockpaneError('bad-data', 'Expected one OpenPGP secret key.');
  if (isSecretProtected(key)) throw new LockpaneError('unsupported-option', 'The secret key is already passphrase-protected.');
  for (const k of key.getKeys()) {
    const p = k.keyPacket as openpgp.SecretKeyPacket;
    if (p.isDummy()) continue;
    try { await p.validate(); } catch (e) {
      throw new LockpaneError('key-invalid', 'The secret key material does not match its public key (possibly tampered with).', { cause: e });
    }
  }
  try {
    const locked = await openpgp.encryptKey({ privateKey: key, passphrase, config: { ...pgpConfig, aeadProtect: opts.aead ?? true } });
    return locked.armor(cfg);
  } catch (e) {
    throw toLockpaneError(e, 'internal', 'Could not protect the secret key.');
  }
}

/**
 * Merges a newer copy of a key we already hold (new signatures, subkeys, revocations) instead of
 * replacing it, so a refresh never drops what the old copy had. The private part is kept from
 * whichever side has one (the stored one first: it is already protected).
 */
export async function mergeOpenPgpEntries(stored: OpenPgpEntry, incoming: OpenPgpEntry, now = new Date()): Promise<OpenPgpEntry> {
  if (stored.fingerprint !== incoming.fingerprint) throw new LockpaneError('internal', 'Cannot merge two different keys.');
  if (stored.publicArmored === incoming.publicArmored) {
    const same: OpenPgpEntry = { ...stored };
    const priv = stored.privateArmored ?? incoming.privateArmored;
    if (priv !== undefined) same.privateArmored = priv;
    return same;
  }
  const [a] = await readOpenPgpKeys(stored.publicArmored);
  const [b] = await readOpenPgpKeys(incoming.publicArmored);
  if (!a || !b) throw new LockpaneError('bad-data', 'A stored key could not be read for merging.');
  let merged: AnyKey;
  try {
    merged = await a.update(b, now, cfg);
  } catch (e) {
    throw toLockpaneError(e, 'bad-data', 'The two copies of the key could not be merged.');
  }
  const entry = await openPgpEntryFromKey(merged, now);
  entry.addedAt = stored.addedAt;
  const priv = stored.privateArmored ?? incoming.privateArmored;
  if (priv !== undefined) entry.privateArmored = priv;
  return entry;
}
