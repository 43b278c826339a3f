/**
 * RecipientInfos (RFC 5652 §6.2): key transport (RSA-OAEP with SHA-256, RSAES-PKCS1-v1_5) and
 * ECDH key agreement (RFC 5753). Building one for a certificate, and recovering the content key
 * with an identity. Every failure to recover a key is `cannot-decrypt` (no padding oracle).
 */
import { LockpaneError } from '../../errors';
import { bitStringBytes, contentOf, decodeOid, expect, isContext, isUniversal, Tag, type Tlv } from '../asn1/der-reader';
import { algorithmId, bitString, ctx, integer, octets, oid, seq, tlv } from '../asn1/der-writer';
import { importPrivate, importPublic, publicKeyInfo } from '../crypto/keys';
import { rsaPkcs1Decrypt, rsaPkcs1Encrypt } from '../crypto/rsa-raw';
import { bs, randomBytes, subtle } from '../crypto/util';
import type { SmimeIdentity } from '../keys/pkcs12';
import { oidByCurve } from '../keys/private-key';
import { digestOids, nameOf, OID, type HashName } from '../oids';
import { parseAlgorithm, type AlgorithmIdentifier, type Certificate } from '../x509/certificate';
import { kekFor } from './ecdh-kdf';
import { buildIdentifier, identifierMatches, readIdentifier, type CertIdentifier, type IdentifierKind } from './recipient-id';

export type KeyTransport = 'rsa-oaep' | 'rsa-pkcs1';
export type RecipientOptions = { identifier?: IdentifierKind; keyTransport?: KeyTransport };

const oaepSha256Params = seq(
  ctx(0, algorithmId(OID.sha256)),
  ctx(1, algorithmId(OID.mgf1, algorithmId(OID.sha256))),
);

