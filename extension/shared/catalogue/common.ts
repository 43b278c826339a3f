/** What every area of the catalogue shares: sender classes, the entry shape, and the field schemas used across areas. */
import type { Fingerprint, FrameToken } from '../ids';
import { branded, int, str, type Schema } from '../schema';
import type { SenderClass } from '../sender';

export type { SenderClass };

export const MiB = 1024 * 1024;
// Marked pure so that a bundle using a few of these (content.js) drops the others.
/** One catalogue entry: who may send the message, the bounded schema of its request, and the schema of its reply. */
export type Entry = { from: readonly SenderClass[]; request: Schema<unknown>; reply: Schema<unknown> };

export const tokenSchema = /* @__PURE__ */ str({ min: 32, max: 64, pattern: /^[A-Za-z0-9_-]+$/ });
/** In replies the worker's own token and fingerprints carry their brands: a client can only pass on what it was given. */
export const frameTokenSchema = /* @__PURE__ */ branded<FrameToken>(tokenSchema);
export const originSchema = /* @__PURE__ */ str({ max: 300 });
export const fingerprintSchema = /* @__PURE__ */ str({ min: 16, max: 64, pattern: /^[0-9A-Fa-f]+$/ });
export const fingerprintReply = /* @__PURE__ */ branded<Fingerprint>(fingerprintSchema);
export const passphraseSchema = /* @__PURE__ */ str({ min: 1, max: 1024 });
export const emailSchema = /* @__PURE__ */ str({ min: 3, max: 320 });
/** Bounds for what the worker answers: generous, since it is our own code, but never unbounded. */
export const isoTime = /* @__PURE__ */ str({ max: 40 });
export const armoredReply = /* @__PURE__ */ str({ max: 64 * MiB });
export const count = /* @__PURE__ */ int({ min: 0, max: 2 ** 53 });
/**
 * Strings and lists that come from mail, keys and certificates (user IDs, file names, subjects): a hostile
 * sender chooses their size, so the reply bound is far above any real one and never makes a message unreadable.
 */
export const mailText = /* @__PURE__ */ str({ max: MiB });
export const many = { max: 100_000 } as const;
