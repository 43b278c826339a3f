/**
 * Test-only: real named identities generated on the fly (OpenPGP keys with openpgp.js, X.509
 * certificates with pkijs + WebCrypto), so store, trust, backup and discovery tests run on real
 * material. Pure (no node:*), but imported only by *.test.ts files.
 */
import * as asn1js from 'asn1js';
import * as openpgp from 'openpgp';
import * as pkijs from 'pkijs';
import { plainBytes, type Bytes } from '../bytes';
import { certificatePem } from '../store/facts-x509';

export type TestPgpKey = { publicArmored: string; privateArmored: string; fingerprint: string };

export async function makePgpKey(name: string, email: string, opts: { passphrase?: string; date?: Date; keyExpirationTime?: number; signOnly?: boolean } = {}): Promise<TestPgpKey> {
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'curve25519',
    userIDs: [{ name, email }],
    format: 'armored',
    ...(opts.passphrase !== undefined ? { passphrase: opts.passphrase } : {}),
    ...(opts.date ? { date: opts.date } : {}),
    ...(opts.keyExpirationTime ? { keyExpirationTime: opts.keyExpirationTime } : {}),
    ...(opts.signOnly ? { subkeys: [] } : {}),
  });
  const key = await openpgp.readKey({ armoredKey: publicKey });
  return { publicArmored: publicKey, privateArmored: privateKey, fingerprint: key.getFingerprint().toUpperCase() };
}

export type TestCert = { der: Bytes; pem: string; pkcs8: Bytes; privateKey: CryptoKey; subject: string };

const OID = { cn: '2.5.4.3', email: '1.2.840.113549.1.9.1', san: '2.5.29.17', ku: '2.5.29.15', eku: '2.5.29.37', bc: '2.5.29.19' };

function name(cn: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({ typesAndValues: [new pkijs.AttributeTypeAndValue({ type: OID.cn, value: new asn1js.Utf8String({ value: cn }) })] });
}

function keyUsageBits(names: readonly string[]): asn1js.BitString {
  const all = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign'];
  let byte = 0;
  for (const n of names) byte |= 0x80 >> all.indexOf(n);
  return new asn1js.BitString({ valueHex: new Uint8Array([byte]).buffer, unusedBits: 0 });
}

let serial = 1;

/** An ECDSA P-256 certificate; self-signed unless `issuer` is given. */
export async function makeCertificate(opts: {
  cn: string;
  email?: string;
  issuer?: TestCert;
  ca?: boolean;
  keyUsage?: string[];
  emailProtection?: boolean;
  notBefore?: Date;
  notAfter?: Date;
}): Promise<TestCert> {
  const keys = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']) as CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: serial++ });
  cert.subject = name(opts.cn);
  cert.issuer = name(opts.issuer ? opts.issuer.subject : opts.cn);
  cert.notBefore.value = opts.notBefore ?? new Date(Date.now() - 86_400_000);
  cert.notAfter.value = opts.notAfter ?? new Date(Date.now() + 365 * 86_400_000);
  const ext: pkijs.Extension[] = [];
  if (opts.email) {
    const san = new pkijs.AltName({ altNames: [new pkijs.GeneralName({ type: 1, value: opts.email })] });
    ext.push(new pkijs.Extension({ extnID: OID.san, critical: false, extnValue: san.toSchema().toBER(false) }));
  }
  ext.push(new pkijs.Extension({ extnID: OID.bc, critical: true, extnValue: new pkijs.BasicConstraints({ cA: opts.ca ?? false }).toSchema().toBER(false) }));
  const ku = opts.keyUsage ?? (opts.ca ? ['keyCertSign', 'cRLSign'] : ['digitalSignature', 'keyAgreement']);
  ext.push(new pkijs.Extension({ extnID: OID.ku, critical: true, extnValue: keyUsageBits(ku).toBER(false) }));
  if (opts.emailProtection ?? !opts.ca) {
    ext.push(new pkijs.Extension({ extnID: OID.eku, critical: false, extnValue: new pkijs.ExtKeyUsage({ keyPurposes: ['1.3.6.1.5.5.7.3.4'] }).toSchema().toBER(false) }));
  }
  cert.extensions = ext;
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  await cert.sign(opts.issuer ? opts.issuer.privateKey : keys.privateKey, 'SHA-256');
  const der = plainBytes(new Uint8Array(cert.toSchema(true).toBER(false)));
  const pkcs8 = plainBytes(new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', keys.privateKey)));
  return { der, pem: certificatePem(der), pkcs8, privateKey: keys.privateKey, subject: opts.cn };
}
