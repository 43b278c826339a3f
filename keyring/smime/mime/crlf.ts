/**
 * CRLF canonical form of a MIME entity for signing and encrypting (RFC 8551 §3.1.1). Large entities
 * are almost always canonical already, so the check runs on the engine's native byte search
 * (indexOf per line ending) instead of a JS loop over every byte; only damaged line endings go to
 * the general converter, which copies.
 */
import { canonicalizeLineEndings } from '../../mime/entity';

export function isCanonicalCrlf(data: Uint8Array): boolean {
  for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, i + 1)) if (i === 0 || data[i - 1] !== 13) return false;
  for (let i = data.indexOf(13); i !== -1; i = data.indexOf(13, i + 1)) if (data[i + 1] !== 10) return false;
  return true;
}

export function toCrlf(data: Uint8Array): Uint8Array {
  return isCanonicalCrlf(data) ? data : canonicalizeLineEndings(data);
}
