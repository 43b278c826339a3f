/** The `--profile` choices of `lockpane sop`, shared by the subcommands and `list-profiles`. */
import type { KeyAlgorithmChoice } from '../../pgp';

export type Profile = { name: string; description: string };
export type KeyProfile = Profile & { algorithm: KeyAlgorithmChoice; v6: boolean };

/** The first entry is the default (SOP lists it first). */
export const keyProfiles: readonly KeyProfile[] = [
  { name: 'default', description: 'Curve25519 v4 key (EdDSA + ECDH), readable by every current OpenPGP implementation', algorithm: 'curve25519', v6: false },
  { name: 'rfc4880', description: 'RSA-3072 v4 key, for peers without Curve25519', algorithm: 'rsa3072', v6: false },
  { name: 'rfc9580', description: 'Curve25519 v6 key (RFC 9580); GnuPG 2.2 and Sequoia 1.x cannot read it', algorithm: 'curve25519', v6: true },
];

export const encryptProfiles: readonly Profile[] = [
  { name: 'default', description: 'SEIPDv1, or SEIPDv2 when every recipient certificate asks for it' },
];

/** Subcommands that take `--profile`. */
export const profilesBySubcommand: Readonly<Record<string, readonly Profile[]>> = {
  'generate-key': keyProfiles,
  encrypt: encryptProfiles,
};
