/**
 * PKCS#12 (RFC 7292) import and export. Import reads OpenSSL 3's default (PBES2/PBKDF2/AES-256-CBC,
 * HMAC-SHA-256 MAC) and the legacy 3DES/SHA-1 form; the MAC is checked before anything is decrypted,
 * so a wrong password is reported as such and never as corrupt data. The PFX and its MAC go through
 * pkijs.PFX; the bags are decrypted by our PBES2/PKCS#12-PBE code (pkijs has no legacy 3DES/RC2 PBE).
 */
import { PFX } from 'pkijs';
import { LockpaneError } from '../../errors';
import { contentOf, decodeOid, expect, isContext, isUniversal, octetsOf, parseDerAs, Tag, type Tlv } from '../asn1/der-reader';
import { algorithmId, ctx, integer, octets, oid, seq, setOf, tlv } from '../asn1/der-writer';
import { legacy3desEncrypt, pbeDecrypt, pbes2Encrypt, maxPbeIterations } from '../crypto/pbe';
import { bmpPassword, PKCS12_MAC, pkcs12Kdf } from '../crypto/pkcs12-kdf';
import { pkijsReady } from '../crypto/pkijs-engine';
import { keyMatchesSpki } from '../crypto/keys';
import { bs, digest, equalBytes, randomBytes, subtle } from '../crypto/util';
import { digestOids, hashOid, nameOf, OID, type HashName } from '../oids';
import { parseAlgorithm, parseCertificate, type Certificate } from '../x509/certificate';
import { decryptPrivateKeyInfo, parsePrivateKeyInfo, type PrivateKey } from './private-key';

/** A private key with its certificate and the other certificates that came with it. */
export type SmimeIdentity = { key: PrivateKey; certificate: Certificate; chain: Certificate[] };

export type Pkcs12Contents = { identities: SmimeIdentity[]; keys: PrivateKey[]; certificates: Certificate[] };

const bad = (m: string): LockpaneError => new LockpaneError('bad-data', `PKCS#12: ${m}`);

const parseOrBad = (der: Uint8Array, what: string): Tlv => parseDerAs(der, what, bad);

/** Content of a ContentInfo of type data: [0] EXPLICIT OCTET STRING. */
function dataContent(ci: Tlv): Uint8Array {
  const inner = ci.children[1];
  if (!isContext(inner, 0)) throw bad('ContentInfo without content');
  return octetsOf(expect(inner.children[0], Tag.OCTET_STRING, 'data content'));
}

async function macKey(hash: HashName, password: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const len = (await digest(hash, new Uint8Array())).length;
  const raw = await pkcs12Kdf(hash, bmpPassword(password), salt, PKCS12_MAC, iterations, len);
  return subtle().importKey('raw', bs(raw), { name: 'HMAC', hash }, false, ['sign']);
}

/**
 * The MAC over the authenticated safe, checked by pkijs (`PFX.parseInternalValues`, PKCS#12 KDF and
 * HMAC). Its hash and iteration count are checked first: pkijs bounds neither.
 */
async function checkMac(pfx: PFX, password: string): Promise<void> {
  const macData = pfx.macData!;
  const hash = digestOids[macData.mac.digestAlgorithm.algorithmId];
  if (hash === undefined) throw new LockpaneError('unsupported-algorithm', `PKCS#12 MAC ${nameOf(macData.mac.digestAlgorithm.algorithmId)} is not supported`);
  const iterations = macData.iterations ?? 1;
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > maxPbeIterations) throw new LockpaneError('unsupported-option', 'PKCS#12 MAC iteration count out of range');
  let ok = true;
  try {
    await pfx.parseInternalValues({ password: bs(new TextEncoder().encode(password)).buffer, checkIntegrity: true });
  } catch (e) {
    if (!(e instanceof Error && /integrity/i.test(e.message))) throw bad('unreadable authenticated safe');
    ok = false;
  }
  if (!ok) throw new LockpaneError('wrong-passphrase', 'the PKCS#12 password is wrong (or the file was altered)');
}

