/**
 * Private keys: PKCS#8 (plain or encrypted, RFC 5958/5208), plus the traditional OpenSSL PEM forms
 * ("RSA PRIVATE KEY", "EC PRIVATE KEY") re-wrapped as PKCS#8. Kept as PKCS#8 DER and imported into
 * WebCrypto per operation, because a CryptoKey is bound to one algorithm (OAEP vs PKCS#1 vs PSS).
 */
import { LockpaneError } from '../../errors';
import { bytesOf, contentOf, decodeOid, expect, isContext, octetsOf, parseDerAs, Tag, type Tlv } from '../asn1/der-reader';
import { algorithmId, integer, octets, oid, seq } from '../asn1/der-writer';
import { pbeDecrypt } from '../crypto/pbe';
import { nameOf, OID } from '../oids';
import { decodePemBlocks, encodePem } from '../pem';
import { parseAlgorithm } from '../x509/certificate';

export type NamedCurve = 'P-256' | 'P-384' | 'P-521';
export type PrivateKeyType = 'rsa' | 'ec' | 'ed25519' | 'x25519' | 'other';

export type PrivateKey = {
  pkcs8: Uint8Array;
  type: PrivateKeyType;
  curve?: NamedCurve;
  algorithmOid: string;
};

export const curveByOid: Record<string, NamedCurve> = { [OID.p256]: 'P-256', [OID.p384]: 'P-384', [OID.p521]: 'P-521' };
export const oidByCurve: Record<NamedCurve, string> = { 'P-256': OID.p256, 'P-384': OID.p384, 'P-521': OID.p521 };

const bad = (m: string): LockpaneError => new LockpaneError('bad-data', `private key: ${m}`);

const parseDerOrBad = (der: Uint8Array, what: string): Tlv => parseDerAs(der, what, bad);

/** Reads an unencrypted PrivateKeyInfo / OneAsymmetricKey. */
export function parsePrivateKeyInfo(der: Uint8Array): PrivateKey {
  const root = parseDerOrBad(der, 'PrivateKeyInfo');
  try {
    const s = expect(root, Tag.SEQUENCE, 'PrivateKeyInfo');
    const alg = parseAlgorithm(s.children[1]);
    expect(s.children[2], Tag.OCTET_STRING, 'privateKey');
    const copy = bytesOf(root).slice();
    switch (alg.oid) {
      case OID.rsaEncryption: return { pkcs8: copy, type: 'rsa', algorithmOid: alg.oid };
      case OID.ecPublicKey: {
        const curve = curveByOid[alg.params !== undefined ? decodeOid(alg.params) : ''];
        if (curve === undefined) throw new LockpaneError('unsupported-algorithm', 'EC private key on an unsupported curve');
        return { pkcs8: copy, type: 'ec', curve, algorithmOid: alg.oid };
      }
      case OID.ed25519: return { pkcs8: copy, type: 'ed25519', algorithmOid: alg.oid };
      case OID.x25519: return { pkcs8: copy, type: 'x25519', algorithmOid: alg.oid };
      default: return { pkcs8: copy, type: 'other', algorithmOid: alg.oid };
    }
  } catch (e) {
    if (e instanceof LockpaneError) throw e.code === 'bad-data' ? bad(e.message) : e;
    throw bad(String(e));
  }
}

/** Decrypts an EncryptedPrivateKeyInfo. Missing password → key-locked; wrong → wrong-passphrase. */
export async function decryptPrivateKeyInfo(der: Uint8Array, password: string | undefined): Promise<PrivateKey> {
  const root = parseDerOrBad(der, 'EncryptedPrivateKeyInfo');
  const s = expect(root, Tag.SEQUENCE, 'EncryptedPrivateKeyInfo');
  const alg = parseAlgorithm(s.children[0]);
  const data = octetsOf(expect(s.children[1], Tag.OCTET_STRING, 'encryptedData'));
  if (password === undefined) throw new LockpaneError('key-locked', 'the private key is password-protected; give its password');
  const plain = await pbeDecrypt(alg, password, data);
  try {
    return parsePrivateKeyInfo(plain);
  } catch (e) {
    // Decryption "succeeded" by padding luck but produced garbage: a wrong password.
    if (e instanceof LockpaneError && e.code === 'bad-data') throw new LockpaneError('wrong-passphrase', 'the password is wrong');
    throw e;
  }
}

/** PKCS#1 RSAPrivateKey → PKCS#8. */
function wrapRsa(der: Uint8Array): Uint8Array {
  parseDerOrBad(der, 'RSAPrivateKey');
  return seq(integer(0), algorithmId(OID.rsaEncryption, null), octets(der));
}

/** SEC 1 ECPrivateKey → PKCS#8 (the curve comes from its [0] parameters). */
function wrapEc(der: Uint8Array): Uint8Array {
  const s = expect(parseDerOrBad(der, 'ECPrivateKey'), Tag.SEQUENCE, 'ECPrivateKey');
  const params = s.children.find((c) => isContext(c, 0));
  if (params === undefined) throw bad('EC key without curve parameters');
  const curveOid = decodeOid(params.children[0]);
  return seq(integer(0), seq(oid(OID.ecPublicKey), oid(curveOid)), octets(der));
}

/** All private keys in a PEM text (or one DER PKCS#8). */
export async function readPrivateKeys(data: Uint8Array, password: string | undefined): Promise<PrivateKey[]> {
  const blocks = decodePemBlocks(data);
  if (blocks.length === 0) {
    try {
      return [parsePrivateKeyInfo(data)];
    } catch {
      return [await decryptPrivateKeyInfo(data, password)];
    }
  }
  const out: PrivateKey[] = [];
  for (const b of blocks) {
    if (b.label === 'PRIVATE KEY') out.push(parsePrivateKeyInfo(b.der));
    else if (b.label === 'ENCRYPTED PRIVATE KEY') out.push(await decryptPrivateKeyInfo(b.der, password));
    else if (b.label === 'RSA PRIVATE KEY') out.push(parsePrivateKeyInfo(wrapRsa(b.der)));
    else if (b.label === 'EC PRIVATE KEY') out.push(parsePrivateKeyInfo(wrapEc(b.der)));
  }
  return out;
}

export function exportPrivateKeyPem(key: PrivateKey): string {
  return encodePem('PRIVATE KEY', key.pkcs8);
}

export function describeKeyType(key: PrivateKey): string {
  return key.type === 'ec' ? `ec-${key.curve}` : key.type === 'other' ? nameOf(key.algorithmOid) : key.type;
}

export { contentOf };
