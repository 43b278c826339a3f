/**
 * The one base64 coder (RFC 4648 §4 and the URL-safe §5), without Buffer/atob so it runs the same in
 * Node, the service worker and the pages, and stays fast on tens of megabytes (table lookups over byte
 * arrays, no intermediate strings per char). The block encoder feeds the CLI's streaming output.
 */
import { LockpaneError } from '../errors';
import type { Bytes } from './plain';

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

/** Two output characters per 12 input bits, in platform byte order for 16-bit writes. */
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const crlf16 = littleEndian ? 0x0a0d : 0x0d0a;
let pairEncodeTable: Uint16Array | undefined;
function pairEncode(): Uint16Array {
  if (pairEncodeTable === undefined) {
    pairEncodeTable = new Uint16Array(4096);
    for (let i = 0; i < 4096; i++) {
      const a = encodeTable[i >> 6]!;
      const b = encodeTable[i & 63]!;
      pairEncodeTable[i] = littleEndian ? a | (b << 8) : (a << 8) | b;
    }
  }
  return pairEncodeTable;
}

/** Encodes to base64 ASCII bytes, wrapped at `lineLength` characters with CRLF (0 = no wrapping). */
export function base64EncodeBytes(data: Uint8Array, lineLength = 76): Uint8Array {
  return base64EncodeParts([data], lineLength);
}

/**
 * Base64 of the concatenation of `parts`, written after `prefix` in one buffer: large messages are
 * encoded without first joining their pieces or copying the result behind a header.
 */
export function base64EncodeParts(parts: readonly Uint8Array[], lineLength = 76, prefix?: Uint8Array): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  // An even start lets the hot loop store two characters at a time through a Uint16Array view.
  const head = prefix?.length ?? 0;
  const start = head + (head & 1);
  const out = new Uint8Array(start + base64EncodedLength(total, lineLength));
  if (prefix !== undefined) out.set(prefix);
  const end = encodeInto(parts, lineLength, out.buffer, start);
  if (start === head) return out.subarray(0, end);
  // Odd prefix: shift the prefix by one instead of the body (cheap), then drop the gap.
  out.copyWithin(1, 0, head);
  return out.subarray(1, end);
}

/** Output bytes for `total` input bytes, CRLF line breaks included. */
export function base64EncodedLength(total: number, lineLength = 76): number {
  const chars = Math.ceil(total / 3) * 4;
  const perLine = lineLengthOf(lineLength);
  return chars + (perLine > 0 ? Math.ceil(chars / perLine) * 2 : 0);
}

const lineLengthOf = (lineLength: number): number => (lineLength > 0 ? Math.max(4, lineLength - (lineLength % 4)) : 0);

/**
 * The base64 of the concatenation of `parts` as a sequence of blocks of whole lines, each a view
 * of one reused buffer (valid until the next block is asked for): a large message is written out
 * without ever holding its whole encoding, which saves memory and the page faults of a fresh
 * 70 MB buffer.
 */
export function* base64EncodeBlocks(parts: readonly Uint8Array[], lineLength = 76, linesPerBlock = 16384): Generator<Uint8Array> {
  const perLine = lineLengthOf(lineLength);
  const blockIn = perLine > 0 ? (perLine / 4) * 3 * linesPerBlock : 3 * 262144;
  let buffer: ArrayBuffer | undefined;
  let block: Uint8Array[] = [];
  let have = 0;
  const flush = (): Uint8Array => {
    buffer ??= new ArrayBuffer(base64EncodedLength(Math.min(blockIn, have), lineLength));
    const end = encodeInto(block, lineLength, buffer, 0);
    block = [];
    have = 0;
    return new Uint8Array(buffer, 0, end);
  };
  for (const part of parts) {
    let i = 0;
    while (i < part.length) {
      const take = Math.min(blockIn - have, part.length - i);
      block.push(part.subarray(i, i + take));
      have += take;
      i += take;
      if (have === blockIn) yield flush();
    }
  }
  if (have > 0) yield flush();
}

/**
 * Encodes `parts` into `buffer` from the even byte offset `start`; returns the end offset. Every
 * part boundary may split a 3-byte group, so up to two bytes are carried into the next part.
 */
