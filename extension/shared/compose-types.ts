/** Wire types of the secure editor. */
import type { KeySummary } from './key-summary';

export type RecipientStatus = {
  email: string;
  /** The key or certificate Lockpane would encrypt to, or null with the reason. */
  openpgp: string | null;
  smime: string | null;
  reason: string | null;
};

export type ComposeResolution = {
  recipients: RecipientStatus[];
  /** The protocol that works for every recipient (preference first), or null. */
  protocol: 'openpgp' | 'smime' | null;
  /** The sender identity used to sign and to keep a readable copy. */
  from: string | null;
};

/** A file the worker encrypted and holds until the editor asks to attach it to the web mail's message. */
export type OutgoingAttachment = { id: string; name: string; size: number };

export type EncryptResult =
  /** `attachments`: encrypted files waiting for `editor.attach` (only when the web mail can take attachments). */
  | { state: 'inserted'; attachments?: OutgoingAttachment[] }
  /** No web mail editor to put it in (e.g. a reply on a page without one): the user copies it. */
  | { state: 'ciphertext'; armored: string }
  | { state: 'needs-passphrase'; keys: KeySummary[] };

export type DraftState = { exists: boolean; savedAt: string | null };

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

/** Base64 length of a full chunk. */
export const attachmentChunkChars = 4 * Math.ceil(attachmentLimits.chunkBytes / 3);
/** Ids the frame gives its files: short, opaque, never a file name. */
export const attachmentIdPattern = /^[a-z0-9]{1,16}$/;
