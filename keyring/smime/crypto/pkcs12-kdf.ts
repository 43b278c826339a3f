/**
 * The PKCS#12 key derivation (RFC 7292 Appendix B.2), used by legacy PBE schemes and by the
 * PKCS#12 integrity MAC (which OpenSSL 3 still computes this way, over SHA-256 by default).
 */
import type { HashName } from '../oids';
import { sha1, sha256 } from './sync-hash';
import { digest } from './util';

export const PKCS12_KEY = 1;
export const PKCS12_IV = 2;
export const PKCS12_MAC = 3;

/** BMPString of the password with a two-byte terminator, as RFC 7292 B.1 specifies. */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    out[i * 2] = c >> 8;
    out[i * 2 + 1] = c & 0xff;
  }
  return out;
}

const blockSize = (hash: HashName): number => (hash === 'SHA-384' || hash === 'SHA-512' ? 128 : 64);

function repeatTo(src: Uint8Array, v: number): Uint8Array {
  if (src.length === 0) return src;
  const len = v * Math.ceil(src.length / v);
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = src[i % src.length]!;
  return out;
}

export async function pkcs12Kdf(hash: HashName, password: Uint8Array, salt: Uint8Array, id: number, iterations: number, n: number): Promise<Uint8Array> {
  const v = blockSize(hash);
  const D = new Uint8Array(v).fill(id);
  const I = new Uint8Array([...repeatTo(salt, v), ...repeatTo(password, v)]);
  const out = new Uint8Array(n);
  let filled = 0;
  while (filled < n) {
    const first = new Uint8Array([...D, ...I]);
    let A: Uint8Array;
    const sync = hash === 'SHA-1' ? sha1 : hash === 'SHA-256' ? sha256 : undefined;
    if (sync !== undefined) {
      A = sync(first);
      for (let r = 1; r < iterations; r++) A = sync(A);
    } else {
      A = await digest(hash, first);
      for (let r = 1; r < iterations; r++) A = await digest(hash, A);
    }
    out.set(A.subarray(0, Math.min(A.length, n - filled)), filled);
    filled += A.length;
    if (filled >= n) break;
    const B = repeatTo(A, v).subarray(0, v);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const x = I[j + k]! + B[k]! + carry;
        I[j + k] = x & 0xff;
        carry = x >> 8;
      }
    }
  }
  return out;
}
