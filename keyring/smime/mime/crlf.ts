/**
 * CRLF canonical form of a MIME entity for signing and encrypting (RFC 8551 §3.1.1). Large entities
 * are almost always canonical already, so the check reads four bytes at a time and looks closer
 * only at words that hold a CR or LF (a byte loop over 50 MB was the largest encrypt cost after
 * base64); only damaged line endings go to the general converter, which copies.
 */
import { canonicalizeLineEndings } from '../../mime/entity';

/** A CR or LF at `p` that is not part of a CRLF pair. */
function bareAt(data: Uint8Array, p: number): boolean {
  const c = data[p];
  if (c === 10) return p === 0 || data[p - 1] !== 13;
  if (c === 13) return data[p + 1] !== 10;
  return false;
}

const ones = 0x01010101;
const highs = 0x80808080;

export function isCanonicalCrlf(data: Uint8Array): boolean {
  const n = data.length;
  // Bytes up to a 4-byte boundary, then four at a time: a word is looked at byte by byte only when
  // it holds a CR or LF (the "has a zero byte" test on word ^ 0x0a0a0a0a and word ^ 0x0d0d0d0d).
  let i = 0;
  while (i < n && ((data.byteOffset + i) & 3) !== 0) if (bareAt(data, i++)) return false;
  const words = new Uint32Array(data.buffer, data.byteOffset + i, (n - i) >> 2);
  for (let w = 0; w < words.length; w++) {
    const v = words[w]!;
    const lf = v ^ 0x0a0a0a0a;
    const cr = v ^ 0x0d0d0d0d;
    if ((((lf - ones) & ~lf) | ((cr - ones) & ~cr)) & highs) {
      const p = i + w * 4;
      if (bareAt(data, p) || bareAt(data, p + 1) || bareAt(data, p + 2) || bareAt(data, p + 3)) return false;
    }
  }
  for (let p = i + words.length * 4; p < n; p++) if (bareAt(data, p)) return false;
  return true;
}

export function toCrlf(data: Uint8Array): Uint8Array {
  return isCanonicalCrlf(data) ? data : canonicalizeLineEndings(data);
}
