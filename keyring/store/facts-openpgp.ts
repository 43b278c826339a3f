/**
 * The one adapter between the store and OpenPGP key material: parse keys, compute their facts,
 * check and apply secret-key protection, merge copies. It goes through the OpenPGP core's public
 * API (keyring/pgp), so parsing limits, validation of unprotected secret material (A4.4) and
 * error mapping are the core's; nothing else in keyring/store touches OpenPGP.
 */
import { LockpaneError, toLockpaneError } from '../errors';
import { changePassphrase, describeKey, exportKey, readKeys, type PgpKey, type PgpPrivateKey } from '../pgp';
import { emailFromUserId, normalizeFingerprint, type OpenPgpEntry, type OpenPgpFacts } from './entry';

/** Parses one or more keys, armored or binary (throws the core's typed errors). */
export async function readOpenPgpKeys(data: string | Uint8Array): Promise<PgpKey[]> {
  return readKeys(data);
}

/** Facts as of `now`; only user IDs with a valid self-certification count (appended ones are ignored). */
export async function describeOpenPgpKey(key: PgpKey, now = new Date()): Promise<{ fingerprint: string; emails: string[]; facts: OpenPgpFacts }> {
  const f = await describeKey(key, now);
  const emails = new Set<string>();
  for (const u of f.userIDs) {
    const email = emailFromUserId(u.email || u.uid);
    if (email) emails.add(email);
  }
  const subkeyEncrypts = f.subkeys.some((s) => s.canEncrypt);
  const subkeySigns = f.subkeys.some((s) => s.canSign);
  const facts: OpenPgpFacts = {
    version: f.version,
    algorithm: f.algorithm,
    created: f.created,
    expires: f.expires,
    revoked: f.revoked,
    userIds: f.userIDs.map((u) => u.uid),
    // The core reports usability for the key as a whole; when no subkey provides it, the primary does.
    primaryCanSign: f.canSign && !subkeySigns,
    primaryCanEncrypt: f.canEncrypt && !subkeyEncrypts,
    subkeys: f.subkeys.map((s) => ({
      fingerprint: s.fingerprint, algorithm: s.algorithm, created: s.created, expires: s.expires,
      revoked: s.revoked, canEncrypt: s.canEncrypt, canSign: s.canSign,
    })),
  };
  return { fingerprint: f.fingerprint.toUpperCase(), emails: [...emails].sort(), facts };
}

/** True when every real secret (sub)key packet is passphrase-encrypted. */
export function isSecretProtected(key: PgpPrivateKey): boolean {
  return key.getKeys().every((k) => {
    const p = k.keyPacket;
    return !('isDummy' in p) || p.isDummy() || !p.isDecrypted();
  });
}

/** Builds a store entry from one parsed key; refuses an unprotected secret key (protect it first). */
export async function openPgpEntryFromKey(key: PgpKey, now = new Date()): Promise<OpenPgpEntry> {
  const described = await describeOpenPgpKey(key, now);
  const entry: OpenPgpEntry = {
    kind: 'openpgp',
    fingerprint: normalizeFingerprint(described.fingerprint),
    emails: described.emails,
    facts: described.facts,
    publicArmored: exportKey(key, { armor: true }),
    addedAt: now.toISOString(),
  };
  if (key.isPrivate()) {
    if (!isSecretProtected(key)) {
      throw new LockpaneError('key-invalid', 'Refusing to store an OpenPGP secret key that is not passphrase-protected; protect it first.');
    }
    entry.privateArmored = exportKey(key, { armor: true, secret: true });
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
 * Protects an unprotected secret key under the user's passphrase. The core validates the secret
 * material against the public key first (A4.4) and protects with AEAD (S2K usage 253).
 */
export async function protectSecretKey(armored: string, passphrase: string): Promise<string> {
  if (passphrase.length === 0) throw new LockpaneError('missing-argument', 'A passphrase is required to protect a secret key.');
  const keys = await readOpenPgpKeys(armored);
  const key = keys[0];
  if (keys.length !== 1 || !key || !key.isPrivate()) throw new LockpaneError('bad-data', 'Expected one OpenPGP secret key.');
  if (isSecretProtected(key)) throw new LockpaneError('unsupported-option', 'The secret key is already passphrase-protected.');
  const locked = await changePassphrase(key, '', passphrase);
  return exportKey(locked, { armor: true, secret: true });
}

/**
 * Merges a newer copy of a key we already hold (new signatures, subkeys, revocations) instead of
 * replacing it, so a refresh never drops what the old copy had. The private part is kept from
 * whichever side has one (the stored one first: it is already protected).
 */
export async function mergeOpenPgpEntries(stored: OpenPgpEntry, incoming: OpenPgpEntry, now = new Date()): Promise<OpenPgpEntry> {
  if (stored.fingerprint !== incoming.fingerprint) throw new LockpaneError('internal', 'Cannot merge two different keys.');
  const priv = stored.privateArmored ?? incoming.privateArmored;
  if (stored.publicArmored === incoming.publicArmored) return { ...stored, ...(priv !== undefined ? { privateArmored: priv } : {}) };
  const [a] = await readOpenPgpKeys(stored.publicArmored);
  const [b] = await readOpenPgpKeys(incoming.publicArmored);
  if (!a || !b) throw new LockpaneError('bad-data', 'A stored key could not be read for merging.');
  let merged: PgpKey;
  try {
    // No config argument: the core has already set the library-wide defaults to its safe values.
    merged = await a.update(b, now);
  } catch (e) {
    throw toLockpaneError(e, 'bad-data', 'The two copies of the key could not be merged.');
  }
  const entry = await openPgpEntryFromKey(merged, now);
  entry.addedAt = stored.addedAt;
  if (priv !== undefined) entry.privateArmored = priv;
  return entry;
}