function encodeInto(parts: readonly Uint8Array[], lineLength: number, buffer: ArrayBufferLike, start: number): number {
  const perLine = lineLengthOf(lineLength);
  const out = new Uint8Array(buffer);
  const out16 = new Uint16Array(buffer, start, (buffer.byteLength - start) >> 1);
  const P = pairEncode();
  const groupsPerLine = perLine > 0 ? perLine / 4 : Infinity;
  let o16 = 0;
  let g = 0;
  const carry = new Uint8Array(3);
  let carried = 0;
  for (const data of parts) {
    let i = 0;
    while (carried > 0 && carried < 3 && i < data.length) carry[carried++] = data[i++]!;
    if (carried === 3) {
      const n = (carry[0]! << 16) | (carry[1]! << 8) | carry[2]!;
      out16[o16++] = P[n >>> 12]!;
      out16[o16++] = P[n & 4095]!;
      if (++g === groupsPerLine) { out16[o16++] = crlf16; g = 0; }
      carried = 0;
    }
    const full = data.length - ((data.length - i) % 3);
    // Up to the end of the current line in one tight loop (no line check per group): the hot path.
    while (i < full) {
      const groups = Math.min(groupsPerLine - g, (full - i) / 3);
      const end = i + groups * 3;
      for (; i < end; i += 3) {
        const n = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
        out16[o16++] = P[n >>> 12]!;
        out16[o16++] = P[n & 4095]!;
      }
      g += groups;
      if (g === groupsPerLine) { out16[o16++] = crlf16; g = 0; }
    }
    while (i < data.length) carry[carried++] = data[i++]!;
  }
  let o = start + o16 * 2;
  if (carried > 0) {
    const n = (carry[0]! << 16) | (carried === 2 ? carry[1]! << 8 : 0);
    out[o] = encodeTable[n >>> 18]!;
    out[o + 1] = encodeTable[(n >>> 12) & 63]!;
    out[o + 2] = carried === 2 ? encodeTable[(n >>> 6) & 63]! : 61;
    out[o + 3] = 61;
    o += 4;
    g++;
  }
  if (perLine > 0 && g !== 0) { out[o] = 13; out[o + 1] = 10; o += 2; }
  return o;
}

export function base64Encode(data: Uint8Array, lineLength = 0): string {
  return new TextDecoder('latin1').decode(base64EncodeBytes(data, lineLength));
}

export type DecodeOptions = {
  /** Decode into the input's own bytes (the caller's buffer is overwritten, even on an error): saves a copy of a large message. */
  inPlace?: boolean;
};

/**
 * Decodes base64 from ASCII bytes or a string. Whitespace is skipped; any other character outside
 * the alphabet, or data after padding, is bad-data (we never guess at damaged input).
 */
export function base64Decode(input: Uint8Array | string, opts: DecodeOptions = {}): Uint8Array {
  const src = typeof input === 'string' ? latin1Bytes(input) : input;
  // In place is safe: every output byte needs at least 8 bits of input already read, so a write never
  // reaches a character still to be read.
  return decodeInto(src, opts.inPlace === true ? src : new Uint8Array(Math.floor((src.length * 3) / 4) + 3));
}

function decodeInto<B extends Uint8Array>(src: Uint8Array, out: B): B {
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
  return out.subarray(0, o) as B;
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

/** Unwrapped base64 of `bytes`. */
export function toBase64(bytes: Uint8Array): string {
  return base64Encode(bytes);
}

/** Decodes base64 into a fresh buffer; any whitespace is skipped, anything else wrong is bad-data. */
export function fromBase64(text: string): Bytes {
  const src = latin1Bytes(text.replace(/\s+/g, ''));
  return decodeInto(src, new Uint8Array(Math.floor((src.length * 3) / 4) + 3));
}

/** URL-safe base64 without padding (RFC 4648 §5): tokens and ids that travel in URLs and storage keys. */
export function toBase64Url(bytes: Uint8Array): string {
  return base64Encode(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Bytes {
  if (/[+/]/.test(text)) throw new LockpaneError('bad-data', 'base64url: invalid character');
  return fromBase64(text.replace(/-/g, '+').replace(/_/g, '/'));
}
