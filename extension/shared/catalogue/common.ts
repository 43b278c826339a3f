/** What every area of the catalogue shares: sender classes, the entry shape, and the field schemas used across areas. */
import { str, type Schema } from '../schema';
import type { SenderClass } from '../sender';

export type { SenderClass };
/** One catalogue entry: who may send the message and the bounded schema of its request. */
export type Entry = { from: readonly SenderClass[]; request: Schema<unknown> };

export const MiB = 1024 * 1024;
export const tokenSchema = str({ min: 32, max: 64, pattern: /^[A-Za-z0-9_-]+$/ });
export const originSchema = str({ max: 300 });
export const fingerprintSchema = str({ min: 16, max: 64, pattern: /^[0-9A-Fa-f]+$/ });
export const passphraseSchema = str({ min: 1, max: 1024 });
export const emailSchema = str({ min: 3, max: 320 });
