/**
 * A version 4 SKESK cannot prove a password right or wrong: a wrong password now and then (about 1 in
 * 100 here) unwraps a plausible session key, and only the integrity check of the data then fails. So when
 * only passwords were given and no session key is sealed (SKESK v6 authenticates its key with AEAD), an
 * integrity failure means "wrong password, or the message was changed" — reported as cannot-decrypt, so
 * every caller's wrong-password path takes it, instead of an alarming "tampered" for a typo.
 */
import * as openpgp from 'openpgp';
import { LockpaneError, isLockpaneError } from '../errors';
import type { AnyMessage } from './message-read';

export const wrongPasswordOrChangedMessage =
  'Decrypting: none of the given passwords opens this message, or the message was changed (with this kind of password protection the two look the same).';

export type PasswordOnlyInputs = { decryptionKeys?: readonly unknown[]; passwords?: readonly string[]; sessionKeys?: readonly unknown[] };

export function passwordOnly(o: PasswordOnlyInputs): boolean {
  return (o.passwords?.length ?? 0) > 0 && !o.decryptionKeys?.length && !o.sessionKeys?.length;
}

/** True when a password-only decryption of `message` cannot tell a wrong password from a changed message. */
export function unsealedPasswordOnly(message: AnyMessage, o: PasswordOnlyInputs): boolean {
  if (!passwordOnly(o)) return false;
  const skesks = message.packets.filterByTag(openpgp.enums.packet.symEncryptedSessionKey) as unknown as { version?: number }[];
  return skesks.length > 0 && skesks.every((p) => p.version !== 6);
}

/** Passes every error through, except an integrity failure where the password may simply be wrong. */
export function asWrongPasswordOrChanged(e: LockpaneError, ambiguous: boolean): LockpaneError {
  if (!ambiguous || !isLockpaneError(e, 'integrity-failure')) return e;
  return new LockpaneError('cannot-decrypt', wrongPasswordOrChangedMessage, { cause: e });
}
