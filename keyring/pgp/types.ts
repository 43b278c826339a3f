/** Plain data types of the OpenPGP core's public API (no openpgp.js classes leak into them). */
import type { PrivateKey, PublicKey } from 'openpgp';

/** A parsed OpenPGP key (certificate or secret key) as openpgp.js holds it. */
export type PgpKey = PublicKey | PrivateKey;
export type PgpPrivateKey = PrivateKey;

export type KeyAlgorithmChoice = 'curve25519' | 'rsa3072' | 'rsa4096';

/** A user ID: name and/or email (an empty email means a name-only user ID). */
export type UserIdInput = { name?: string; email: string };

export type SubkeyFacts = {
  fingerprint: string;
  keyId: string;
  algorithm: string;
  created: string;
  canEncrypt: boolean;
  canSign: boolean;
  expires: string | null;
  revoked: boolean;
};

/** Everything the UI and the keyring store need to know about a key, as plain JSON-able data. */
export type KeyFacts = {
  fingerprint: string;
  keyId: string;
  version: number;
  isPrivate: boolean;
  /** true when some secret key material is still passphrase-protected */
  isLocked: boolean;
  algorithm: string;
  created: string;
  /** ISO date, or null for "never expires" */
  expires: string | null;
  expired: boolean;
  revoked: boolean;
  userIDs: { name: string; email: string; uid: string }[];
  subkeys: SubkeyFacts[];
  /** usable right now for encryption / signing (not expired, not revoked, right key flags) */
  canEncrypt: boolean;
  canSign: boolean;
};

export type SignatureStatus = 'good' | 'bad' | 'unknown-signer' | 'expired-key' | 'revoked-key' | 'unsupported';

export type SignatureReport = {
  status: SignatureStatus;
  /** 16 hex digits of the issuer key ID as written in the signature */
  keyId: string;
  /** fingerprint of the signing (sub)key when the signer is known */
  signingKeyFingerprint: string | null;
  /** fingerprint of the signer's primary key when known */
  signerFingerprint: string | null;
  signerUserIDs: string[];
  /** ISO signing time from the signature, or null if it could not be read */
  created: string | null;
  /** binary (0x00) or text (0x01) signature, null for other types or unreadable ones */
  mode: 'binary' | 'text' | null;
  /** null when no expected sender was given or the signer is unknown */
  senderMatches: boolean | null;
  /** a short human explanation for anything other than 'good' */
  reason: string | null;
};

export type Progress = { bytes: number; total?: number };
export type ProgressCallback = (p: Progress) => void;

/** Byte streams are WHATWG ReadableStreams, which exist in Node, browsers and service workers. */
export type ByteStream = ReadableStream<Uint8Array>;
