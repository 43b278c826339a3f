/**
 * Signature algorithms for CMS and X.509: RSA PKCS#1 v1.5, RSASSA-PSS and ECDSA through WebCrypto.
 * Ed25519/Ed448 and anything else are unsupported-algorithm — never "invalid" (SECURITY A4.7).
 */
import { LockpaneError } from '../../errors';
import { contentOf, expect, integerBytes, isContext, parseDer, smallInteger, Tag, type Tlv } from '../asn1/der-reader';
import { algorithmId, ctx, integer, seq } from '../asn1/der-writer';
import type { PrivateKey } from '../keys/private-key';
import { digestOids, hashOid, nameOf, OID, type HashName } from '../oids';
import { parseAlgorithm, type AlgorithmIdentifier } from '../x509/certificate';
import { importPrivate, importPublic, publicKeyInfo, type KeyAlgorithm } from './keys';
import { bs, subtle } from './util';

export type SignatureScheme = 'rsa-pkcs1' | 'rsa-pss' | 'ecdsa';

const rsaWithHash: Record<string, HashName> = {
  [OID.sha1WithRSA]: 'SHA-1', [OID.sha256WithRSA]: 'SHA-256', [OID.sha384WithRSA]: 'SHA-384', [OID.sha512WithRSA]: 'SHA-512',
};
const ecdsaWithHash: Record<string, HashName> = {
  [OID.ecdsaWithSHA1]: 'SHA-1', [OID.ecdsaWithSHA256]: 'SHA-256', [OID.ecdsaWithSHA384]: 'SHA-384', [OID.ecdsaWithSHA512]: 'SHA-512',
};
const rsaOidByHash: Record<HashName, string> = { 'SHA-1': OID.sha1WithRSA, 'SHA-256': OID.sha256WithRSA, 'SHA-384': OID.sha384WithRSA, 'SHA-512': OID.sha512WithRSA };
const ecdsaOidByHash: Record<HashName, string> = { 'SHA-1': OID.ecdsaWithSHA1, 'SHA-256': OID.ecdsaWithSHA256, 'SHA-384': OID.ecdsaWithSHA384, 'SHA-512': OID.ecdsaWithSHA512 };
const hashLen: Record<HashName, number> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

type Resolved = { alg: KeyAlgorithm; params: RsaPssParams | EcdsaParams | AlgorithmIdentifier_ };
type AlgorithmIdentifier_ = { name: string };

const unsupported = (what: string): LockpaneError => new LockpaneError('unsupported-algorithm', `signature algorithm ${what} is not supported`);

function pssParams(params: Tlv | undefined): { hash: HashName; saltLength: number } {
  let hash: HashName = 'SHA-1';
  let mgfHash: HashName = 'SHA-1';
  let saltLength = 20;
  for (const p of params?.children ?? []) {
    if (isContext(p, 0)) {
      const h = digestOids[parseAlgorithm(p.children[0]).oid];
      if (h === undefined) throw unsupported('RSA-PSS with an unknown hash');
      hash = h;
    } else if (isContext(p, 1)) {
      const mgf = parseAlgorithm(p.children[0]);
      const h = mgf.oid === OID.mgf1 ? digestOids[parseAlgorithm(mgf.params).oid] : undefined;
      if (h === undefined) throw unsupported('RSA-PSS with an unknown mask generation function');
      mgfHash = h;
    } else if (isContext(p, 2)) {
      saltLength = smallInteger(p.children[0]);
    } else if (isContext(p, 3)) {
      if (smallInteger(p.children[0]) !== 1) throw unsupported('RSA-PSS with a non-standard trailer');
    }
  }
  if (hash !== mgfHash) throw unsupported('RSA-PSS with different hash and MGF1 hash');
  if (saltLength < 0 || saltLength > 1024) throw new LockpaneError('bad-data', 'RSA-PSS salt length out of range');
  return { hash, saltLength };
}

/**
 * Works out the WebCrypto algorithm for a signature. `digestHash` is the CMS digestAlgorithm, which
 * decides the hash when the signature OID does not (rsaEncryption, id-ecPublicKey).
 */
function resolve(sigAlg: AlgorithmIdentifier, digestHash: HashName | undefined): Resolved {
  const o = sigAlg.oid;
  if (o === OID.rsaEncryption || rsaWithHash[o] !== undefined) {
    const hash = rsaWithHash[o] ?? digestHash;
    if (hash === undefined) throw unsupported('RSA without a hash');
    if (digestHash !== undefined && hash !== digestHash) throw new LockpaneError('bad-data', 'signature hash differs from the digest algorithm');
    return { alg: { name: 'RSASSA-PKCS1-v1_5', hash }, params: { name: 'RSASSA-PKCS1-v1_5' } };
  }
  if (o === OID.rsassaPss) {
    const { hash, saltLength } = pssParams(sigAlg.params);
    return { alg: { name: 'RSA-PSS', hash }, params: { name: 'RSA-PSS', saltLength } };
  }
  if (ecdsaWithHash[o] !== undefined || o === OID.ecPublicKey) {
    const hash = ecdsaWithHash[o] ?? digestHash;
    if (hash === undefined) throw unsupported('ECDSA without a hash');
    return { alg: { name: 'ECDSA' }, params: { name: 'ECDSA', hash } };
  }
  throw unsupported(nameOf(o));
}

