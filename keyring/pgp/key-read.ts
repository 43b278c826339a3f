/**
 * Reading keys: one or many, armored or binary, public or secret. Unencrypted secret keys are
 * validated on import (key-overwriting attacks, SECURITY.md A4.4): openpgp.js validates key
 * material only when it decrypts a locked key, and then only the primary key.
 */
import * as openpgp from 'openpgp';
import { LockpaneError } from '../errors';
import { checkArmorChecksums } from './armor-check';
import { pgpConfig } from './config';
import { fromUtf8 } from './bytes';
import { mapPgpError } from './map-error';
import type { PgpKey } from './types';

/** Inputs larger than this are not keys we want to hold (the biggest real certificates are a few MB). */
export const MAX_KEY_INPUT_BYTES = 16 * 1024 * 1024;

const armorBlock = /-----BEGIN PGP (PUBLIC|PRIVATE) KEY BLOCK-----[\s\S]*?-----END PGP \1 KEY BLOCK-----/g;

/** True when the bytes (after leading white space) start an ASCII-armored block. */
export function looksArmored(data: string | Uint8Array): boolean {
  if (typeof data === 'string') return /^\s*-----BEGIN PGP /.test(data);
  let i = 0;
  while (i < data.length && i < 4096 && (data[i] === 0x20 || data[i] === 0x09 || data[i] === 0x0a || data[i] === 0x0d)) i++;
  const head = fromUtf8(data.subarray(i, i + 15));
  return head === '-----BEGIN PGP ';
}

/** Parses every key in `data`. Throws LockpaneError('bad-data'|'bad-armor'|'key-invalid'|…) on anything wrong. */
export async function readKeys(data: string | Uint8Array): Promise<PgpKey[]> {
  const size = typeof data === 'string' ? data.length : data.byteLength;
  if (size > MAX_KEY_INPUT_BYTES) throw new LockpaneError('too-large', 'The key data is larger than 16 MiB.');
  let keys: PgpKey[];
  try {
    // Binary OpenPGP starts with a packet tag byte (high bit set); anything else is read as text.
    const binary = typeof data !== 'string' && data.length > 0 && (data[0]! & 0x80) !== 0;
    if (!binary && (typeof data === 'string' ? data : fromUtf8(data.subarray(0, 1 << 20))).includes('-----BEGIN PGP ')) {
      const text = typeof data === 'string' ? data : fromUtf8(data);
      checkArmorChecksums(text);
      const blocks = text.match(armorBlock);
      if (!blocks) throw new LockpaneError('bad-armor', 'No complete PGP key block was found in the armored text.');
      keys = [];
      for (const block of blocks) keys.push(...await openpgp.readKeys({ armoredKeys: block, config: pgpConfig }));
    } else {
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      keys = await openpgp.readKeys({ binaryKeys: bytes, config: pgpConfig });
    }
  } catch (e) {
    throw mapPgpError(e, 'bad-data', 'Reading key');
  }
  if (keys.length === 0) throw new LockpaneError('bad-data', 'Reading key: no key found.');
  for (const key of keys) await validateSecretMaterial(key);
  return keys;
}

/** Reads exactly one key. */
export async function readKey(data: string | Uint8Array): Promise<PgpKey> {
  const keys = await readKeys(data);
  if (keys.length !== 1) throw new LockpaneError('bad-data', `Expected one key, found ${keys.length}.`);
  return keys[0]!;
}

/**
 * Checks every decrypted, non-dummy secret (sub)key packet against its public parameters.
 * Locked packets are checked when unlocked (see unlockKey).
 */
export async function validateSecretMaterial(key: PgpKey): Promise<void> {
  if (!key.isPrivate()) return;
  for (const k of key.getKeys()) {
    const packet = k.keyPacket;
    if (!('isDummy' in packet) || packet.isDummy() || !packet.isDecrypted()) continue;
    try {
      await packet.validate();
    } catch (e) {
      throw new LockpaneError('key-invalid',
        `The secret key material of ${k.getFingerprint().toUpperCase()} does not match its public key (possibly tampered with); the key was not used.`, { cause: e });
    }
  }
}
