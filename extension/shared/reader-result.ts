/** What a reader frame receives after decrypting/verifying: only ever sent to the claiming frame. */
import { fingerprintReply, mailText, many, MiB } from './catalogue/common';
import { chainVerdictSchema, importPreviewItemSchema, keyListSchema } from './key-summary';
import type { ErrorCode } from './result';
import { arr, bool, branded, exactly, int, literal, nullable, obj, optional, str, tagged, type Infer } from './schema';

const name = mailText;
const emails = arr(mailText, many);
/** Decrypted mail as text or HTML: large, but bounded (decompression stops at 64 MiB; a raw message is at most 36 MiB). */
const body = nullable(str({ max: 128 * MiB }));

/**
 * One signature as the user sees it:
 *  verified        good signature, key verified by the user (or their own key)
 *  valid           good signature, key known but not verified
 *  invalid         the signature does not match (tampered)
 *  unknown-signer  no key for it in the keyring
 *  key-problem     signer's key expired or revoked
 *  unsupported     an algorithm we do not accept
 *  not-contact-key good signature, but by a key held, rejected or conflicting with the key the keyring
 *                  holds for an address it claims (never shown under that contact's name)
 */
export const signatureViewSchema = obj({
  status: literal('verified', 'valid', 'invalid', 'unknown-signer', 'key-problem', 'unsupported', 'not-contact-key'),
  /** The signer's own claim (user ID or certificate address); null whenever `notContact` is set. */
  signer: nullable(name),
  fingerprint: nullable(mailText),
  signedAt: nullable(str({ max: 40 })),
  /** null: no sender known to compare with */
  senderMatches: nullable(bool),
  reason: nullable(mailText),
  /**
   * Set when the signing key is not the key the keyring holds for an address it claims (issue #23): why, and
   * who the contact is, from the keyring's own record of the known key (never from the signer's claims):
   *  held         the key is an open, unaccepted key change of the address's known key
   *  rejected     the user rejected this key (or, for a certificate, turned down the change)
   *  conflicting  the address has another accepted key or relied-on certificate, with no open change record
   */
  notContact: optional(obj({
    why: literal('held', 'rejected', 'conflicting'),
    kind: literal('openpgp', 'x509'),
    /** The address the key claims. */
    address: mailText,
    /** The known key's user ID for that address (or the address), null when the keyring knows no other key for it. */
    contact: nullable(mailText),
    /** The known key is verified by the user (OpenPGP), or is a certificate the keyring relies on (X.509). */
    contactVerified: bool,
  })),
});
export type SignatureView = Infer<typeof signatureViewSchema>;
export type NotContactKey = NonNullable<SignatureView['notContact']>;

export const attachmentSchema = obj({ filename: mailText, mimeType: mailText, size: int({ min: 0, max: 2 ** 53 }) });
export type Attachment = Infer<typeof attachmentSchema>;

/** Certificate path verdict, as the reader computed it for the signature (same words as KeySummary.chain). */
export type OfferChain = Infer<typeof chainVerdictSchema>;

/**
 * Something that came with the mail, offered for import on the user's click; the import re-reads it from
 * the message held in the worker. `changesKey`: an address in it already has a different key or certificate,
 * so an import is held as a key change for the user to settle.
 */
export const mailOfferSchema = tagged('kind', {
  x509: obj({
    kind: exactly('x509'), source: exactly('smime-signature'), fingerprint: fingerprintReply, emails, subject: name,
    chain: chainVerdictSchema, senderMatches: nullable(bool), changesKey: bool,
  }),
  openpgp: obj({
    kind: exactly('openpgp'), source: exactly('attachment'), filename: mailText, fingerprint: fingerprintReply, emails,
    userIds: arr(name, many), changesKey: bool,
  }),
  /** An attached key file that could not be read: shown, never imported. */
  unreadable: obj({
    kind: exactly('unreadable'), source: exactly('attachment'), filename: mailText,
    // A code from our one error table (result.ts); checked for shape here, the UI words the ones it knows.
    code: branded<ErrorCode>(str({ max: 40, pattern: /^[a-z-]+$/ })), message: mailText,
  }),
});
export type MailOffer = Infer<typeof mailOfferSchema>;

/** Header fields a protected header section (RFC 9788) may give the reader. */
const protectedFieldsSchema = obj({
  subject: optional(mailText), from: optional(mailText), to: optional(mailText), cc: optional(mailText), date: optional(mailText),
});

/**
 * The message's protected headers (RFC 9788, or the older `protected-headers="v1"`), read from inside the
 * encryption or signature: `fields` are what the sender wrote; `outside` holds, for each that differs,
 * what the unprotected outer header says ('' when it has none).
 */
export const protectedHeadersSchema = obj({
  scheme: literal('rfc9788', 'v1'),
  fields: protectedFieldsSchema,
  outside: protectedFieldsSchema,
});
export type ProtectedHeadersView = Infer<typeof protectedHeadersSchema>;

export const readerContentSchema = obj({
  encrypted: bool,
  /** Integrity-protected encryption (OpenPGP MDC/AEAD, CMS AuthEnveloped or signed). */
  integrityProtected: bool,
  text: body,
  html: body,
  attachments: arr(attachmentSchema, many),
  signatures: arr(signatureViewSchema, many),
  /** Part of the shown text is not covered by the signature. */
  partiallySigned: bool,
  /** The sender's key carried in the mail (an Autocrypt header), offered for import; never trusted by itself. */
  offeredKey: optional(obj({ source: exactly('autocrypt'), fingerprint: fingerprintReply, emails, known: bool })),
  /** Keys attached to the mail and the signer certificate its S/MIME signature carried, not yet in the keyring. */
  mailOffers: optional(arr(mailOfferSchema, many)),
  protectedHeaders: optional(protectedHeadersSchema),
  /** A reply written in a password-mail file (issue #22) to a message this Lockpane sent: to whom that was. */
  passwordReply: optional(obj({ to: emails })),
});
export type ReaderContent = Infer<typeof readerContentSchema>;

export const readerResultSchema = tagged('state', {
  content: obj({ state: exactly('content'), content: readerContentSchema }),
  /** `messagePassword`: the message is also encrypted to a password, which the user may give instead. */
  'needs-passphrase': obj({ state: exactly('needs-passphrase'), keys: keyListSchema, messagePassword: optional(bool) }),
  /** Password-encrypted (OpenPGP SKESK) and no own key can open it: the frame asks for the message password. */
  'needs-password': obj({ state: exactly('needs-password') }),
  /** A public key block: what importing it would do, per key. */
  key: obj({ state: exactly('key'), keys: arr(importPreviewItemSchema, many) }),
});
export type ReaderResult = Infer<typeof readerResultSchema>;
