/**
 * Content encryption for CMS: AES-CBC (RFC 3565), AES-GCM (RFC 5084) through WebCrypto, and
 * 3DES-CBC for reading old mail. RC2, ChaCha20-Poly1305 and anything else: unsupported-algorithm.
 */
import { LockpaneError } from '../../errors';
import { contentOf, expect, isUniversal, parseDer, smallInteger, Tag } from '../asn1/der-reader';
import { algorithmId, integer, octets, seq } from '../asn1/der-writer';
import { nameOf, OID } from '../oids';
import type { AlgorithmIdentifier } from '../x509/certificate';
import { tripleDesCbcDecrypt } from './des';
import { bs, randomBytes, subtle } from './util';

export type ContentCipher = 'aes-256-gcm' | 'aes-128-gcm' | 'aes-256-cbc' | 'aes-128-cbc';
export const contentCiphers: readonly ContentCipher[] = ['aes-256-gcm', 'aes-128-gcm', 'aes-256-cbc', 'aes-128-cbc'];

const cipherOid: Record<ContentCipher, string> = {
  'aes-256-gcm': OID.aes256Gcm, 'aes-128-gcm': OID.aes128Gcm, 'aes-256-cbc': OID.aes256Cbc, 'aes-128-cbc': OID.aes128Cbc,
};
const cbcKeyLen: Record<string, number> = { [OID.aes128Cbc]: 16, [OID.aes192Cbc]: 24, [OID.aes256Cbc]: 32 };
const gcmKeyLen: Record<string, number> = { [OID.aes128Gcm]: 16, [OID.aes192Gcm]: 24, [OID.aes256Gcm]: 32 };

export const isAead = (c: ContentCipher): boolean => c.endsWith('-gcm');

export type Encrypted = { cek: Uint8Array; algorithm: Uint8Array; ciphertext: Uint8Array; tag?: Uint8Array };

/** Content encryption that has been handed to WebCrypto and not yet finished. */
export type PendingEncryption = { cek: Uint8Array; algorithm: Uint8Array; done: Promise<Encrypted> };

/**
 * Starts encrypting and returns once WebCrypto holds the job, so the caller can do other work
 * while it runs (in Node it runs on the thread pool: the CLI checks line endings meanwhile).
 */
export async function beginContentEncryption(cipher: ContentCipher, data: Uint8Array): Promise<PendingEncryption> {
  const cek = randomBytes(cipher.startsWith('aes-256') ? 32 : 16);
  if (isAead(cipher)) {
    const nonce = randomBytes(12);
    const algorithm = algorithmId(cipherOid[cipher], seq(octets(nonce), integer(16)));
    const key = await subtle().importKey('raw', bs(cek), 'AES-GCM', false, ['encrypt']);
    const job = subtle().encrypt({ name: 'AES-GCM', iv: bs(nonce), tagLength: 128 }, key, bs(data));
    const done = job.then((buf) => {
      const out = new Uint8Array(buf);
      return { cek, algorithm, ciphertext: out.subarray(0, out.length - 16), tag: out.subarray(out.length - 16) };
    });
    return { cek, algorithm, done: handled(done) };
  }
  const iv = randomBytes(16);
  const algorithm = algorithmId(cipherOid[cipher], octets(iv));
  const key = await subtle().importKey('raw', bs(cek), 'AES-CBC', false, ['encrypt']);
  const job = subtle().encrypt({ name: 'AES-CBC', iv: bs(iv) }, key, bs(data));
  return { cek, algorithm, done: handled(job.then((buf) => ({ cek, algorithm, ciphertext: new Uint8Array(buf) }))) };
}

/** Marks a job's failure as handled: a caller that gives up on it early (another error first) must not crash Node. */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/** The key length a content-encryption algorithm needs, or unsupported-algorithm. */
export function contentKeyLength(alg: AlgorithmIdentifier): number {
  const n = cbcKeyLen[alg.oid] ?? gcmKeyLen[alg.oid] ?? (alg.oid === OID.desEde3Cbc ? 24 : undefined);
  if (n === undefined) throw unsupportedCipher(alg.oid);
  return n;
}

export const isAeadOid = (o: string): boolean => gcmKeyLen[o] !== undefined;

function unsupportedCipher(o: string): LockpaneError {
  const legacy = o === OID.rc2Cbc ? ' (RC2 is a legacy cipher)' : '';
  return new LockpaneError('unsupported-algorithm', `content cipher ${nameOf(o)} is not supported${legacy}`);
}

/**
 * Decrypts content. CBC padding errors are bad-data (the message was damaged or the key is
 * wrong); a GCM tag mismatch is integrity-failure (tampering or truncation).
 */
export async function decryptContent(alg: AlgorithmIdentifier, cek: Uint8Array, data: Uint8Array, tag?: Uint8Array, aad?: Uint8Array, taggedData?: Uint8Array): Promise<Uint8Array> {
  const corrupt = (): LockpaneError => new LockpaneError('bad-data', 'the encrypted content is damaged (decryption failed)');
  const len = contentKeyLength(alg);
  if (cek.length !== len) throw new LockpaneError('cannot-decrypt', 'the recovered content key has the wrong length');
  if (alg.oid === OID.desEde3Cbc) {
    if (!isUniversal(alg.params, Tag.OCTET_STRING)) throw corrupt();
    return tripleDesCbcDecrypt(cek, contentOf(alg.params), data, corrupt());
  }
  if (cbcKeyLen[alg.oid] !== undefined) {
    if (!isUniversal(alg.params, Tag.OCTET_STRING) || contentOf(alg.params).length !== 16) throw corrupt();
    if (data.length === 0 || data.length % 16 !== 0) throw corrupt();
    const key = await importAes(cek, 'AES-CBC', alg.oid);
    try {
      return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv: bs(contentOf(alg.params)) }, key, bs(data)));
    } catch {
      throw corrupt();
    }
  }
  const p = expect(alg.params, Tag.SEQUENCE, 'GCM parameters');
  const nonce = contentOf(expect(p.children[0], Tag.OCTET_STRING, 'GCM nonce'));
  const icvLen = p.children[1] === undefined ? 12 : smallInteger(p.children[1]);
  if (![12, 13, 14, 15, 16].includes(icvLen)) throw new LockpaneError('unsupported-algorithm', `GCM tag length ${icvLen} is not supported`);
  if (nonce.length === 0) throw corrupt();
  if (tag === undefined || tag.length !== icvLen) throw new LockpaneError('integrity-failure', 'the authentication tag is missing or has the wrong length');
  const key = await importAes(cek, 'AES-GCM', alg.oid);
  // `taggedData` is data‖tag already in one view (see decryptCms); otherwise join them.
  let joined = taggedData;
  if (joined === undefined || joined.length !== data.length + tag.length) {
    joined = new Uint8Array(data.length + tag.length);
    joined.set(data);
    joined.set(tag, data.length);
  }
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: bs(nonce), tagLength: icvLen * 8, ...(aad !== undefined ? { additionalData: bs(aad) } : {}) }, key, bs(joined)));
  } catch {
    throw new LockpaneError('integrity-failure', 'the message failed its integrity check (AES-GCM tag mismatch): it was altered or truncated');
  }
}

async function importAes(cek: Uint8Array, name: 'AES-CBC' | 'AES-GCM', o: string): Promise<CryptoKey> {
  try {
    return await subtle().importKey('raw', bs(cek), name, false, ['decrypt']);
  } catch (e) {
    throw new LockpaneError('unsupported-algorithm', `${nameOf(o)} is not available in this WebCrypto`, { cause: e });
  }
}

export { parseDer };
