/** Inputs and outputs of identity views and recipient resolution: plain data, no storage access. */
import type { Acceptance } from '../trust/acceptance';
import type { ChainStatus } from '../trust/chain-validator';
import type { ConflictRecord } from '../trust/types';
import type { Entry } from '../store/entry';

export type Protocol = 'openpgp' | 'smime';

export type UnusableReason = 'no-key' | 'expired' | 'revoked' | 'untrusted' | 'no-encryption-capability' | 'rejected';

/** A read-only view of the keyring as resolution needs it (KeyringStore satisfies most of it). */
export type ResolveContext = {
  findByEmail(email: string): readonly Entry[];
  acceptanceOf(fingerprint: string): Acceptance;
  /** Chain status per certificate fingerprint (see trust/chain-validator.ts); missing = untrusted. */
  chainStatus(fingerprint: string): ChainStatus | undefined;
  conflicts: readonly ConflictRecord[];
  now: Date;
};

export type KeyVerdict = {
  fingerprint: string;
  /** Why it cannot be used to encrypt to this address (null: it can). */
  reason: UnusableReason | null;
  canVerify: boolean;
  /** The user has to settle a key change involving this key first. */
  pendingConflict: boolean;
  hasPrivate: boolean;
};

export type ProtocolView = {
  /** The key or certificate to encrypt to, or null. */
  encryptTo: string | null;
  /** Keys/certificates whose signatures from this address can be accepted. */
  verifiers: string[];
  /** The reason shown when encryptTo is null: the most actionable of the candidates'. */
  reason: UnusableReason | null;
  candidates: KeyVerdict[];
};

export type IdentityView = { email: string; openpgp: ProtocolView; smime: ProtocolView };
