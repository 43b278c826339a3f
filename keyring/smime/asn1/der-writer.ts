/** Minimal DER encoding helpers: every function returns the full TLV bytes. */
import { concatBytes } from './der-reader';

function lengthBytes(len: number): number[] {
  if (len < 0x80) return [len];
  const out: number[] = [];
  for (let v = len; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

export function tlv(identifier: number, ...content: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const c of content) len += c.length;
  const head = [identifier, ...lengthBytes(len)];
  const out = new Uint8Array(head.length + len);
  out.set(head, 0);
  let o = head.length;
  for (const c of content) { out.set(c, o); o += c.length; }
  return out;
}

export const seq = (...c: Uint8Array[]): Uint8Array => tlv(0x30, ...c);
/** SET OF in DER: elements sorted by their encodings (needed for signed attributes). */
export const setOf = (...c: Uint8Array[]): Uint8Array => tlv(0x31, ...[...c].sort(compareBytes));
export const octets = (b: Uint8Array): Uint8Array => tlv(0x04, b);
export const nul = (): Uint8Array => new Uint8Array([0x05, 0x00]);
export const bitString = (b: Uint8Array): Uint8Array => tlv(0x03, new Uint8Array([0]), b);
/** [n] EXPLICIT (constructed) or IMPLICIT-constructed context tag. */
export const ctx = (n: number, ...c: Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...c);
/** [n] IMPLICIT over a primitive value. */
export const ctxPrim = (n: number, b: Uint8Array): Uint8Array => tlv(0x80 | n, b);

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const first = arcs[0]! * 40 + arcs[1]!;
  const bytes: number[] = [];
  for (const arc of [first, ...arcs.slice(2)]) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, new Uint8Array(bytes));
}

/** INTEGER from an unsigned big-endian magnitude or a small non-negative number. */
export function integer(v: Uint8Array | number): Uint8Array {
  let b: Uint8Array;
  if (typeof v === 'number') {
    const out: number[] = [];
    for (let x = v; ; x = Math.floor(x / 256)) { out.unshift(x & 0xff); if (x < 256) break; }
    b = new Uint8Array(out);
  } else {
    let i = 0;
    while (i < v.length - 1 && v[i] === 0) i++;
    b = v.subarray(i);
    if (b.length === 0) b = new Uint8Array([0]);
  }
  if (b[0]! & 0x80) b = concatBytes([new Uint8Array([0]), b]);
  return tlv(0x02, b);
}

export function utf8(s: string): Uint8Array {
  return tlv(0x0c, new TextEncoder().encode(s));
}

/** RFC 5280: UTCTime through 2049, GeneralizedTime after. */
export function time(d: Date): Uint8Array {
  const iso = d.toISOString();
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '');
  const y = d.getUTCFullYear();
  if (y >= 1950 && y < 2050) return tlv(0x17, new TextEncoder().encode(`${digits.slice(2)}Z`));
  return tlv(0x18, new TextEncoder().encode(`${digits}Z`));
}

export function algorithmId(oidStr: string, params?: Uint8Array | null): Uint8Array {
  return params === undefined ? seq(oid(oidStr)) : seq(oid(oidStr), params ?? nul());
}

/** A TLV as a list of pieces (header first), so large contents are copied once at the end. */
export function tlvParts(identifier: number, parts: readonly Uint8Array[]): Uint8Array[] {
  let len = 0;
  for (const p of parts) len += p.length;
  return [new Uint8Array([identifier, ...lengthBytes(len)]), ...parts];
}
