/**
 * Drafts for users who only have an S/MIME certificate: sealed to their own certificate(s) with
 * AES-GCM (no passphrase needed to save), opened with the unlocked certificate key.
 */
import { LockpaneError } from '../../../keyring/errors';
import { decryptMessage, encryptionUsageProblems, encryptMime, parseCertificate } from '../../../keyring/smime';
import { fromBase64, toBase64 } from '../../../keyring/bytes';
import type { CertificateEntry } from '../../../keyring/store/entry';
import { certificateDer } from '../../../keyring/store/facts-x509';
import type { KeySummary } from '../../shared/key-summary';
import type { KeyringService } from '../keyring/service';

export async function sealDraftSmime(keyring: KeyringService, json: string): Promise<string> {
  const store = await keyring.store();
  const own = store.list()
    .filter((e): e is CertificateEntry => e.kind === 'x509' && e.privateKey !== undefined && !e.facts.isCa)
    .map((e) => parseCertificate(certificateDer(e.certificatePem)))
    .filter((c) => encryptionUsageProblems(c).length === 0);
  if (own.length === 0) throw new LockpaneError('key-not-usable', 'Drafts need a key of your own to be saved encrypted.');
  return toBase64(await encryptMime(new TextEncoder().encode(json), own, { der: true, cipher: 'aes-256-gcm' }));
}

export async function openDraftSmime(keyring: KeyringService, sealed: string): Promise<{ json: string } | { keys: KeySummary[] }> {
  const identities = await keyring.unlockedOwnCertificates();
  if (identities.length === 0) return { keys: await keyring.lockedOwnCertificates() };
  const r = await decryptMessage(fromBase64(sealed), identities);
  return { json: new TextDecoder().decode(r.content) };
}
