/** Key generation: Curve25519 by default, RSA on request, v6 keys opt-in. */
import * as openpgp from 'openpgp';
import { LockpaneError } from '../errors';
import { pgpConfig } from './config';
import { guard } from './map-error';
import type { KeyAlgorithmChoice, UserIdInput } from './types';

export type GenerateKeyOptions = {
  userIDs: UserIdInput[];
  algorithm?: KeyAlgorithmChoice;
  /** RFC 9580 v6 key (Ed25519/X25519 with the new algorithm IDs); GnuPG 2.2 and Sequoia 1.x cannot read it. */
  v6?: boolean;
  passphrase?: string;
  /**
   * Advertise SEIPDv2 (chunked AEAD, streamable) in a v4 key. Off by default: GnuPG 2.2 and
   * Sequoia 1.x cannot decrypt SEIPDv2, so a key also used there must not ask for it. v6 keys always do.
   */
  aead?: boolean;
  /** no encryption subkey (sop generate-key --signing-only) */
  signingOnly?: boolean;
  /** 0 or undefined: never expires */
  expiresInSeconds?: number;
  date?: Date;
};

export type GeneratedKey = {
  privateKeyArmored: string;
  publicKeyArmored: string;
  revocationCertificate: string;
  fingerprint: string;
};

type TypeOptions = { type: 'ecc' | 'rsa' | 'curve25519'; curve?: 'curve25519Legacy'; rsaBits?: number };

function typeOptions(algorithm: KeyAlgorithmChoice, v6: boolean): TypeOptions {
  switch (algorithm) {
    // v4: legacy EdDSA + Curve25519 ECDH, the encoding every deployed implementation reads.
    case 'curve25519': return v6 ? { type: 'curve25519' } : { type: 'ecc', curve: 'curve25519Legacy' };
    case 'rsa3072': return { type: 'rsa', rsaBits: 3072 };
    case 'rsa4096': return { type: 'rsa', rsaBits: 4096 };
  }
}

export async function generateKey(options: GenerateKeyOptions): Promise<GeneratedKey> {
  const algorithm = options.algorithm ?? 'curve25519';
  const v6 = options.v6 ?? false;
  if (!v6 && options.userIDs.length === 0) throw new LockpaneError('missing-argument', 'A v4 key needs at least one user ID.');
  for (const uid of options.userIDs) {
    if (!uid.email && !uid.name) throw new LockpaneError('missing-argument', 'A user ID needs a name or an email address.');
  }
  const expiry = options.expiresInSeconds ?? 0;
  if (!Number.isInteger(expiry) || expiry < 0) throw new LockpaneError('unsupported-option', 'The expiry must be a whole number of seconds ≥ 0.');
  const aead = v6 || (options.aead ?? false);
  return guard('internal', 'Generating key', async () => {
    const generated = await openpgp.generateKey({
      ...typeOptions(algorithm, v6),
      userIDs: options.userIDs.map((u) => ({ ...(u.name ? { name: u.name } : {}), ...(u.email ? { email: u.email } : {}) })),
      ...(options.signingOnly ? { subkeys: [] } : {}),
      keyExpirationTime: expiry,
      ...(options.date ? { date: options.date } : {}),
      format: 'object',
      config: { ...pgpConfig, v6Keys: v6, aeadProtect: aead },
    });
    // The passphrase protection is always AEAD (S2K usage 253): immune to key-overwriting (A4.4).
    const privateKey = options.passphrase
      ? await openpgp.encryptKey({ privateKey: generated.privateKey, passphrase: options.passphrase, config: { ...pgpConfig, aeadProtect: true } })
      : generated.privateKey;
    return {
      privateKeyArmored: privateKey.armor(),
      publicKeyArmored: generated.publicKey.armor(),
      revocationCertificate: generated.revocationCertificate,
      fingerprint: generated.privateKey.getFingerprint().toUpperCase(),
    };
  });
}
