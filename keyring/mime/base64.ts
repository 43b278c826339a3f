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
/** Two characters → 12 bits (or -1): halves the lookups in the decoder's hot loop. */
let pairTable: Int16Array | undefined;
function pairs(): Int16Array {
  if (pairTable === undefined) {
    pairTable = new Int16Array(65536).fill(-1);
    for (let a = 0; a < 64; a++) for (let b = 0; b < 64; b++) pairTable[(alphabet.charCodeAt(a) << 8) | alphabet.charCodeAt(b)] = (a << 6) | b;
  }
  return pairTable;
}

/** Encodes to base64 ASCII bytes, wrapped at `lineLength` characters with CRLF (0 = no wrapping). */
export function base64EncodeBytes(data: Uint8Array, lineLength = 76): Uint8Array {
  const chars = Math.ceil(data.length / 3) * 4;
  const perLine = lineLength > 0 ? Math.max(4, lineLength - (lineLength % 4)) : 0;
  const lines = perLine > 0 ? Math.ceil(chars / perLine) : 0;
  const out = new Uint8Array(chars + lines * 2);
  const T = encodeTable;
  const full = data.length - (data.length % 3);
  const groupsPerLine = perLine > 0 ? perLine / 4 : Infinity;
  let o = 0;
  let g = 0;
  for (let i = 0; i < full; i += 3) {
    const n = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    out[o] = T[n >>> 18]!;
    out[o + 1] = T[(n >>> 12) & 63]!;
    out[o + 2] = T[(n >>> 6) & 63]!;
    out[o + 3] = T[n & 63]!;
    o += 4;
    if (++g === groupsPerLine) { out[o] = 13; out[o + 1] = 10; o += 2; g = 0; }
  }
  const rest = data.length - full;
  if (rest > 0) {
    const n = (data[full]! << 16) | (rest === 2 ? data[full + 1]! << 8 : 0);
    out[o] = T[n >>> 18]!;
    out[o + 1] = T[(n >>> 12) & 63]!;
    out[o + 2] = rest === 2 ? T[(n >>> 6) & 63]! : 61;
    out[o + 3] = 61;
    o += 4;
    g++;
  }
  if (perLine > 0 && g !== 0) { out[o] = 13; out[o + 1] = 10; o += 2; }
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
  const T = decodeTable;
  const P = pairs();
  const n = src.length;
  let o = 0;
  let i = 0;
  // Fast path: four alphabet characters in a row (the body of every line).
  for (;;) {
    while (i + 4 <= n) {
      const hi = P[(src[i]! << 8) | src[i + 1]!]!;
      const lo = P[(src[i + 2]! << 8) | src[i + 3]!]!;
      if ((hi | lo) < 0) break;
      const v = (hi << 12) | lo;
      out[o] = v >>> 16;
      out[o + 1] = (v >>> 8) & 0xff;
      out[o + 2] = v & 0xff;
      o += 3;
      i += 4;
    }
    // Slow path for line breaks, whitespace, padding and the last partial group.
    const c = src[i];
    if (c === undefined) break;
    if (c === 13 || c === 10 || c === 32 || c === 9) { i++; continue; }
    break;
  }
  let acc = 0;
  let bits = 0;
  let pad = 0;
  for (; i < n; i++) {
    const c = src[i]!;
    if (c === 13 || c === 10 || c === 32 || c === 9) continue;
    if (c === 61) { pad++; continue; }
    const v = T[c]!;
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
  return out.subarray(0, o);
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
