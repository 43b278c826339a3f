/** Encrypted backup of the whole keyring (+ security indicator and user settings); restore replaces the keyring. */
import { obj, str } from '../schema';
import { MiB, passphraseSchema, type Entry } from './common';

export type BackupSummary = { createdAt: string; keys: number; ownKeys: number; roots: number; hasSettings: boolean };

export const backupMessages = {
  'backup.create': { from: ['page'], request: obj({ password: str({ min: 8, max: 1024 }) }) },
  'backup.preview': { from: ['page'], request: obj({ text: str({ min: 1, max: 16 * MiB }), password: passphraseSchema }) },
  'backup.restore': { from: ['page'], request: obj({ text: str({ min: 1, max: 16 * MiB }), password: passphraseSchema }) },
} as const satisfies Record<string, Entry>;

export type BackupResponses = {
  'backup.create': { armored: string; summary: BackupSummary };
  'backup.preview': { summary: BackupSummary };
  'backup.restore': { summary: BackupSummary };
};
