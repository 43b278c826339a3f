/** Reader frames: a found block or raw message handed over by a content script, then read inside the frame. */
import { keyListSchema } from '../key-summary';
import { rawMessageBase64Max } from '../limits';
import { readerResultSchema } from '../reader-result';
import { bool, int, literal, nullable, obj, optional, str } from '../schema';
import { openedReply as opened } from './content-sent';
import { count, emailSchema, fingerprintSchema, MiB, originSchema, passphraseSchema, tokenSchema, type Entry } from './common';

export type ReaderKind = 'pgp-message' | 'pgp-signed' | 'pgp-key' | 'cms';
/** What a reader frame shows: a block found in the page, or a whole raw message a site adapter fetched. */
export type ReaderFrameKind = ReaderKind | 'raw-message';
/** Decrypted attachments go to the reader frame in pieces of this size (a progress bar per piece). */
export const readerAttachmentChunkBytes = 2 * MiB;


export const readerMessages = {
  /** A content script hands over a found ciphertext block; gets a single-use token for a reader frame. */
  'reader.open': {
    from: ['content'],
    request: obj({
      kind: literal<ReaderKind>('pgp-message', 'pgp-signed', 'pgp-key', 'cms'),
      armored: str({ min: 1, max: 8 * MiB }),
      /** The sender address the page shows; only compared with the signer, never trusted. */
      sender: optional(emailSchema),
    }),
    reply: opened,
  },
  /**
   * A content script hands over a whole raw message (RFC 5322, from the web mail's source download): PGP/MIME,
   * S/MIME or protected attachments. Ciphertext or mail the page already shows, never plaintext it lacks.
   */
  'reader.openRaw': {
    from: ['content'],
    request: obj({ base64: str({ min: 4, max: rawMessageBase64Max }), sender: optional(emailSchema), subject: optional(str({ max: 998 })) }),
    reply: opened,
  },
  /** A reader frame claims its token (once) and learns what it is to show. */
  'reader.claim': {
    from: ['frame'], request: obj({ token: tokenSchema }),
    reply: obj({ kind: literal<ReaderFrameKind>('pgp-message', 'pgp-signed', 'pgp-key', 'cms', 'raw-message'), origin: originSchema, bytes: count, sender: nullable(emailSchema) }),
  },
  /** The reader frame asks to decrypt/verify its message (after a user gesture inside the frame). */
  'reader.decrypt': {
    from: ['frame'],
    request: obj({ token: tokenSchema, passphrase: optional(passphraseSchema), fingerprint: optional(fingerprintSchema), messagePassword: optional(passphraseSchema) }),
    reply: readerResultSchema,
  },
  /** "Reply securely": opens an editor under the reader, quoting what the reader visibly showed (SECURITY A3.1). */
  'reader.reply': { from: ['frame'], request: obj({ token: tokenSchema, quote: str({ max: 1 * MiB }) }), reply: obj({ opened: bool }) },
  /** The user accepts the public key(s) shown in a reader frame. */
  'reader.importKey': { from: ['frame'], request: obj({ token: tokenSchema }), reply: obj({ imported: keyListSchema }) },
  /**
   * The user accepts one key or certificate the reader offered (attached key, certificate carried in the S/MIME
   * signature); the frame names it by kind and fingerprint, the worker reads it again from the held message.
   */
  'reader.importOffer': {
    from: ['frame'], request: obj({ token: tokenSchema, kind: literal('openpgp', 'x509'), fingerprint: fingerprintSchema }),
    /** `heldAsChange`: an address already had a different key/certificate, so the import waits in key changes. */
    reply: obj({ imported: keyListSchema, heldAsChange: bool }),
  },
  /** One piece of a decrypted attachment of a raw message, for the frame's "Save" (offset in bytes). */
  'reader.attachment': {
    from: ['frame'], request: obj({ token: tokenSchema, index: int({ min: 0, max: 499 }), offset: int({ min: 0, max: 1024 * MiB }) }),
    reply: obj({ base64: str({ max: 4 * Math.ceil(readerAttachmentChunkBytes / 3), pattern: /^[A-Za-z0-9+/]*={0,2}$/ }), offset: count, total: count, done: bool }),
  },
} as const satisfies Record<string, Entry>;
