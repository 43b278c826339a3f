/**
 * S/MIME material the user imports: a PKCS#12 file or a PEM private key with its certificate. The key
 * leaves here only inside a passphrase envelope (PBKDF2 + AES-GCM bound to the certificate fingerprint);
 * the CA certificates that came along become entries of their own, so chains can be built later.
 */
import { LockpaneError } from '../../../keyring/errors';
import { exportCertificateDer, importPkcs12, loadIdentities, type Certificate, type SmimeIdentity } from '../../../keyring/smime';
import type { CertificateEntry } from '../../../keyring/store/entry';
import { certificateEntryFrom } from '../../../keyring/store/facts-x509';
import { protectPkcs8 } from '../../../keyring/store/private-key-envelope';

export type SmimeImportOptions = { password?: string | undefined; protectWith?: string | undefined; iterations?: number | undefined };

/** PFX is SEQUENCE { INTEGER 3, ... }; a certificate is SEQUENCE { SEQUENCE tbs, ... }. */
export function looksLikePkcs12(bytes: Uint8Array): boolean {
  if (bytes.length < 8 || bytes[0] !== 0x30) return false;
  const l = bytes[1]!;
  const head = l < 0x80 ? 2 : 2 + (l & 0x7f);
  return bytes[head] === 0x02;
}

async function entriesOf(identities: readonly SmimeIdentity[], extra: readonly Certificate[], opts: SmimeImportOptions): Promise<CertificateEntry[]> {
  if (identities.length > 0 && !opts.protectWith) {
    throw new LockpaneError('missing-argument', 'Choose a passphrase to protect this private key in Lockpane before importing.');
  }
  const out = new Map<string, CertificateEntry>();
  for (const id of identities) {
    const entry = await certificateEntryFrom(exportCertificateDer(id.certificate));
    const privateKey = await protectPkcs8(id.key.pkcs8, opts.protectWith!, {
      fingerprint: entry.fingerprint, ...(opts.iterations !== undefined ? { iterations: opts.iterations } : {}),
    });
    out.set(entry.fingerprint, { ...entry, privateKey });
  }
  for (const cert of [...identities.flatMap((i) => i.chain), ...extra]) {
    const entry = await certificateEntryFrom(exportCertificateDer(cert));
    if (!out.has(entry.fingerprint)) out.set(entry.fingerprint, entry);
  }
  return [...out.values()];
}

export async function pkcs12Entries(bytes: Uint8Array, opts: SmimeImportOptions): Promise<CertificateEntry[]> {
  let contents;
  try {
    contents = await importPkcs12(bytes, opts.password);
  } catch (e) {
    if (e instanceof LockpaneError && e.code === 'key-locked') {
      throw new LockpaneError('missing-argument', 'This PKCS#12 file needs its password.', { cause: e });
    }
    throw e;
  }
  if (contents.identities.length === 0 && contents.certificates.length === 0) {
    throw new LockpaneError('bad-data', 'The PKCS#12 file holds no certificate.');
  }
  return entriesOf(contents.identities, contents.certificates, opts);
}

/** PEM text with a private key (plain or encrypted PKCS#8, or traditional RSA/EC) and its certificate. */
export async function pemKeyEntries(text: string, opts: SmimeImportOptions): Promise<CertificateEntry[]> {
  const identities = await loadIdentities(new TextEncoder().encode(text), opts.password);
  return entriesOf(identities, [], opts);
}

export const pemPrivateKey = /-----BEGIN (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----/;