type Bag = { kind: 'key' | 'cert'; key?: PrivateKey; cert?: Certificate; localKeyId?: Uint8Array };

async function readSafeContents(der: Uint8Array, password: string, out: Bag[]): Promise<void> {
  const bags = expect(parseOrBad(der, 'SafeContents'), Tag.SEQUENCE, 'SafeContents');
  for (const bag of bags.children) {
    const id = decodeOid(bag.children[0]);
    const valueN = bag.children[1];
    if (!isContext(valueN, 0) || valueN.children[0] === undefined) throw bad('SafeBag without value');
    const value = valueN.children[0];
    let localKeyId: Uint8Array | undefined;
    for (const attr of bag.children[2]?.children ?? []) {
      if (decodeOid(attr.children[0]) === OID.localKeyId) {
        const v = attr.children[1]?.children[0];
        if (isUniversal(v, Tag.OCTET_STRING)) localKeyId = contentOf(v);
      }
    }
    const extra = localKeyId !== undefined ? { localKeyId } : {};
    if (id === OID.keyBag) {
      out.push({ kind: 'key', key: parsePrivateKeyInfo(value.buf.subarray(value.start, value.end)), ...extra });
    } else if (id === OID.pkcs8ShroudedKeyBag) {
      out.push({ kind: 'key', key: await decryptPrivateKeyInfo(value.buf.subarray(value.start, value.end), password), ...extra });
    } else if (id === OID.certBag) {
      if (decodeOid(value.children[0]) !== OID.x509Certificate) continue; // SDSI certificates: ignored
      const certValue = value.children[1];
      if (!isContext(certValue, 0)) throw bad('certBag without value');
      out.push({ kind: 'cert', cert: parseCertificate(octetsOf(expect(certValue.children[0], Tag.OCTET_STRING, 'certificate'))), ...extra });
    }
    // CRL bags, secret bags and nested safe bags are not needed for S/MIME.
  }
}

/** Reads a PKCS#12 file. Missing password → key-locked; wrong password → wrong-passphrase. */
export async function importPkcs12(der: Uint8Array, password: string | undefined): Promise<Pkcs12Contents> {
  const root = parseOrBad(der, 'PFX');
  let pfx: PFX;
  try {
    // pkijs checks the PFX schema (version, authSafe ContentInfo, MacData) and decodes MacData.
    pkijsReady();
    pfx = new PFX({ schema: root.block });
  } catch {
    throw bad('not a PFX structure');
  }
  if (pfx.version !== 3) throw bad('unsupported PFX version');
  if (pfx.authSafe.contentType !== OID.data) throw new LockpaneError('unsupported-algorithm', 'public-key protected PKCS#12 is not supported');
  // The exact authenticated-safe bytes, as received (the MAC covers them).
  const authSafe = dataContent(expect(root.children[1], Tag.SEQUENCE, 'authSafe'));
  if (password === undefined) throw new LockpaneError('key-locked', 'the PKCS#12 file needs its password');
  const macDataN = pfx.macData;
  if (macDataN !== undefined) await checkMac(pfx, password);
  const bags: Bag[] = [];
  for (const ci of expect(parseOrBad(authSafe, 'AuthenticatedSafe'), Tag.SEQUENCE, 'AuthenticatedSafe').children) {
    const type = decodeOid(ci.children[0]);
    if (type === OID.data) {
      await readSafeContents(dataContent(ci), password, bags);
    } else if (type === OID.encryptedData) {
      const ed = expect(ci.children[1]?.children[0], Tag.SEQUENCE, 'EncryptedData');
      const eci = expect(ed.children[1], Tag.SEQUENCE, 'EncryptedContentInfo');
      const alg = parseAlgorithm(eci.children[1]);
      const enc = eci.children[2];
      if (!isContext(enc, 0)) continue; // no content
      const plain = await pbeDecrypt(alg, password, octetsOf(enc));
      try {
        await readSafeContents(plain, password, bags);
      } catch (e) {
        if (macDataN === undefined && e instanceof LockpaneError && e.code === 'bad-data') throw new LockpaneError('wrong-passphrase', 'the PKCS#12 password is wrong');
        throw e;
      }
    } else {
      throw new LockpaneError('unsupported-algorithm', `PKCS#12 content ${nameOf(type)} is not supported`);
    }
  }
  const keys = bags.filter((b) => b.kind === 'key');
  const certs = bags.filter((b) => b.kind === 'cert');
  const certificates = certs.map((b) => b.cert!);
  const identities: SmimeIdentity[] = [];
  for (const k of keys) {
    let match = certs.find((c) => k.localKeyId !== undefined && c.localKeyId !== undefined && equalBytes(k.localKeyId, c.localKeyId))?.cert;
    if (match === undefined || !(await keyMatchesSpki(k.key!, match.spki))) {
      match = undefined;
      for (const c of certificates) if (await keyMatchesSpki(k.key!, c.spki)) { match = c; break; }
    }
    if (match !== undefined) identities.push({ key: k.key!, certificate: match, chain: certificates.filter((c) => c !== match) });
  }
  return { identities, keys: keys.map((k) => k.key!), certificates };
}

