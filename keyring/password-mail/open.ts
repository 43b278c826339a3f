/**
 * Opens a password-protected message: the password-only decryption shared by the HTML file (and usable by
 * the CLI), with the two failures a recipient must tell apart. With the argon2 profile (SKESK v6) a wrong
 * password fails on the sealed session key and a changed file fails its AEAD tags; with SKESK v4 both show
 * as a failed check, reported as "wrong password or changed file". No plaintext is returned on any failure:
 * keyring/pgp decrypt authenticates the whole message before it returns.
 */
import * as openpgp from 'openpgp';
import { isLockpaneError, LockpaneError } from '../errors';
import { decrypt } from '../pgp/decrypt';
import { normalizePassword } from './encrypt';
import { parsePayload, type Payload } from './payload';

export type PasswordFailure = 'wrong-password' | 'tampered' | 'wrong-password-or-tampered';

export class PasswordMailError extends LockpaneError {
  constructor(readonly failure: PasswordFailure, message: string, options?: { cause?: unknown }) {
    super(failure === 'tampered' ? 'integrity-failure' : 'wrong-passphrase', message, options);
  }
}

const texts: Record<PasswordFailure, string> = {
  'wrong-password': 'This password does not open the message.',
  tampered: 'The message was changed after it was sent and is refused.',
  'wrong-password-or-tampered': 'This password does not open the message, or the message was changed.',
};

type Skesk = { version: number };

async function skeskVersion(message: Uint8Array | string): Promise<number | null> {
  try {
    const m = typeof message === 'string' ? await openpgp.readMessage({ armoredMessage: message }) : await openpgp.readMessage({ binaryMessage: message });
    const skesk = m.packets.filterByTag(openpgp.enums.packet.symEncryptedSessionKey)[0] as unknown as Skesk | undefined;
    return skesk?.version ?? null;
  } catch {
    return null;
  }
}

export async function openPasswordMessage(message: Uint8Array | string, password: string): Promise<Payload & { sealedSessionKey: boolean }> {
  const version = await skeskVersion(message);
  if (version === null) throw new PasswordMailError('tampered', 'This is not a password-protected message (it may have been changed).');
  const sealed = version === 6;
  let data: Uint8Array;
  try {
    ({ data } = await decrypt({ message, passwords: [normalizePassword(password) || ' '] }));
  } catch (e) {
    if (isLockpaneError(e, 'cannot-decrypt')) {
      const f: PasswordFailure = sealed ? 'wrong-password' : 'wrong-password-or-tampered';
      throw new PasswordMailError(f, texts[f], { cause: e });
    }
    if (isLockpaneError(e, 'integrity-failure') || isLockpaneError(e, 'bad-data')) {
      const f: PasswordFailure = sealed ? 'tampered' : 'wrong-password-or-tampered';
      throw new PasswordMailError(f, texts[f], { cause: e });
    }
    throw e;
  }
  return { ...parsePayload(data), sealedSessionKey: sealed };
}
