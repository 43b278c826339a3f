/**
 * Base64 without Buffer/atob so it runs the same in Node and a service worker, and stays fast
 * on tens of megabytes (table lookups over byte arrays, no intermediate strings per char).
 */
import { LockpaneError } from '../errors';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const encodeTable = new Uint8Array(64);
const decodeTable = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) {
  const c = alphabet.charCodeAt(i);
  encodeTable[i] = c;
  decodeTable[c] = i;
}

/** Encodes to base64 ASCII bytes, wrapped at `lineLength` characters with CRLF (0 = no wrapping). */
export function base64EncodeBytes(data: Uint8Array, lineLength = 76): Uint8Array {
  const chars = Math.ceil(data.length / 3) * 4;
  const lines = lineLength > 0 ? Math.ceil(chars / lineLength) : 1;
  const out = new Uint8Array(chars + (lineLength > 0 ? lines * 2 : 0));
  let o = 0;
  let col = 0;
  const perLine = lineLength > 0 ? lineLength : Infinity;
  let i = 0;
  const put = (c: number): void => {
    out[o++] = c;
    if (++col === perLine) { out[o++] = 13; out[o++] = 10; col = 0; }
  };
  for (; i + 2 < data.length; i += 3) {
    const n = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    put(encodeTable[n >>> 18]!); put(encodeTable[(n >>> 12) & 63]!);
    put(encodeTable[(n >>> 6) & 63]!); put(encodeTable[n & 63]!);
  }
  const rest = data.length - i;
  if (rest > 0) {
    const n = (data[i]! << 16) | (rest === 2 ? data[i + 1]! << 8 : 0);
    put(encodeTable[n >>> 18]!); put(encodeTable[(n >>> 12) & 63]!);
    put(rest === 2 ? encodeTable[(n >>> 6) & 63]! : 61); put(61);
  }
  if (lineLength > 0 && col !== 0) { out[o++] = 13; out[o++] = 10; }
  return out.subarray(0, o);
}

export function base64Encode(data: Uint8Array, lineLength = 0): string {
  return new TextDecoder('latin1').decode(base64EncodeBytes(data, lineLength));
}

/**
 * Decodes base64 from ASCII bytes or a string. Whitespace is skipped; any other character outside
 * the alphabet, or data after padding, is bad-data (we never guess at damaged input).
 */
export function base64Decode(input: Uint8Array | string): Uint8Array {
  const src = typeof input === 'string' ? latin1Bytes(input) : input;
  const out = new Uint8Array(Math.floor((src.length * 3) / 4) + 3);
  let o = 0;
  let acc = 0;
  let bits = 0;
  let pad = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === 13 || c === 10 || c === 32 || c === 9) continue;
    if (c === 61) { pad++; continue; }
    const v = decodeTable[c]!;
    if (v < 0 || pad > 0) throw new LockpaneError('bad-data', 'base64: invalid character');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
      acc &= (1 << bits) - 1;
    }
  }
  if (pad > 2 || bits >= 6) throw new LockpaneError('bad-data', 'base64: truncated input');
  return out.slice(0, o);
}

export function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) throw new LockpaneError('bad-data', 'expected 8-bit text');
    out[i] = c;
  }
  return out;
}

export function latin1String(b: Uint8Array): string {
  return new TextDecoder('latin1').decode(b);
}
