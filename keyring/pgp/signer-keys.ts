/**
 * Verification keys given up front, or found on demand: a lookup called with the key IDs the signatures
 * name (after decryption, for an encrypted message), so a caller with a large keyring parses only the
 * signers' keys instead of every key it holds.
 */
import type * as openpgp from 'openpgp';
import type { PgpKey } from './types';

/** Keys for the given signer key IDs (16 upper-case hex digits each); unknown IDs are simply absent. */
export type SignerLookup = (keyIds: string[]) => Promise<PgpKey[]>;

export type VerificationKeys = PgpKey[] | SignerLookup;

/** The keys to verify `signed` with: the given list, or the lookup's answer for its signers' key IDs. */
export async function keysForSigners(keys: VerificationKeys | undefined, signed: { getSigningKeyIDs(): openpgp.KeyID[] }): Promise<PgpKey[]> {
  if (keys === undefined) return [];
  if (Array.isArray(keys)) return keys;
  const ids = [...new Set(signed.getSigningKeyIDs().map((id) => id.toHex().toUpperCase()))];
  return ids.length === 0 ? [] : keys(ids);
}
