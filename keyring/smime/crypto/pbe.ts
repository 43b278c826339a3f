/**
 * Password-based encryption for PKCS#8 and PKCS#12 bags: PBES2 (PBKDF2 + AES-CBC or 3DES-CBC,
 * RFC 8018) and the legacy PKCS#12 schemes with 3DES and RC2 (read only).
 * Any decryption failure is `wrong-passphrase`: with CBC padding we cannot tell a bad password
 * from corrupt data, and the MAC (checked first for PKCS#12) already vouches for the structure.
 */
import { LockpaneError } from '../../errors';
import { contentOf, decodeOid, expect, isUniversal, smallInteger, Tag, type Tlv } from '../asn1/der-reader';
import { algorithmId, integer, octets, seq } from '../asn1/der-writer';
import { nameOf, OID, type HashName } from '../oids';
import type { AlgorithmIdentifier } from '../x509/certificate';
import { tripleDesCbcDecrypt, tripleDesCbcEncrypt } from './des';
import { rc2CbcDecrypt } from './rc2';
import { bmpPassword, PKCS12_IV, PKCS12_KEY, pkcs12Kdf } from './pkcs12-kdf';
import { bs, randomBytes, subtle } from './util';

const prfHash: Record<string, HashName> = {
  [OID.hmacWithSHA1]: 'SHA-1', [OID.hmacWithSHA256]: 'SHA-256', [OID.hmacWithSHA384]: 'SHA-384', [OID.hmacWithSHA512]: 'SHA-512',
};
const aesCbcKeyLength: Record<string, number> = { [OID.aes128Cbc]: 16, [OID.aes192Cbc]: 24, [OID.aes256Cbc]: 32 };

/** Upper bound on iteration counts so a hostile file cannot make us spin for minutes. */
export const maxPbeIterations = 10_000_000;

const wrong = (): LockpaneError => new LockpaneError('wrong-passphrase', 'the password is wrong (or the data is damaged)');

/** Key and IV of a legacy PKCS#12 PBE scheme (RFC 7292 appendix B): SHA-1 KDF over salt and iterations. */
async function pkcs12PbeKey(params: Tlv | undefined, password: string, keyLen: number): Promise<{ key: Uint8Array; iv: Uint8Array }> {
  const p = expect(params, Tag.SEQUENCE, 'PBE parameters');
  const salt = contentOf(expect(p.children[0], Tag.OCTET_STRING, 'salt'));
  const iterations = checkIterations(smallInteger(p.children[1]));
  const pw = bmpPassword(password);
  return {
    key: await pkcs12Kdf('SHA-1', pw, salt, PKCS12_KEY, iterations, keyLen),
    iv: await pkcs12Kdf('SHA-1', pw, salt, PKCS12_IV, iterations, 8),
  };
}

export async function pbeDecrypt(alg: AlgorithmIdentifier, password: string, data: Uint8Array): Promise<Uint8Array> {
  if (alg.oid === OID.pbes2) return pbes2Decrypt(alg.params, password, data);
  if (alg.oid === OID.pbeSha1And3DES || alg.oid === OID.pbeSha1And2DES) {
    const { key, iv } = await pkcs12PbeKey(alg.params, password, alg.oid === OID.pbeSha1And3DES ? 24 : 16);
    return tripleDesCbcDecrypt(key, iv, data, wrong());
  }
  if (alg.oid === OID.pbeSha1AndRC2_40 || alg.oid === OID.pbeSha1AndRC2_128) {
    // Windows and `openssl pkcs12 -legacy` protect the certificates this way.
    const bits = alg.oid === OID.pbeSha1AndRC2_40 ? 40 : 128;
    const { key, iv } = await pkcs12PbeKey(alg.params, password, bits / 8);
    return rc2CbcDecrypt(key, bits, iv, data, wrong());
  }
  throw new LockpaneError('unsupported-algorithm', `password-based encryption ${nameOf(alg.oid)} is not supported`);
}

function checkIterations(n: number): number {
  if (n < 1 || n > maxPbeIterations) throw new LockpaneError('unsupported-option', `iteration count ${n} is out of range`);
  return n;
}

