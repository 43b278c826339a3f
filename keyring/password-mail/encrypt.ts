/**
 * Encrypts a payload (payload.ts) to one password, with the chosen KDF profile (kdf-profile.ts).
 * The password is normalised (Unicode NFC, outer spaces dropped) the same way by every reader we ship,
 * so a password typed on a phone keyboard matches the one the sender saw.
 */
import * as openpgp from 'openpgp';
import { LockpaneError } from '../errors';
import { pgpConfig } from '../pgp/config';
import { guard } from '../pgp/map-error';
import { argon2Profile, checkArgon2, type KdfProfile } from './kdf-profile';

export function normalizePassword(password: string): string {
  return password.normalize('NFC').trim();
}

/** The openpgp.js config for a profile: only the S2K and packet versions differ from pgpConfig. */
export function profileConfig(profile: KdfProfile): openpgp.PartialConfig {
  if (profile.kind === 'argon2') {
    return {
      ...pgpConfig, aeadProtect: true, preferredAEADAlgorithm: openpgp.enums.aead.ocb,
      preferredSymmetricAlgorithm: openpgp.enums.symmetric.aes256,
      s2kType: openpgp.enums.s2k.argon2, s2kArgon2Params: { ...checkArgon2(profile.argon2) },
    };
  }
  if (!Number.isInteger(profile.iterationCountByte) || profile.iterationCountByte < 96 || profile.iterationCountByte > 255) {
    throw new LockpaneError('unsupported-option', 'The iteration count byte must be from 96 to 255.');
  }
  return {
    ...pgpConfig, aeadProtect: false, preferredSymmetricAlgorithm: openpgp.enums.symmetric.aes256,
    s2kType: openpgp.enums.s2k.iterated, s2kIterationCountByte: profile.iterationCountByte,
  };
}

export type PasswordEncryptOptions = { data: Uint8Array; password: string; profile?: KdfProfile; filename?: string };

/** Armored OpenPGP message: one SKESK (v6 or v4) and the encrypted data (SEIPDv2 or v1). */
export async function encryptForPassword(options: PasswordEncryptOptions): Promise<string> {
  const password = normalizePassword(options.password);
  if (password.length === 0) throw new LockpaneError('missing-argument', 'A password is needed.');
  const config = profileConfig(options.profile ?? argon2Profile);
  return guard('bad-data', 'Encrypting to a password', async () => {
    const message = await openpgp.createMessage({ binary: options.data, format: 'binary', filename: options.filename ?? 'message.eml' });
    return openpgp.encrypt({ message, passwords: [password], format: 'armored', config }) as Promise<string>;
  });
}
