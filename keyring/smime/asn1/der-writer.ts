/**
 * DER encoding through asn1js: every function returns the full TLV bytes. Values (OIDs, integers,
 * strings, times, NULL) are asn1js blocks' `toBER()`. Constructed elements take already-encoded
 * children, so their identifier and length octets come from asn1js's id/length blocks and the
 * children are joined once: nothing is re-encoded, and a 50 MB ciphertext is never copied twice.
 */
import * as asn1js from 'asn1js';
import { concatBytes } from '../../bytes/concat';

/** asn1js's identifier and length blocks, which every block carries; typed only as far as we use them. */
type HeaderBlocks = {
  idBlock: { tagClass: number; tagNumber: number; isConstructed: boolean; toBER(sizeOnly?: boolean): ArrayBuffer };
  lenBlock: { length: number; isIndefiniteForm: boolean; toBER(sizeOnly?: boolean): ArrayBuffer };
};

/** Identifier and length octets for `identifier` (one octet: class, constructed bit, tag < 31) and `len`. */
export function header(identifier: number, len: number): Uint8Array {
  const b = new asn1js.BaseBlock({ idBlock: { tagClass: (identifier >> 6) + 1, tagNumber: identifier & 0x1f, isConstructed: (identifier & 0x20) !== 0 } }) as unknown as HeaderBlocks;
  b.lenBlock.isIndefiniteForm = false;
  b.lenBlock.length = len;
  return concatBytes([new Uint8Array(b.idBlock.toBER(false)), new Uint8Array(b.lenBlock.toBER(false))]);
}

const ber = (b: asn1js.BaseBlock): Uint8Array => new Uint8Array(b.toBER(false));

export function tlv(identifier: number, ...content: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const c of content) len += c.length;
  return concatBytes([header(identifier, len), ...content]);
}

export const seq = (...c: Uint8Array[]): Uint8Array => tlv(0x30, ...c);
/** SET OF in DER: elements sorted by their encodings (needed for signed attributes). */
export const setOf = (...c: Uint8Array[]): Uint8Array => tlv(0x31, ...[...c].sort(compareBytes));
export const octets = (b: Uint8Array): Uint8Array => ber(new asn1js.OctetString({ valueHex: b }));
export const nul = (): Uint8Array => ber(new asn1js.Null());
export const bitString = (b: Uint8Array): Uint8Array => ber(new asn1js.BitString({ valueHex: b, unusedBits: 0 }));
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
  return ber(new asn1js.ObjectIdentifier({ value: dotted }));
}

/** INTEGER from an unsigned big-endian magnitude or a small non-negative number. */
export function integer(v: Uint8Array | number): Uint8Array {
  if (typeof v === 'number') return ber(new asn1js.Integer({ value: v }));
  let i = 0;
  while (i < v.length - 1 && v[i] === 0) i++;
  let b = v.subarray(i);
  if (b.length === 0) b = new Uint8Array([0]);
  // asn1js takes two's complement octets as given: a magnitude with its top bit set needs a sign octet.
  if (b[0]! & 0x80) b = concatBytes([new Uint8Array([0]), b]);
  return ber(new asn1js.Integer({ valueHex: b }));
}

export function utf8(s: string): Uint8Array {
  return ber(new asn1js.Utf8String({ value: s }));
}

/** RFC 5280: UTCTime through 2049, GeneralizedTime after; whole seconds (DER has no fraction here). */
export function time(d: Date): Uint8Array {
  const whole = new Date(Math.floor(d.getTime() / 1000) * 1000);
  const y = whole.getUTCFullYear();
  if (y >= 1950 && y < 2050) return ber(new asn1js.UTCTime({ valueDate: whole }));
  return ber(new asn1js.GeneralizedTime({ valueDate: whole }));
}

export function algorithmId(oidStr: string, params?: Uint8Array | null): Uint8Array {
  return params === undefined ? seq(oid(oidStr)) : seq(oid(oidStr), params ?? nul());
}

/** A TLV as a list of pieces (header first), so large contents are copied once at the end. */
export function tlvParts(identifier: number, parts: readonly Uint8Array[]): Uint8Array[] {
  let len = 0;
  for (const p of parts) len += p.length;
  return [header(identifier, len), ...parts];
}