export type Pkcs12ExportOptions = { legacy?: boolean; iterations?: number; friendlyName?: string };

/**
 * Writes a PKCS#12 with one key, its certificate and a chain. Default: PBES2/AES-256-CBC and an
 * HMAC-SHA-256 MAC (OpenSSL 3's default). `legacy`: 3DES and SHA-1, for gpgsm and old importers.
 */
export async function exportPkcs12(identity: SmimeIdentity, password: string, options: Pkcs12ExportOptions = {}): Promise<Uint8Array> {
  const legacy = options.legacy === true;
  const iterations = options.iterations ?? (legacy ? 2048 : 600_000);
  const encrypt = legacy ? legacy3desEncrypt : pbes2Encrypt;
  const localKeyId = await digest('SHA-1', identity.certificate.der);
  const attrs = [seq(oid(OID.localKeyId), setOf(octets(localKeyId)))];
  if (options.friendlyName !== undefined) {
    attrs.push(seq(oid(OID.friendlyName), setOf(tlv(0x1e, bmpPassword(options.friendlyName).subarray(0, -2)))));
  }
  const [keyAlg, keyCt] = await encrypt(password, identity.key.pkcs8, iterations);
  const keyBag = seq(oid(OID.pkcs8ShroudedKeyBag), ctx(0, seq(keyAlg, octets(keyCt))), setOf(...attrs));
  const certBag = (c: Certificate, withAttrs: boolean): Uint8Array =>
    seq(oid(OID.certBag), ctx(0, seq(oid(OID.x509Certificate), ctx(0, octets(c.der)))), ...(withAttrs ? [setOf(...attrs)] : []));
  const certContents = seq(certBag(identity.certificate, true), ...identity.chain.map((c) => certBag(c, false)));
  const [certAlg, certCt] = await encrypt(password, certContents, iterations);
  const encryptedData = seq(integer(0), seq(oid(OID.data), certAlg, tlv(0x80, certCt)));
  const authSafe = seq(
    seq(oid(OID.encryptedData), ctx(0, encryptedData)),
    seq(oid(OID.data), ctx(0, octets(seq(keyBag)))),
  );
  const macHash: HashName = legacy ? 'SHA-1' : 'SHA-256';
  const salt = randomBytes(legacy ? 8 : 16);
  const macIterations = 2048;
  const mac = new Uint8Array(await subtle().sign('HMAC', await macKey(macHash, password, salt, macIterations), bs(authSafe)));
  const macData = seq(seq(algorithmId(hashOid[macHash], null), octets(mac)), octets(salt), integer(macIterations));
  return seq(integer(3), seq(oid(OID.data), ctx(0, octets(authSafe))), macData);
}
