/**
 * The one place where openpgp.js is configured. Every call in keyring/pgp passes `pgpConfig`
 * explicitly, and the library's global defaults are overwritten with the same values at import,
 * so a code path that forgets the option still gets the safe setting.
 *
 * Why each value (see SECURITY.md A1.2, A4.1, A4.5, A4.6):
 * - unauthenticated messages/streams stay refused (EFAIL gadgets, SED packets);
 * - grammar enforcement stays on (CVE-2025-47934: extra literal packets next to a signed one);
 * - decompression and Argon2 memory are bounded (openpgp.js defaults are unbounded / 1 TiB);
 * - SHA-1 and weaker hashes never make a data signature valid;
 * - signing-only keys never decrypt.
 */
import * as openpgp from 'openpgp';

/** 64 MiB of decompressed data per message for interactive use (mail bodies, attachments). */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/** 2^21 KiB = 2 GiB: the RFC 9580 first recommended Argon2 parameter set still passes, 2^22+ does not. */
export const MAX_ARGON2_MEMORY_EXPONENT = 21;

const { hash, publicKey } = openpgp.enums;

export const pgpConfig: openpgp.PartialConfig = Object.freeze({
  allowUnauthenticatedMessages: false,
  allowUnauthenticatedStream: false,
  enforceGrammar: true,
  allowInsecureDecryptionWithSigningKeys: false,
  allowInsecureVerificationWithReformattedKeys: false,
  allowMissingKeyFlags: false,
  ignoreMalformedPackets: false,
  maxDecompressedMessageSize: DEFAULT_MAX_DECOMPRESSED_BYTES,
  maxArgon2MemoryExponent: MAX_ARGON2_MEMORY_EXPONENT,
  rejectHashAlgorithms: new Set([hash.md5, hash.ripemd]),
  rejectMessageHashAlgorithms: new Set([hash.md5, hash.ripemd, hash.sha1]),
  rejectPublicKeyAlgorithms: new Set([publicKey.elgamal, publicKey.dsa]),
  minRSABits: 2047,
  // SEIPDv2 only when every recipient key advertises it; password-only messages stay SEIPDv1,
  // which GnuPG 2.2 and Sequoia 1.x can read.
  aeadProtect: false,
  showVersion: false,
  showComment: false,
});

/** The config with a different decompression bound (the CLI streams to disk and may allow more). */
export function configWith(overrides: { maxDecompressedBytes?: number }): openpgp.PartialConfig {
  if (overrides.maxDecompressedBytes === undefined) return pgpConfig;
  return { ...pgpConfig, maxDecompressedMessageSize: overrides.maxDecompressedBytes };
}

// Overwrite the library globals once, so defaults used internally (e.g. key.armor()) match.
Object.assign(openpgp.config, pgpConfig);

/** The openpgp.js version string, e.g. "6.3.2" (used by the version guard test and `sop version`). */
export function openpgpVersion(): string {
  return openpgp.config.versionString.replace(/^OpenPGP\.js\s*v?/i, '');
}
