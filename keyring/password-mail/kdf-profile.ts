/**
 * How a password-protected message derives its key. Two profiles, never mixed in one mail (an attacker
 * would attack the weaker copy):
 * - `argon2` (default): RFC 9580 Argon2 S2K (type 4) + SKESK v6 + SEIPDv2 (AES-256, OCB). Memory-hard, and
 *   a wrong password is told apart from a changed file (the encrypted session key is itself AEAD-sealed).
 *   Read by the self-contained HTML file and by RFC 9580 tools; NOT by GnuPG 2.2 or Sequoia 1.x (sqop 0.27).
 * - `gpg-compatible`: iterated+salted S2K (type 3, the largest count) + SKESK v4 + SEIPDv1 (MDC), which
 *   `gpg --decrypt` 2.2 and `sqop decrypt --with-password` read. Not memory-hard: a GPU tries passwords
 *   orders of magnitude faster, so it wants a longer password (see password-mail.design.md).
 */
import { LockpaneError } from '../errors';

export type Argon2Params = { passes: number; parallelism: number; memoryExponent: number };

export type KdfProfile =
  | { kind: 'argon2'; argon2: Argon2Params }
  | { kind: 'gpg-compatible'; iterationCountByte: number };

/**
 * RFC 9580 §4.3 (Argon2) second recommended option: t = 3, p = 4, m = 2^16 KiB (64 MiB). The first option
 * (2 GiB) does not fit a phone's browser tab; 64 MiB does, and takes about 0.4 s in WASM on one desktop
 * core (measured by `npm run bench:kdf`), so a few seconds on a slow phone.
 */
export const defaultArgon2: Argon2Params = Object.freeze({ passes: 3, parallelism: 4, memoryExponent: 16 });

/** 255 codes the largest count, 65,011,712 bytes hashed per try (RFC 9580 §3.7.1.3). */
export const maxIterationCountByte = 255;

export const argon2Profile: KdfProfile = Object.freeze({ kind: 'argon2', argon2: defaultArgon2 });
export const gpgCompatibleProfile: KdfProfile = Object.freeze({ kind: 'gpg-compatible', iterationCountByte: maxIterationCountByte });

/** An administrator's lowest acceptable Argon2 cost (policy `passwordMailKdfFloor`). */
export type KdfFloor = { minMemoryExponent: number; minPasses: number; allowGpgCompatible: boolean };

/** Bounds that keep a message openable at all (the reader refuses m > 2^21 KiB, config.ts); 2^13 KiB ≥ 8 KiB per lane. */
const bounds = { passes: [1, 10], parallelism: [1, 16], memoryExponent: [13, 21] } as const;

export function checkArgon2(params: Argon2Params): Argon2Params {
  for (const key of ['passes', 'parallelism', 'memoryExponent'] as const) {
    const v = params[key];
    const [lo, hi] = bounds[key];
    if (!Number.isInteger(v) || v < lo || v > hi) {
      throw new LockpaneError('unsupported-option', `Argon2 ${key} must be an integer from ${lo} to ${hi} (got ${String(v)}).`);
    }
  }
  return params;
}

/** Throws when the profile is below the floor: an unsupported-option the editor shows as a policy refusal. */
export function checkFloor(profile: KdfProfile, floor: KdfFloor | undefined): void {
  if (!floor) return;
  if (profile.kind === 'gpg-compatible') {
    if (!floor.allowGpgCompatible) throw new LockpaneError('unsupported-option', 'Policy forbids the GnuPG-compatible (not memory-hard) password protection.');
    return;
  }
  if (profile.argon2.memoryExponent < floor.minMemoryExponent || profile.argon2.passes < floor.minPasses) {
    throw new LockpaneError('unsupported-option',
      `Policy requires Argon2 with at least 2^${floor.minMemoryExponent} KiB and ${floor.minPasses} passes.`);
  }
}

/** Memory in MiB, for texts and the benchmark. */
export function argon2MemoryMiB(params: Argon2Params): number {
  return 2 ** params.memoryExponent / 1024;
}
