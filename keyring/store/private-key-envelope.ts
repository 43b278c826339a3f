/**
 * The passphrase envelope for X.509 private keys (PKCS#8) at rest:
 *   PBKDF2-HMAC-SHA-256 (≥ 600,000 iterations by default, per OWASP 2023) → AES-256-GCM,
 *   with the certificate fingerprint bound as additional data so an attacker with write access to
 *   storage cannot move an envelope onto another certificate without the decryption failing.
 * Versioned by `format`; WebCrypto only, so it runs unchanged in the worker.
 */
import { LockpaneError } from '../errors';
import { fromBase64, plainBytes, toBase64, type Bytes } from '../bytes';

export const ENVELOPE_FORMAT = 'lockpane-pkcs8-v1';
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;

export type PrivateKeyEnvelope = {
  format: typeof ENVELOPE_FORMAT;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  ciphertext: string;
};

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

async function deriveKey(passphrase: string, salt: Bytes, iterations: number): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function aad(fingerprint: string): Bytes {
  return new TextEncoder().encode(`${ENVELOPE_FORMAT}:${fingerprint.toUpperCase()}`);
}

export async function protectPkcs8(
  pkcs8: Uint8Array,
  passphrase: string,
  opts: { fingerprint: string; iterations?: number },
): Promise<PrivateKeyEnvelope> {
  if (passphrase.length === 0) throw new LockpaneError('missing-argument', 'A passphrase is required to protect a private key.');
  const iterations = opts.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(passphrase, salt, iterations);
  const ct = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aad(opts.fingerprint) }, key, plainBytes(pkcs8)));
  return {
    format: ENVELOPE_FORMAT,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    ciphertext: toBase64(ct),
  };
}

export async function unprotectPkcs8(envelope: PrivateKeyEnvelope, passphrase: string, fingerprint: string): Promise<Bytes> {
  assertEnvelope(envelope, 1);
  const key = await deriveKey(passphrase, fromBase64(envelope.kdf.salt), envelope.kdf.iterations);
  try {
    return new Uint8Array(await subtle().decrypt(
      { name: 'AES-GCM', iv: fromBase64(envelope.cipher.iv), additionalData: aad(fingerprint) },
      key,
      fromBase64(envelope.ciphertext),
    ));
  } catch (e) {
    // GCM cannot tell a wrong passphrase from a tampered envelope; the passphrase is by far the likelier.
    throw new LockpaneError('wrong-passphrase', 'The passphrase does not unlock this private key (or the stored key was altered).', { cause: e });
  }
}

/** Shape check used by the store before anything is written; refuses anything that is not our envelope. */
export function assertEnvelope(value: unknown, minIterations: number): asserts value is PrivateKeyEnvelope {
  const bad = (why: string): never => {
    throw new LockpaneError('key-invalid', `Refusing to store a private key that is not passphrase-protected (${why}).`);
  };
  if (typeof value !== 'object' || value === null) bad('not an envelope');
  const v = value as Record<string, unknown>;
  if (v['format'] !== ENVELOPE_FORMAT) bad('unknown envelope format');
  const kdf = v['kdf'] as Record<string, unknown> | undefined;
  const cipher = v['cipher'] as Record<string, unknown> | undefined;
  if (!kdf || kdf['name'] !== 'PBKDF2' || kdf['hash'] !== 'SHA-256' || typeof kdf['salt'] !== 'string') bad('bad KDF');
  const iterations = kdf?.['iterations'];
  if (typeof iterations !== 'number' || !Number.isInteger(iterations) || iterations < minIterations) bad(`fewer than ${minIterations} KDF iterations`);
  if (!cipher || cipher['name'] !== 'AES-GCM' || typeof cipher['iv'] !== 'string') bad('bad cipher');
  if (typeof v['ciphertext'] !== 'string' || (v['ciphertext'] as string).length < 24) bad('no ciphertext');
}
