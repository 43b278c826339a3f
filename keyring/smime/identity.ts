/** Loads signing/decryption identities from a PKCS#12 file or a PEM bundle (certificate + key). */
import { isLockpaneError, LockpaneError } from '../errors';
import { keyMatchesSpki } from './crypto/keys';
import { importPkcs12, type SmimeIdentity } from './keys/pkcs12';
import { readPrivateKeys } from './keys/private-key';
import { decodePemBlocks, isBlank, looksLikePem } from './pem';
import { parseCertificate, type Certificate } from './x509/certificate';

const notAKeyFile = 'not a key file: expected PEM (a private key and its certificate, "-----BEGIN …" lines) or PKCS#12 (.p12/.pfx)';

function isCertificate(der: Uint8Array): boolean {
  try { parseCertificate(der); return true; } catch { return false; }
}

export async function loadIdentities(data: Uint8Array, password: string | undefined): Promise<SmimeIdentity[]> {
  if (isBlank(data)) throw new LockpaneError('bad-data', 'the key file is empty');
  if (!looksLikePem(data)) {
    if (data[0] !== 0x30) throw new LockpaneError('bad-data', notAKeyFile); // DER (PKCS#12) starts with a SEQUENCE
    const p12 = await importPkcs12(data, password).catch((e: unknown) => {
      throw isLockpaneError(e, 'bad-data') && isCertificate(data) ? new LockpaneError('key-not-usable', `this is a certificate, not a key file: ${notAKeyFile.replace(/^not a key file: /, '')}`) : e;
    });
    if (p12.identities.length === 0) throw new LockpaneError('key-not-usable', 'the PKCS#12 file holds no private key with its certificate');
    return p12.identities;
  }
  const certs: Certificate[] = decodePemBlocks(data).filter((b) => b.label === 'CERTIFICATE').map((b) => parseCertificate(b.der));
  const keys = await readPrivateKeys(data, password);
  if (keys.length === 0) {
    const labels = [...new Set(decodePemBlocks(data).map((b) => b.label))].join(', ');
    throw new LockpaneError('key-not-usable', `no private key in the PEM input (it holds ${labels || 'nothing readable'}); a key file needs the private key and its certificate`);
  }
  if (certs.length === 0) throw new LockpaneError('key-not-usable', 'the PEM input needs the certificate along with the private key');
  const out: SmimeIdentity[] = [];
  for (const key of keys) {
    for (const cert of certs) {
      if (await keyMatchesSpki(key, cert.spki)) { out.push({ key, certificate: cert, chain: certs.filter((c) => c !== cert) }); break; }
    }
  }
  if (out.length === 0) throw new LockpaneError('key-not-usable', 'the private key does not belong to any of the certificates');
  return out;
}