/** One RecipientInfo (DER) for `cert`, wrapping `cek`. RSA → KTRI, EC → KARI. */
export async function buildRecipientInfo(cert: Certificate, cek: Uint8Array, opts: RecipientOptions = {}): Promise<{ der: Uint8Array; version: number }> {
  const info = publicKeyInfo(cert.spki);
  const idKind = opts.identifier ?? 'issuer-serial';
  if (idKind === 'ski' && cert.subjectKeyIdentifier === undefined) {
    throw new LockpaneError('unsupported-option', `certificate "${cert.subject}" has no subject key identifier`);
  }
  if (info.type === 'rsa') {
    const rid = buildIdentifier(cert, idKind);
    const version = idKind === 'ski' ? 2 : 0;
    if ((opts.keyTransport ?? 'rsa-oaep') === 'rsa-oaep') {
      const pub = await importPublic(cert.spki, { name: 'RSA-OAEP', hash: 'SHA-256' }, ['encrypt']);
      const ek = new Uint8Array(await subtle().encrypt({ name: 'RSA-OAEP' }, pub, bs(cek)));
      return { der: seq(integer(version), rid, algorithmId(OID.rsaesOaep, oaepSha256Params), octets(ek)), version };
    }
    const ek = await rsaPkcs1Encrypt(cert.spki, cek);
    return { der: seq(integer(version), rid, algorithmId(OID.rsaEncryption, null), octets(ek)), version };
  }
  if (info.type === 'ec' && info.curve !== undefined) {
    const eph = await subtle().generateKey({ name: 'ECDH', namedCurve: info.curve }, true, ['deriveBits']);
    const pub = await importPublic(cert.spki, { name: 'ECDH' }, []);
    const bits = info.curve === 'P-256' ? 256 : info.curve === 'P-384' ? 384 : 528;
    const z = new Uint8Array(await subtle().deriveBits({ name: 'ECDH', public: pub }, eph.privateKey, bits));
    const scheme = info.curve === 'P-256' ? OID.dhSinglePassStdDHsha256kdf : info.curve === 'P-384' ? OID.dhSinglePassStdDHsha384kdf : OID.dhSinglePassStdDHsha512kdf;
    const wrapOid = cek.length === 16 ? OID.aes128Wrap : OID.aes256Wrap;
    const kek = await kekFor(scheme, wrapOid, z, undefined);
    const cekKey = await subtle().importKey('raw', bs(cek), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
    const wrapped = new Uint8Array(await subtle().wrapKey('raw', cekKey, kek, 'AES-KW'));
    const point = new Uint8Array(await subtle().exportKey('raw', eph.publicKey));
    const originator = ctx(0, ctx(1, algorithmId(OID.ecPublicKey, oid(oidByCurve[info.curve])), bitString(point)));
    const rid = idKind === 'ski' ? ctx(0, tlv(0x04, cert.subjectKeyIdentifier!)) : buildIdentifier(cert, 'issuer-serial');
    const rek = seq(seq(rid, octets(wrapped)));
    // [1] IMPLICIT KeyAgreeRecipientInfo: the SEQUENCE tag becomes context-constructed 1.
    return { der: ctx(1, integer(3), originator, algorithmId(scheme, algorithmId(wrapOid)), rek), version: 3 };
  }
  throw new LockpaneError('unsupported-algorithm', `cannot encrypt to a ${info.type} key ("${cert.subject}")`);
}

/** A recipient slot in a message, with how to unwrap its key. */
export type RecipientSlot = {
  kind: 'ktri' | 'kari' | 'other';
  ids: CertIdentifier[];
  node: Tlv;
};

export function readRecipientInfos(set: Tlv): RecipientSlot[] {
  return set.children.map((ri): RecipientSlot => {
    if (isUniversal(ri, Tag.SEQUENCE)) {
      const id = readIdentifier(ri.children[1]);
      return { kind: 'ktri', ids: id === null ? [] : [id], node: ri };
    }
    if (isContext(ri, 1) && ri.constructed) {
      const reks = ri.children[ri.children.length - 1];
      const ids = (reks?.children ?? []).map((rek) => {
        const r = rek.children[0];
        // rKeyId [0] IMPLICIT RecipientKeyIdentifier { subjectKeyIdentifier, … }
        if (isContext(r, 0) && r.constructed) return { kind: 'ski' as const, ski: contentOf(expect(r.children[0], Tag.OCTET_STRING, 'SKI')) };
        return readIdentifier(r);
      }).filter((x): x is CertIdentifier => x !== null);
      return { kind: 'kari', ids, node: ri };
    }
    return { kind: 'other', ids: [], node: ri };
  });
}

const noKey = (): LockpaneError => new LockpaneError('cannot-decrypt', 'the message could not be decrypted with the given key');

function oaepHash(params: Tlv | undefined): HashName {
  let hash: HashName = 'SHA-1';
  let mgfHash: HashName = 'SHA-1';
  for (const p of params?.children ?? []) {
    if (isContext(p, 0)) {
      const h = digestOids[parseAlgorithm(p.children[0]).oid];
      if (h === undefined) throw new LockpaneError('unsupported-algorithm', 'RSA-OAEP with an unsupported hash');
      hash = h;
    } else if (isContext(p, 1)) {
      const mgf = parseAlgorithm(p.children[0]);
      const h = mgf.oid === OID.mgf1 ? digestOids[parseAlgorithm(mgf.params).oid] : undefined;
      if (h === undefined) throw new LockpaneError('unsupported-algorithm', 'RSA-OAEP with an unsupported mask generation function');
      mgfHash = h;
    } else if (isContext(p, 2)) {
      const src = parseAlgorithm(p.children[0]);
      if (src.oid !== OID.pSpecified || (src.params !== undefined && contentOf(src.params).length > 0)) {
        throw new LockpaneError('unsupported-algorithm', 'RSA-OAEP with a label is not supported');
      }
    }
  }
  if (hash !== mgfHash) throw new LockpaneError('unsupported-algorithm', 'RSA-OAEP with different hash and MGF1 hash is not supported by WebCrypto');
  return hash;
}

/** Recovers the content key from one slot, for an identity already known to match it. */
export async function unwrapKey(slot: RecipientSlot, identity: SmimeIdentity, keyLength: number): Promise<Uint8Array> {
  if (slot.kind === 'ktri') {
    const alg: AlgorithmIdentifier = parseAlgorithm(slot.node.children[2]);
    const ek = contentOf(expect(slot.node.children[3], Tag.OCTET_STRING, 'encryptedKey'));
    if (identity.key.type !== 'rsa') throw noKey();
    let cek: Uint8Array;
    if (alg.oid === OID.rsaesOaep) {
      const hash = oaepHash(alg.params);
      const key = await importPrivate(identity.key, { name: 'RSA-OAEP', hash }, ['decrypt']);
      try {
        cek = new Uint8Array(await subtle().decrypt({ name: 'RSA-OAEP' }, key, bs(ek)));
      } catch {
        throw noKey();
      }
    } else if (alg.oid === OID.rsaEncryption) {
      // Implicit rejection (RFC 3218 §2.3.2): a PKCS#1 v1.5 padding failure continues with a random
      // key, so it fails later exactly like damaged content and gives no padding oracle.
      try {
        cek = await rsaPkcs1Decrypt(identity.key, ek, noKey());
      } catch (e) {
        if (!(e instanceof LockpaneError) || e.code !== 'cannot-decrypt') throw e;
        cek = randomBytes(keyLength);
      }
      if (cek.length !== keyLength) cek = randomBytes(keyLength);
    } else {
      throw new LockpaneError('unsupported-algorithm', `key transport ${nameOf(alg.oid)} is not supported`);
    }
    if (cek.length !== keyLength) throw noKey();
    return cek;
  }
  if (slot.kind === 'kari') return unwrapKari(slot.node, identity, keyLength);
  throw new LockpaneError('unsupported-algorithm', 'this kind of recipient (KEK, password or other) is not supported');
}

async function unwrapKari(node: Tlv, identity: SmimeIdentity, keyLength: number): Promise<Uint8Array> {
  let i = 1;
  const originator = node.children[i++];
  if (!isContext(originator, 0)) throw new LockpaneError('bad-data', 'KeyAgreeRecipientInfo without originator');
  let ukm: Uint8Array | undefined;
  if (isContext(node.children[i], 1)) ukm = contentOf(expect(node.children[i++]!.children[0], Tag.OCTET_STRING, 'ukm'));
  const kea = parseAlgorithm(node.children[i++]);
  const reks = node.children[i];
  const origKey = originator.children[0];
  if (!isContext(origKey, 1)) throw new LockpaneError('unsupported-algorithm', 'key agreement with a static originator key is not supported');
  const origAlg = parseAlgorithm(origKey.children[0]);
  if (origAlg.oid !== OID.ecPublicKey) throw new LockpaneError('unsupported-algorithm', `key agreement with ${nameOf(origAlg.oid)} is not supported`);
  if (identity.key.type !== 'ec' || identity.key.curve === undefined) throw noKey();
  const wrap = parseAlgorithm(kea.params);
  const rek = (reks?.children ?? []).find((r) => {
    const rid = r.children[0];
    const id = isContext(rid, 0) && rid.constructed
      ? { kind: 'ski' as const, ski: contentOf(expect(rid.children[0], Tag.OCTET_STRING, 'SKI')) }
      : readIdentifier(rid);
    return id !== null && identifierMatches(id, identity.certificate);
  });
  if (rek === undefined) throw noKey();
  const wrapped = contentOf(expect(rek.children[1], Tag.OCTET_STRING, 'encryptedKey'));
  const point = bitStringBytes(origKey.children[1]);
  let z: Uint8Array;
  try {
    const pub = await subtle().importKey('raw', bs(point), { name: 'ECDH', namedCurve: identity.key.curve }, false, []);
    const priv = await importPrivate(identity.key, { name: 'ECDH' }, ['deriveBits']);
    const bits = identity.key.curve === 'P-256' ? 256 : identity.key.curve === 'P-384' ? 384 : 528;
    z = new Uint8Array(await subtle().deriveBits({ name: 'ECDH', public: pub }, priv, bits));
  } catch (e) {
    if (e instanceof LockpaneError) throw e;
    throw noKey(); // an invalid or off-curve point: the same answer as a wrong key
  }
  const kek = await kekFor(kea.oid, wrap.oid, z, ukm);
  try {
    const k = await subtle().unwrapKey('raw', bs(wrapped), kek, 'AES-KW', { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
    const cek = new Uint8Array(await subtle().exportKey('raw', k));
    if (cek.length !== keyLength) throw noKey();
    return cek;
  } catch {
    throw noKey();
  }
}

export function decodeOidSafe(n: Tlv | undefined): string | undefined {
  try { return decodeOid(n); } catch { return undefined; }
}
export { randomBytes };
