/** What a reader frame receives after decrypting/verifying: only ever sent to the claiming frame. */
import type { KeySummary } from './key-summary';
import type { ErrorCode } from './result';

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
export type SignatureView = {
  status: 'verified' | 'valid' | 'invalid' | 'unknown-signer' | 'key-problem' | 'unsupported' | 'not-contact-key';
  /** The signer's own claim (user ID or certificate address); null whenever `notContact` is set. */
  signer: string | null;
  fingerprint: string | null;
  signedAt: string | null;
  /** null: no sender known to compare with */
  senderMatches: boolean | null;
  reason: string | null;
  /** Set when the signing key is not the key the keyring holds for an address it claims (issue #23). */
  notContact?: NotContactKey;
};

/**
 * Why a signing key is not the contact's key, and who the contact is, from the keyring's own record of
 * the known key (never from the signer's claims):
 *  held         the key is an open, unaccepted key change of the address's known key
 *  rejected     the user rejected this key (or, for a certificate, turned down the change)
 *  conflicting  the address has another accepted key or relied-on certificate, with no open change record
 */
export type NotContactKey = {
  why: 'held' | 'rejected' | 'conflicting';
  kind: 'openpgp' | 'x509';
  /** The address the key claims. */
  address: string;
  /** The known key's user ID for that address (or the address), null when the keyring knows no other key for it. */
  contact: string | null;
  /** The known key is verified by the user (OpenPGP), or is a certificate the keyring relies on (X.509). */
  contactVerified: boolean;
};

export type Attachment = { filename: string; mimeType: string; size: number };

export type ReaderContent = {
  encrypted: boolean;
  /** Integrity-protected encryption (OpenPGP MDC/AEAD, CMS AuthEnveloped or signed). */
  integrityProtected: boolean;
  text: string | null;
  html: string | null;
  attachments: Attachment[];
  signatures: SignatureView[];
  /** Part of the shown text is not covered by the signature. */
  partiallySigned: boolean;
  /** The sender's key carried in the mail (an Autocrypt header), offered for import; never trusted by itself. */
  offeredKey?: { source: 'autocrypt'; fingerprint: string; emails: string[]; known: boolean };
  /** Keys attached to the mail and the signer certificate its S/MIME signature carried, not yet in the keyring. */
  mailOffers?: MailOffer[];
};

/** Certificate path verdict, as the reader computed it for the signature (same words as KeySummary.chain). */
export type OfferChain = 'valid' | 'untrusted' | 'expired' | 'revoked' | 'invalid' | 'unsupported';

/**
 * Something that came with the mail, offered for import on the user's click; the import re-reads it from
 * the message held in the worker. `changesKey`: an address in it already has a different key or certificate,
 * so an import is held as a key change for the user to settle.
 */
export type MailOffer =
  | { kind: 'x509'; source: 'smime-signature'; fingerprint: string; emails: string[]; subject: string; chain: OfferChain; senderMatches: boolean | null; changesKey: boolean }
  | { kind: 'openpgp'; source: 'attachment'; filename: string; fingerprint: string; emails: string[]; userIds: string[]; changesKey: boolean }
  /** An attached key file that could not be read: shown, never imported. */
  | { kind: 'unreadable'; source: 'attachment'; filename: string; code: ErrorCode; message: string };

export type ReaderResult =
  | { state: 'content'; content: ReaderContent }
  /** `messagePassword`: the message is also encrypted to a password, which the user may give instead. */
  | { state: 'needs-passphrase'; keys: KeySummary[]; messagePassword?: boolean }
  /** Password-encrypted (OpenPGP SKESK) and no own key can open it: the frame asks for the message password. */
  | { state: 'needs-password' }
  | { state: 'key'; keys: KeySummary[] };
