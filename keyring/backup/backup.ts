/**
 * Encrypted backup and exact restore of the whole keyring. Restore decrypts and checks everything
 * before writing anything: a wrong password, a damaged file or a key whose recomputed fingerprint
 * differs from its record (SECURITY.md A4.4) fails with a typed error and changes nothing; a good
 * backup replaces the keyring in one atomic write.
 */
import { LockpaneError, isLockpaneError } from '../errors';
import { decrypt, encrypt } from '../pgp';
import { normalizeFingerprint } from '../store/entry';
import { assertProtectedSecretKey, fingerprintOfArmored } from '../store/facts-openpgp';
import { certificateDer, sha256Fingerprint } from '../store/facts-x509';
import type { KeyringStore } from '../store/keyring-store';
import { BACKUP_FORMAT, BACKUP_VERSION, MAX_BACKUP_BYTES, parseBackupJson, type BackupContents } from './backup-format';

export type BackupSummary = { entries: number; trust: number; conflicts: number; roots: number; createdAt: string };

export async function createBackup(store: KeyringStore, password: string, settings: unknown = null, now = new Date()): Promise<string> {
  if (password.length === 0) throw new LockpaneError('missing-argument', 'A backup password is required.');
  const contents: BackupContents = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now.toISOString(), keyring: store.snapshot(), settings };
  let json: string;
  try {
    json = JSON.stringify(contents);
  } catch (e) {
    throw new LockpaneError('bad-data', 'The settings cannot be written to a backup (not plain JSON).', { cause: e });
  }
  const out = await encrypt({ data: new TextEncoder().encode(json), passwords: [password], armor: true, filename: 'lockpane-backup.json' });
  if (typeof out !== 'string') throw new LockpaneError('internal', 'The backup was not armored.');
  return out;
}

/** Decrypts and checks a backup without touching the keyring (also the "preview" before restoring). */
export async function readBackup(file: string | Uint8Array, password: string): Promise<BackupContents> {
  const size = typeof file === 'string' ? file.length : file.byteLength;
  if (size > MAX_BACKUP_BYTES) throw new LockpaneError('too-large', 'The backup file is larger than 64 MiB.');
  let data: Uint8Array;
  try {
    ({ data } = await decrypt({ message: file, passwords: [password] }));
  } catch (e) {
    // A password-only message that no password opens: the password is wrong.
    if (isLockpaneError(e, 'cannot-decrypt')) throw new LockpaneError('wrong-passphrase', 'The backup password is wrong.', { cause: e });
    throw e;
  }
  const contents = parseBackupJson(new TextDecoder().decode(data));
  await checkMaterial(contents);
  return contents;
}

/** Recomputes every fingerprint from the key material and compares it with the record. */
async function checkMaterial(contents: BackupContents): Promise<void> {
  for (const raw of contents.keyring.entries) {
    const e = raw as { kind?: unknown; fingerprint?: unknown; publicArmored?: unknown; privateArmored?: unknown; certificatePem?: unknown };
    if (typeof e.fingerprint !== 'string') throw new LockpaneError('bad-data', 'A backup entry has no fingerprint.');
    const claimed = normalizeFingerprint(e.fingerprint);
    let actual: string;
    if (e.kind === 'openpgp' && typeof e.publicArmored === 'string') {
      actual = await fingerprintOfArmored(e.publicArmored);
      if (typeof e.privateArmored === 'string') await assertProtectedSecretKey(e.privateArmored, claimed);
    } else if (e.kind === 'x509' && typeof e.certificatePem === 'string') {
      actual = await sha256Fingerprint(certificateDer(e.certificatePem));
    } else {
      throw new LockpaneError('bad-data', `Backup entry ${claimed} has no key material.`);
    }
    if (actual !== claimed) {
      throw new LockpaneError('key-invalid', `Backup entry ${claimed} holds the key ${actual}: the backup was altered; nothing was restored.`);
    }
  }
}

/** Replaces the keyring with the backup's content; returns the settings blob for the caller to apply. */
export async function restoreBackup(store: KeyringStore, file: string | Uint8Array, password: string): Promise<{ settings: unknown; summary: BackupSummary }> {
  const contents = await readBackup(file, password);
  await store.replaceAll(contents.keyring);
  const k = contents.keyring;
  return { settings: contents.settings, summary: { entries: k.entries.length, trust: k.trust.length, conflicts: k.conflicts.length, roots: k.roots.length, createdAt: contents.createdAt } };
}
