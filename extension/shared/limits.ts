/**
 * Size limits shared by content scripts and the catalogue. Kept apart from the catalogue so that the
 * content script, which checks them before sending, does not bundle every schema (content.js ≤ 30 KB).
 */
const MiB = 1024 * 1024;

/** A raw RFC 5322 message handed over by a content script (reader.openRaw), as base64: 48 MiB of it is 36 MiB of mail. */
export const rawMessageBase64Max = 48 * MiB;

/**
 * Attachment bounds, shared by the editor frame (checks before reading a file), the worker (schemas and
 * staging) and the content script (reassembly). Files travel in base64 chunks: extension messages are JSON.
 */
export const attachmentLimits = {
  /** Plaintext size of one file. */
  maxFileBytes: 25 * 1024 * 1024,
  maxFiles: 10,
  /** Plaintext size of all files of one message. */
  maxTotalBytes: 50 * 1024 * 1024,
  /** Raw bytes per chunk message (base64 makes it 4/3 larger). */
  chunkBytes: 1024 * 1024,
  /** Chunks of one outgoing ciphertext file (an S/MIME smime.p7m carries every file, base64 inside). */
  maxChunks: 96,
} as const;

/**
 * PGP/MIME carries every file inside one armored message (base64 inside, armor outside: about 1.9 times
 * the files) in one extension message and one form field; above this many file bytes a mail goes inline
 * with `.pgp` files instead.
 */
export const pgpMimeMaxFileBytes = 16 * MiB;

/** Base64 length of a full chunk. */
export const attachmentChunkChars = 4 * Math.ceil(attachmentLimits.chunkBytes / 3);
/** Ids the frame gives its files: short, opaque, never a file name. */
export const attachmentIdPattern = /^[a-z0-9]{1,16}$/;