const curveBytes = (curve: string | undefined): number => (curve === 'P-256' ? 32 : curve === 'P-384' ? 48 : 66);

function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array | null {
  try {
    const s = expect(parseDer(der), Tag.SEQUENCE, 'ECDSA signature');
    if (s.children.length !== 2) return null;
    const out = new Uint8Array(size * 2);
    for (let i = 0; i < 2; i++) {
      const v = integerBytes(s.children[i]);
      if (v.length > size) return null;
      out.set(v, size * (i + 1) - v.length);
    }
    return out;
  } catch {
    return null;
  }
}

function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  return seq(integer(raw.subarray(0, half)), integer(raw.subarray(half)));
}

/**
 * True or false for a supported algorithm; unsupported-algorithm otherwise. A malformed signature
 * value is simply false.
 */
export async function verifySignature(spki: Uint8Array, sigAlg: AlgorithmIdentifier, digestHash: HashName | undefined, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const info = publicKeyInfo(spki);
  if (info.type === 'ed25519' || info.type === 'x25519' || info.type === 'other') throw unsupported(nameOf(info.algorithmOid));
  const r = resolve(sigAlg, digestHash);
  if ((r.alg.name === 'ECDSA') !== (info.type === 'ec')) return false;
  const key = await importPublic(spki, r.alg, ['verify']);
  let sig = signature;
  if (r.alg.name === 'ECDSA') {
    const raw = ecdsaDerToRaw(signature, curveBytes(info.curve));
    if (raw === null) return false;
    sig = raw;
  }
  try {
    return await subtle().verify(r.params as AlgorithmIdentifier_ & RsaPssParams, key, bs(sig), bs(data));
  } catch {
    return false;
  }
}

/**
 * Whether we (and so pkijs over WebCrypto) can check a certificate signature made with `sigAlg`
 * by the key in `issuerSpki`: tells "unsupported" apart from "does not verify" when pkijs refuses.
 */
export function canVerify(issuerSpki: Uint8Array, sigAlg: AlgorithmIdentifier): boolean {
  try {
    const info = publicKeyInfo(issuerSpki);
    if (info.type === 'ed25519' || info.type === 'x25519' || info.type === 'other') return false;
    resolve(sigAlg, undefined);
    return true;
  } catch (e) {
    return !(e instanceof LockpaneError && e.code === 'unsupported-algorithm');
  }
}

export type SignOutput = { signatureAlgorithm: Uint8Array; signature: Uint8Array };

export function defaultScheme(key: PrivateKey): SignatureScheme {
  return key.type === 'ec' ? 'ecdsa' : 'rsa-pkcs1';
}

export async function sign(key: PrivateKey, scheme: SignatureScheme, hash: HashName, data: Uint8Array): Promise<SignOutput> {
  if (scheme === 'ecdsa') {
    const k = await importPrivate(key, { name: 'ECDSA' }, ['sign']);
    const raw = new Uint8Array(await subtle().sign({ name: 'ECDSA', hash }, k, bs(data)));
    return { signatureAlgorithm: algorithmId(ecdsaOidByHash[hash]), signature: ecdsaRawToDer(raw) };
  }
  if (scheme === 'rsa-pss') {
    const k = await importPrivate(key, { name: 'RSA-PSS', hash }, ['sign']);
    const sig = new Uint8Array(await subtle().sign({ name: 'RSA-PSS', saltLength: hashLen[hash] }, k, bs(data)));
    const h = algorithmId(hashOid[hash]);
    const params = seq(ctx(0, h), ctx(1, algorithmId(OID.mgf1, h)), ctx(2, integer(hashLen[hash])));
    return { signatureAlgorithm: algorithmId(OID.rsassaPss, params), signature: sig };
  }
  const k = await importPrivate(key, { name: 'RSASSA-PKCS1-v1_5', hash }, ['sign']);
  const sig = new Uint8Array(await subtle().sign('RSASSA-PKCS1-v1_5', k, bs(data)));
  return { signatureAlgorithm: algorithmId(rsaOidByHash[hash], null), signature: sig };
}

/** A readable name for reports. */
export function signatureAlgorithmName(sigAlg: AlgorithmIdentifier): string {
  return nameOf(sigAlg.oid);
}

export { contentOf };
