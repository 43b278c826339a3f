/** Encrypted backup of the whole keyring (+ security indicator and user settings); restore replaces the keyring. */
import { bool, obj, str, type Infer } from '../schema';
import { armoredReply, count, isoTime, MiB, passphraseSchema, type Entry } from './common';

const backupSummarySchema = obj({ createdAt: isoTime, keys: count, ownKeys: count, roots: count, hasSettings: bool });
export type BackupSummary = Infer<typeof backupSummarySchema>;
const summary = obj({ summary: backupSummarySchema });

export const backupMessages = {
  'backup.create': { from: ['page'], request: obj({ password: str({ min: 8, max: 1024 }) }), reply: obj({ armored: armoredReply, summary: backupSummarySchema }) },
  'backup.preview': { from: ['page'], request: obj({ text: str({ min: 1, max: 16 * MiB }), password: passphraseSchema }), reply: summary },
  'backup.restore': { from: ['page'], request: obj({ text: str({ min: 1, max: 16 * MiB }), password: passphraseSchema }), reply: summary },
} as const satisfies Record<string, Entry>;
