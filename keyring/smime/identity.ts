/** Loads signing/decryption identities from a PKCS#12 file or a PEM bundle (certificate + key). */
import { LockpaneError } from '../errors';
import { keyMatchesSpki } from './crypto/keys';
import { importPkcs12, type SmimeIdentity } from './keys/pkcs12';
import { readPrivateKeys } from './keys/private-key';
import { decodePemBlocks, looksLikePem } from './pem';
import { parseCertificate, type Certificate } from './x509/certificate';

export async function loadIdentities(data: Uint8Array, password: string | undefined): Promise<SmimeIdentity[]> {
  if (!looksLikePem(data)) {
    const p12 = await importPkcs12(data, password);
    if (p12.identities.length === 0) throw new LockpaneError('key-not-usable', 'the PKCS#12 file holds no private key with its certificate');
    return p12.identities;
  }
  const certs: Certificate[] = decodePemBlocks(data).filter((b) => b.label === 'CERTIFICATE').map((b) => parseCertificate(b.der));
  const keys = await readPrivateKeys(data, password);
  if (keys.length === 0) throw new LockpaneError('key-not-usable', 'no private key in the PEM input');
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
