/** Hex of bytes: lower case (packet dumps, MIME boundaries) or upper case (fingerprints). */
export function toHex(bytes: Uint8Array, letters: 'lower' | 'upper' = 'lower'): string {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return letters === 'upper' ? s.toUpperCase() : s;
}
