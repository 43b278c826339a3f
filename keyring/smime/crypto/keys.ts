/** Imports our key material into WebCrypto for one specific algorithm. */
import { LockpaneError } from '../../errors';
import { bitStringBytes, contentOf, decodeOid, expect, parseDer, Tag } from '../asn1/der-reader';
import { curveByOid, type NamedCurve, type PrivateKey } from '../keys/private-key';
import { nameOf, OID, type HashName } from '../oids';
import { parseAlgorithm } from '../x509/certificate';
import { bs, subtle } from './util';

export type KeyAlgorithm =
  | { name: 'RSA-OAEP'; hash: HashName }
  | { name: 'RSASSA-PKCS1-v1_5'; hash: HashName }
  | { name: 'RSA-PSS'; hash: HashName }
  | { name: 'ECDSA' }
  | { name: 'ECDH' };

export type PublicKeyInfo = { type: 'rsa' | 'ec' | 'ed25519' | 'x25519' | 'other'; curve?: NamedCurve; algorithmOid: string; bits?: number };

/** What kind of public key a SubjectPublicKeyInfo holds. */
export function publicKeyInfo(spki: Uint8Array): PublicKeyInfo {
  const s = expect(parseDer(spki), Tag.SEQUENCE, 'SubjectPublicKeyInfo');
  const alg = parseAlgorithm(s.children[0]);
  switch (alg.oid) {
    case OID.rsaEncryption: case OID.rsassaPss: {
      const rsa = parseDer(bitStringBytes(s.children[1]));
      const n = contentOf(expect(rsa.children[0], Tag.INTEGER, 'modulus'));
      const lead = n[0] === 0 ? 1 : 0;
      return { type: 'rsa', algorithmOid: alg.oid, bits: (n.length - lead) * 8 };
    }
    case OID.ecPublicKey: {
      const curve = curveByOid[alg.params !== undefined ? decodeOid(alg.params) : ''];
      return curve === undefined ? { type: 'other', algorithmOid: alg.oid } : { type: 'ec', curve, algorithmOid: alg.oid };
    }
    case OID.ed25519: return { type: 'ed25519', algorithmOid: alg.oid };
    case OID.x25519: return { type: 'x25519', algorithmOid: alg.oid };
    default: return { type: 'other', algorithmOid: alg.oid };
  }
}

function webAlg(alg: KeyAlgorithm, curve: NamedCurve | undefined): RsaHashedImportParams | EcKeyImportParams {
  if (alg.name === 'ECDSA' || alg.name === 'ECDH') {
    if (curve === undefined) throw new LockpaneError('unsupported-algorithm', `${alg.name} needs a named curve`);
    return { name: alg.name, namedCurve: curve };
  }
  return { name: alg.name, hash: alg.hash };
}

const unsupported = (what: string, e: unknown): LockpaneError =>
  new LockpaneError('unsupported-algorithm', `cannot use ${what} key here`, { cause: e });

export async function importPrivate(key: PrivateKey, alg: KeyAlgorithm, usages: KeyUsage[], extractable = false): Promise<CryptoKey> {
  const wantEc = alg.name === 'ECDSA' || alg.name === 'ECDH';
  if ((wantEc && key.type !== 'ec') || (!wantEc && key.type !== 'rsa')) {
    throw new LockpaneError('unsupported-algorithm', `a ${key.type} key cannot do ${alg.name}`);
  }
  try {
    return await subtle().importKey('pkcs8', bs(key.pkcs8), webAlg(alg, key.curve), extractable, usages);
  } catch (e) {
    throw new LockpaneError('key-invalid', `the ${key.type} private key could not be loaded`, { cause: e });
  }
}

export async function importPublic(spki: Uint8Array, alg: KeyAlgorithm, usages: KeyUsage[]): Promise<CryptoKey> {
  const info = publicKeyInfo(spki);
  const wantEc = alg.name === 'ECDSA' || alg.name === 'ECDH';
  if ((wantEc && info.type !== 'ec') || (!wantEc && info.type !== 'rsa')) {
    throw new LockpaneError('unsupported-algorithm', `a ${info.type === 'other' ? nameOf(info.algorithmOid) : info.type} public key cannot do ${alg.name}`);
  }
  let der = spki;
  if (info.algorithmOid === OID.rsassaPss) der = rsaPssToRsaSpki(spki);
  try {
    return await subtle().importKey('spki', bs(der), webAlg(alg, info.curve), true, usages);
  } catch (e) {
    throw unsupported(info.type, e);
  }
}

/** WebCrypto only imports rsaEncryption SPKIs; an id-RSASSA-PSS key is the same RSA key. */
function rsaPssToRsaSpki(spki: Uint8Array): Uint8Array {
  const s = parseDer(spki);
  const key = s.children[1]!;
  const head = new Uint8Array([0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]);
  const body = new Uint8Array([...head, ...spki.subarray(key.start, key.end)]);
  const len = body.length;
  const lenBytes = len < 128 ? [len] : len < 256 ? [0x81, len] : [0x82, len >> 8, len & 0xff];
  return new Uint8Array([0x30, ...lenBytes, ...body]);
}

/** True when the private key and the SubjectPublicKeyInfo belong together (compares public parts). */
export async function keyMatchesSpki(key: PrivateKey, spki: Uint8Array): Promise<boolean> {
  try {
    const info = publicKeyInfo(spki);
    if (info.type !== key.type || info.curve !== key.curve) return false;
    if (key.type === 'rsa') {
      const priv = await subtle().exportKey('jwk', await importPrivate(key, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, ['sign'], true));
      const pub = await subtle().exportKey('jwk', await importPublic(spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, ['verify']));
      return priv.n === pub.n && priv.e === pub.e;
    }
    if (key.type === 'ec') {
      const priv = await subtle().exportKey('jwk', await importPrivate(key, { name: 'ECDSA' }, ['sign'], true));
      const pub = await subtle().exportKey('jwk', await importPublic(spki, { name: 'ECDSA' }, ['verify']));
      return priv.x === pub.x && priv.y === pub.y;
    }
    return false;
  } catch {
    return false;
  }
}
