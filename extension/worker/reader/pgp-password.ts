/**
 * Password-encrypted OpenPGP (SKESK) messages in the reader: which secret to ask for, and decryption with
 * a message password. Kept apart from key decryption so password mail to keyless recipients can reuse it.
 * The password is used for this one request and never kept.
 */
import { isLockpaneError, LockpaneError } from '../../../keyring/errors';
import { decrypt, encryptionRecipients, type EncryptionRecipients } from '../../../keyring/pgp';
import type { KeySummary } from '../../shared/key-summary';
import type { ReaderResult } from '../../shared/reader-result';
import type { KeyringService } from '../keyring/service';
import type { PgpContext } from './pgp-context';

export type SecretPrompt = Extract<ReaderResult, { state: 'needs-passphrase' | 'needs-password' }>;

const none: EncryptionRecipients = { keyIds: [], anonymousKeys: 0, passwords: 0 };

/** A v4 key ID is the fingerprint's last 16 hex digits, a v6 key ID its first 16. */
function fits(fingerprints: string[], keyIds: Set<string>): boolean {
  return fingerprints.some((fp) => keyIds.has(fp.toUpperCase().slice(-16)) || keyIds.has(fp.toUpperCase().slice(0, 16)));
}

async function lockedThatFit(keyring: KeyringService, locked: KeySummary[], keyIds: string[]): Promise<KeySummary[]> {
  const store = await keyring.store();
  const ids = new Set(keyIds);
  return locked.filter((k) => fits([k.fingerprint, ...(store.getOpenPgp(k.fingerprint)?.facts.subkeys.map((s) => s.fingerprint) ?? [])], ids));
}

/**
 * What the frame must ask for when no unlocked key opens the message: a key passphrase (with the message
 * password as the other choice when the message has one), the message password alone, or nothing to ask
 * (null: no own key and no password recipient).
 */
export async function secretPrompt(message: string | Uint8Array, keyring: KeyringService): Promise<SecretPrompt | null> {
  // Reading the recipients walks the whole message (seconds for tens of MB), so only when a prompt is needed.
  const r = await encryptionRecipients(message).catch(() => none);
  const locked = await keyring.lockedOwnKeys(r.keyIds);
  if (r.passwords === 0) return locked.length > 0 ? { state: 'needs-passphrase', keys: locked } : null;
  // Anonymous recipients may be any key; otherwise only keys the message names are worth a passphrase.
  const fitting = r.anonymousKeys > 0 ? locked : await lockedThatFit(keyring, locked, r.keyIds);
  return fitting.length > 0 ? { state: 'needs-passphrase', keys: fitting, messagePassword: true } : { state: 'needs-password' };
}

export const wrongPasswordMessage = 'This password does not open the message (it is not the right one, or the message was changed).';

/**
 * Decrypts with the message password only. A wrong password shows as a failed session key or, for a
 * password-derived session key (SKESK v4 without an encrypted key), as a failed integrity check: both are
 * reported as a wrong password, since the two cannot be told apart.
 */
export async function decryptWithPassword(message: string | Uint8Array, password: string, ctx: PgpContext) {
  try {
    return await decrypt({
      message, passwords: [password], verificationKeys: ctx.verificationKeys, ...(ctx.sender ? { expectedSenderEmail: ctx.sender } : {}),
    });
  } catch (e) {
    if (isLockpaneError(e, 'cannot-decrypt') || isLockpaneError(e, 'integrity-failure')) {
      throw new LockpaneError('wrong-passphrase', wrongPasswordMessage, { cause: e });
    }
    throw e;
  }
}
