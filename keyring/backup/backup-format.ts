/**
 * The backup file: one OpenPGP password-encrypted message (SKESK + SEIPD with integrity
 * protection, ASCII-armored), so GnuPG or any OpenPGP tool can also open it, holding this JSON:
 *   { "format": "lockpane-backup", "version": 1, "createdAt": ISO,
 *     "keyring": { "entries": [...], "trust": [...], "conflicts": [...], "roots": [...] },
 *     "settings": <the caller's settings blob> }
 * Private keys inside are still protected by their own passphrases (they are stored that way).
 */
import { LockpaneError } from '../errors';
import type { KeyringSnapshot } from '../store/keyring-store';

export const BACKUP_FORMAT = 'lockpane-backup';
export const BACKUP_VERSION = 1;
/** Backups are of a keyring, not of mail: 64 MiB is far beyond a large one. */
export const MAX_BACKUP_BYTES = 64 * 1024 * 1024;

export type BackupContents = {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  keyring: KeyringSnapshot;
  settings: unknown;
};

export function parseBackupJson(text: string): BackupContents {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new LockpaneError('bad-data', 'The decrypted backup is not a Lockpane backup (not JSON).', { cause: e });
  }
  const o = v as Partial<BackupContents> | null;
  if (!o || typeof o !== 'object' || o.format !== BACKUP_FORMAT) throw new LockpaneError('bad-data', 'This file is not a Lockpane backup.');
  if (o.version !== BACKUP_VERSION) throw new LockpaneError('unsupported-option', `This backup has format version ${String(o.version)}, which this version of Lockpane cannot read.`);
  const k = o.keyring as Partial<KeyringSnapshot> | undefined;
  if (!k || !Array.isArray(k.entries) || !Array.isArray(k.trust) || !Array.isArray(k.conflicts) || !Array.isArray(k.roots) || typeof o.createdAt !== 'string') {
    throw new LockpaneError('bad-data', 'The backup is incomplete or damaged.');
  }
  return o as BackupContents;
}
