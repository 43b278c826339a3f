/**
 * DES / Triple-DES (FIPS 46-3, SP 800-67) in CBC mode. WebCrypto has no DES, yet legacy PKCS#12
 * files (pbeWithSHAAnd3-KeyTripleDES-CBC) and old S/MIME mail (RFC 4134 §5.1) use it. Only used to
 * read such data; never chosen for anything we produce except an explicitly legacy PKCS#12 export.
 * Written for clarity over speed (inputs are small), and checked against known answers and OpenSSL.
 */
import { LockpaneError } from '../../errors';
import { cbcDecrypt8 } from './cbc';

const PC1 = [57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
  63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4];
const PC2 = [14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
  41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32];
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];
const IP = [58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4, 62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
  57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3, 61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7];
const FP = [40, 8, 48, 16, 56, 24, 64, 32, 39, 7, 47, 15, 55, 23, 63, 31, 38, 6, 46, 14, 54, 22, 62, 30, 37, 5, 45, 13, 53, 21, 61, 29,
  36, 4, 44, 12, 52, 20, 60, 28, 35, 3, 43, 11, 51, 19, 59, 27, 34, 2, 42, 10, 50, 18, 58, 26, 33, 1, 41, 9, 49, 17, 57, 25];
const E = [32, 1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9, 8, 9, 10, 11, 12, 13, 12, 13, 14, 15, 16, 17,
  16, 17, 18, 19, 20, 21, 20, 21, 22, 23, 24, 25, 24, 25, 26, 27, 28, 29, 28, 29, 30, 31, 32, 1];
const P = [16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, 2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25];
/** The eight S-boxes, 4 rows × 16 columns each, one hex digit per entry (FIPS 46-3 order). */
const S = [
  'e4d12fb83a6c59070f74e2d1a6cb953841e8d62bfc973a50fc8249175b3ea06d',
  'f18e6b34972dc05a3d47f28ec01a69b50e7ba4d158c6932fd8a13f42b67c05e9',
  'a09e63f51dc7b428d709346a285ecbf1d6498f30b12c5ae71ad069874fe3b52c',
  '7de3069a1285bc4fd8b56f03472c1ae9a690cb7df13e52843f06a1d8945bc72e',
  '2c417ab6853fd0e9eb2c47d150fa3986421bad78f9c5630eb8c71e2d6f09a453',
  'c1af92680d34e75baf427c9561de0b389ef528c3704a1db6432c95fabe17608d',
  '4b2ef08d3c975a61d0b7491ae35c2f8614bdc37eaf6805926bd814a7950fe23c',
  'd2846fb1a93e50c71fd8a374c56b0e927b419ce206adf35821e74a8dfc90356b',
].map((box) => Array.from(box, (d) => Number.parseInt(d, 16)));

/** Bits as 0/1 arrays, bit 1 = most significant bit of byte 0 (the FIPS numbering). */
function toBits(b: Uint8Array): number[] {
  const out: number[] = [];
  for (const x of b) for (let i = 7; i >= 0; i--) out.push((x >> i) & 1);
  return out;
}
function fromBits(bits: number[]): Uint8Array {
  const out = new Uint8Array(bits.length / 8);
  for (let i = 0; i < bits.length; i++) out[i >> 3]! |= bits[i]! << (7 - (i & 7));
  return out;
}
const permute = (bits: number[], table: number[]): number[] => table.map((p) => bits[p - 1]!);

/** The 16 round keys, 48 bits each. */
function subkeys(key: Uint8Array): number[][] {
  const k = permute(toBits(key), PC1);
  let c = k.slice(0, 28);
  let d = k.slice(28);
  const out: number[][] = [];
  for (const s of SHIFTS) {
    c = [...c.slice(s), ...c.slice(0, s)];
    d = [...d.slice(s), ...d.slice(0, s)];
    out.push(permute([...c, ...d], PC2));
  }
  return out;
}

function feistel(r: number[], k: number[]): number[] {
  const x = permute(r, E).map((b, i) => b ^ k[i]!);
  const out: number[] = [];
  for (let s = 0; s < 8; s++) {
    const b = x.slice(s * 6, s * 6 + 6) as [number, number, number, number, number, number];
    const row = (b[0] << 1) | b[5];
    const col = (b[1] << 3) | (b[2] << 2) | (b[3] << 1) | b[4];
    const v = S[s]![row * 16 + col]!;
    out.push((v >> 3) & 1, (v >> 2) & 1, (v >> 1) & 1, v & 1);
  }
  return permute(out, P);
}

function desBlock(block: Uint8Array, keys: number[][], decrypt: boolean): Uint8Array {
  const bits = permute(toBits(block), IP);
  let l = bits.slice(0, 32);
  let r = bits.slice(32);
  for (let i = 0; i < 16; i++) {
    const f = feistel(r, keys[decrypt ? 15 - i : i]!);
    [l, r] = [r, l.map((b, j) => b ^ f[j]!)];
  }
  return fromBits(permute([...r, ...l], FP));
}

type Schedule = [number[][], number[][], number[][]];

function schedule3(key: Uint8Array): Schedule {
  if (key.length === 16) key = new Uint8Array([...key, ...key.subarray(0, 8)]); // two-key 3DES
  if (key.length !== 24) throw new LockpaneError('bad-data', 'Triple-DES needs a 16- or 24-byte key');
  return [subkeys(key.subarray(0, 8)), subkeys(key.subarray(8, 16)), subkeys(key.subarray(16, 24))];
}

function ede(block: Uint8Array, k: Schedule, decrypt: boolean): Uint8Array {
  return decrypt
    ? desBlock(desBlock(desBlock(block, k[2], true), k[1], false), k[0], true)
    : desBlock(desBlock(desBlock(block, k[0], false), k[1], true), k[2], false);
}

/** Single-block DES, exposed for known-answer tests. */
export function desEncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  return desBlock(block, subkeys(key), false);
}

/** 3DES-CBC decryption with PKCS#7 padding removal; a bad padding is reported as `failure`. */
export function tripleDesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array, failure: LockpaneError): Uint8Array {
  return cbcDecrypt8(() => {
    const k = schedule3(key);
    return (c) => ede(c, k, true);
  }, iv, data, failure);
}

/** 3DES-CBC encryption with PKCS#7 padding (legacy PKCS#12 export only). */
export function tripleDesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const k = schedule3(key);
  const pad = 8 - (data.length % 8);
  const input = new Uint8Array(data.length + pad);
  input.set(data);
  input.fill(pad, data.length);
  const out = new Uint8Array(input.length);
  let prev = iv;
  for (let o = 0; o < input.length; o += 8) {
    const x = input.slice(o, o + 8);
    for (let i = 0; i < 8; i++) x[i]! ^= prev[i]!;
    const c = ede(x, k, false);
    out.set(c, o);
    prev = c;
  }
  return out;
}
