/**
 * RSAES-PKCS1-v1_5 (RFC 8017 §7.2) with BigInt, because WebCrypto dropped it but S/MIME peers
 * (gpgsm, Outlook, RFC 4134 mail) still use it for key transport. Decryption failures are all the
 * same error so padding is no oracle; JS BigInt is not constant-time, which is a known limit.
 */
import { LockpaneError } from '../../errors';
import { base64Decode } from '../../bytes/base64';
import { toHex } from '../../bytes/hex';
import type { PrivateKey } from '../keys/private-key';
import { importPrivate, importPublic } from './keys';
import { randomBytes, subtle } from './util';

const b64uToBigInt = (s: string | undefined): bigint => {
  if (s === undefined) throw new LockpaneError('key-invalid', 'RSA key is missing a component');
  const bytes = base64Decode(s.replace(/-/g, '+').replace(/_/g, '/'));
  return BigInt(`0x${toHex(bytes) || '0'}`);
};

function toBytes(x: bigint, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = len - 1; i >= 0; i--) { out[i] = Number(x & 0xffn); x >>= 8n; }
  return out;
}

function fromBytes(b: Uint8Array): bigint {
  let x = 0n;
  for (const v of b) x = (x << 8n) | BigInt(v);
  return x;
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let r = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) r = (r * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return r;
}

const byteLength = (n: bigint): number => Math.ceil(n.toString(16).length / 2);

export async function rsaPkcs1Encrypt(spki: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  const jwk = await subtle().exportKey('jwk', await importPublic(spki, { name: 'RSA-OAEP', hash: 'SHA-256' }, ['encrypt']));
  const n = b64uToBigInt(jwk.n);
  const e = b64uToBigInt(jwk.e);
  const k = byteLength(n);
  if (message.length > k - 11) throw new LockpaneError('internal', 'message too long for RSA');
  const ps = randomBytes(k - 3 - message.length);
  for (let i = 0; i < ps.length; i++) while (ps[i] === 0) ps[i] = randomBytes(1)[0]!;
  const em = new Uint8Array(k);
  em[1] = 2;
  em.set(ps, 2);
  em.set(message, 3 + ps.length);
  return toBytes(modPow(fromBytes(em), e, n), k);
}

/** Returns the decrypted message, or throws `failure` on any padding or length problem. */
export async function rsaPkcs1Decrypt(key: PrivateKey, ciphertext: Uint8Array, failure: LockpaneError): Promise<Uint8Array> {
  const jwk = await subtle().exportKey('jwk', await importPrivate(key, { name: 'RSA-OAEP', hash: 'SHA-256' }, ['decrypt'], true));
  const n = b64uToBigInt(jwk.n);
  const k = byteLength(n);
  if (ciphertext.length !== k) throw failure;
  const c = fromBytes(ciphertext);
  if (c >= n) throw failure;
  const p = b64uToBigInt(jwk.p);
  const q = b64uToBigInt(jwk.q);
  const dp = b64uToBigInt(jwk.dp);
  const dq = b64uToBigInt(jwk.dq);
  const qi = b64uToBigInt(jwk.qi);
  const m1 = modPow(c, dp, p);
  const m2 = modPow(c, dq, q);
  const h = (qi * ((m1 - m2 + p) % p)) % p;
  const em = toBytes(m2 + h * q, k);
  let ok = em[0] === 0 && em[1] === 2;
  let sep = -1;
  for (let i = 2; i < k; i++) if (em[i] === 0 && sep < 0) sep = i;
  ok = ok && sep >= 10;
  if (!ok) throw failure;
  return em.slice(sep + 1);
}
