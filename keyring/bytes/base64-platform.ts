/**
 * Base64 through the platform's own btoa/atob, for the content script, whose size counts (DESIGN §9:
 * ≤ 25 KB) and which moves at most one message or attachment chunk at a time. Everything else uses the
 * table coder in base64.ts, which is faster on tens of megabytes; a property test keeps both equal.
 */
import { LockpaneError } from '../errors';
import type { Bytes } from './plain';

/** String.fromCharCode's argument list has an engine limit: convert in slices. */
const slice = 0x8000;

export function toBase64Platform(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += slice) binary += String.fromCharCode(...bytes.subarray(i, i + slice));
  return btoa(binary);
}

/** Whitespace is skipped, as by fromBase64; anything else wrong is bad-data. */
export function fromBase64Platform(text: string): Bytes {
  let binary: string;
  try {
    binary = atob(text.replace(/\s+/g, ''));
  } catch {
    throw new LockpaneError('bad-data', 'base64: invalid character or length');
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