async function pbes2Decrypt(params: Tlv | undefined, password: string, data: Uint8Array): Promise<Uint8Array> {
  const p = expect(params, Tag.SEQUENCE, 'PBES2 parameters');
  const kdf = expect(p.children[0], Tag.SEQUENCE, 'key derivation');
  const enc = expect(p.children[1], Tag.SEQUENCE, 'encryption scheme');
  if (decodeOid(kdf.children[0]) !== OID.pbkdf2) throw new LockpaneError('unsupported-algorithm', 'PBES2 with a KDF other than PBKDF2');
  const kp = expect(kdf.children[1], Tag.SEQUENCE, 'PBKDF2 parameters').children;
  const salt = contentOf(expect(kp[0], Tag.OCTET_STRING, 'PBKDF2 salt'));
  const iterations = checkIterations(smallInteger(kp[1]));
  let k = 2;
  let keyLength: number | undefined;
  if (isUniversal(kp[k], Tag.INTEGER)) keyLength = smallInteger(kp[k++]);
  let hash: HashName = 'SHA-1';
  if (kp[k] !== undefined) {
    const prf = decodeOid(expect(kp[k], Tag.SEQUENCE, 'PRF').children[0]);
    const h = prfHash[prf];
    if (h === undefined) throw new LockpaneError('unsupported-algorithm', `PBKDF2 PRF ${nameOf(prf)} is not supported`);
    hash = h;
  }
  const encOid = decodeOid(enc.children[0]);
  const iv = contentOf(expect(enc.children[1], Tag.OCTET_STRING, 'IV'));
  const aesLen = aesCbcKeyLength[encOid];
  const len = aesLen ?? (encOid === OID.desEde3Cbc ? 24 : undefined);
  if (len === undefined) throw new LockpaneError('unsupported-algorithm', `PBES2 cipher ${nameOf(encOid)} is not supported`);
  if (keyLength !== undefined && keyLength !== len) throw new LockpaneError('bad-data', 'PBES2 key length does not match its cipher');
  const base = await subtle().importKey('raw', bs(new TextEncoder().encode(password)), 'PBKDF2', false, ['deriveBits']);
  const key = new Uint8Array(await subtle().deriveBits({ name: 'PBKDF2', hash, salt: bs(salt), iterations }, base, len * 8));
  if (aesLen === undefined) return tripleDesCbcDecrypt(key, iv, data, wrong());
  if (iv.length !== 16) throw new LockpaneError('bad-data', 'AES-CBC needs a 16-byte IV');
  try {
    const k2 = await subtle().importKey('raw', bs(key), 'AES-CBC', false, ['decrypt']);
    return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv: bs(iv) }, k2, bs(data)));
  } catch {
    throw wrong();
  }
}

/** PBES2 with PBKDF2-HMAC-SHA-256 and AES-256-CBC: OpenSSL 3's default. Returns [AlgorithmIdentifier DER, ciphertext]. */
export async function pbes2Encrypt(password: string, data: Uint8Array, iterations = 600_000): Promise<[Uint8Array, Uint8Array]> {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const base = await subtle().importKey('raw', bs(new TextEncoder().encode(password)), 'PBKDF2', false, ['deriveBits']);
  const raw = await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: bs(salt), iterations }, base, 256);
  const key = await subtle().importKey('raw', raw, 'AES-CBC', false, ['encrypt']);
  const ct = new Uint8Array(await subtle().encrypt({ name: 'AES-CBC', iv: bs(iv) }, key, bs(data)));
  const params = seq(
    algorithmId(OID.pbkdf2, seq(octets(salt), integer(iterations), algorithmId(OID.hmacWithSHA256, null))),
    algorithmId(OID.aes256Cbc, octets(iv)),
  );
  return [algorithmId(OID.pbes2, params), ct];
}

/** The legacy pbeWithSHAAnd3-KeyTripleDES-CBC, for importers that cannot read PBES2 (gpgsm, old Windows). */
export async function legacy3desEncrypt(password: string, data: Uint8Array, iterations = 2048): Promise<[Uint8Array, Uint8Array]> {
  const salt = randomBytes(8);
  const pw = bmpPassword(password);
  const key = await pkcs12Kdf('SHA-1', pw, salt, PKCS12_KEY, iterations, 24);
  const iv = await pkcs12Kdf('SHA-1', pw, salt, PKCS12_IV, iterations, 8);
  return [algorithmId(OID.pbeSha1And3DES, seq(octets(salt), integer(iterations))), tripleDesCbcEncrypt(key, iv, data)];
}
