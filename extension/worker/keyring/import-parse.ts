/**
 * Turns what a user pasted or picked into store entries, without writing anything: the preview step.
 * OpenPGP keys (armored or binary, one or many), X.509 certificates (PEM or DER), and S/MIME private keys
 * (PKCS#12, or PEM key + certificate), which are put into their passphrase envelope here.
 */
import { LockpaneError } from '../../../keyring/errors';
import { readKeys } from '../../../keyring/pgp';
import type { Entry } from '../../../keyring/store/entry';
import { isSecretProtected, openPgpEntryFromKey, protectSecretKey } from '../../../keyring/store/facts-openpgp';
import { certificateEntryFrom } from '../../../keyring/store/facts-x509';
import { exportKey, readKey } from '../../../keyring/pgp';
import { looksLikePkcs12, pemKeyEntries, pemPrivateKey, pkcs12Entries } from '../smime/import-smime';

export type ImportInput = {
  text?: string | undefined; bytes?: Uint8Array | undefined; protectWith?: string | undefined;
  /** The password of a PKCS#12 file or an encrypted PEM private key (not stored). */
  password?: string | undefined;
};
/** PBKDF2 iterations for new S/MIME key envelopes (tests lower it; the store enforces its minimum). */
export type ParseOptions = { envelopeIterations?: number | undefined };

const pemCertificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

async function openPgpEntries(data: string | Uint8Array, protectWith: string | undefined): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (const key of await readKeys(data)) {
    if (key.isPrivate() && !isSecretProtected(key)) {
      if (!protectWith) {
        throw new LockpaneError('missing-argument', 'This secret key has no passphrase. Choose one to protect it before importing.');
      }
      const protectedArmored = await protectSecretKey(exportKey(key, { armor: true, secret: true }), protectWith);
      entries.push(await openPgpEntryFromKey(await readKey(protectedArmored)));
    } else {
      entries.push(await openPgpEntryFromKey(key));
    }
  }
  return entries;
}

export async function parseImport(input: ImportInput, opts: ParseOptions = {}): Promise<Entry[]> {
  const smime = { password: input.password, protectWith: input.protectWith, iterations: opts.envelopeIterations };
  if (input.text !== undefined) {
    const text = input.text;
    if (pemPrivateKey.test(text)) return pemKeyEntries(text, smime);
    if (/-----BEGIN PGP (PUBLIC|PRIVATE) KEY BLOCK-----/.test(text)) return openPgpEntries(text, input.protectWith);
    const pems = text.match(pemCertificate);
    if (pems) return Promise.all(pems.map((pem) => certificateEntryFrom(pem)));
    throw new LockpaneError('bad-data', 'This is neither an OpenPGP key nor a certificate.');
  }
  if (input.bytes !== undefined && input.bytes.length > 0) {
    // Binary: an OpenPGP key starts with a packet tag byte (high bit set); DER starts with SEQUENCE 0x30.
    if (looksLikePkcs12(input.bytes)) return pkcs12Entries(input.bytes, smime);
    if (input.bytes[0] === 0x30) return [await certificateEntryFrom(input.bytes)];
    if ((input.bytes[0]! & 0x80) !== 0) return openPgpEntries(input.bytes, input.protectWith);
  }
  throw new LockpaneError('bad-data', 'This file is neither an OpenPGP key nor a certificate.');
}
