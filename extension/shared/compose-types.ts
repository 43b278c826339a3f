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

export type EncryptResult =
  | { state: 'inserted' }
  /** No web mail editor to put it in (e.g. a reply on a page without one): the user copies it. */
  | { state: 'ciphertext'; armored: string }
  | { state: 'needs-passphrase'; keys: KeySummary[] };

export type DraftState = { exists: boolean; savedAt: string | null };
