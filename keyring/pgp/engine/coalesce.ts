/**
 * Joins small chunks of a byte source into pieces of at least `min` bytes (the last may be shorter),
 * so per-call costs (cipher and hash calls, spool writes, awaits) are paid per piece, not per
 * sender's chunk (GnuPG: 8 KiB). Chunks of `min / 4` or more pass through uncopied.
 */
import { concatBytes } from './io';

export async function* coalesce(source: AsyncIterator<Uint8Array>, min: number): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let size = 0;
  for (let next = await source.next(); !next.done; next = await source.next()) {
    const b = next.value;
    if (b.length >= min / 4) {
      if (size) yield concatBytes(parts);
      parts = [];
      size = 0;
      yield b;
      continue;
    }
    parts.push(b);
    size += b.length;
    if (size >= min) {
      yield concatBytes(parts);
      parts = [];
      size = 0;
    }
  }
  if (size) yield concatBytes(parts);
}
