/**
 * Keys and certificates that arrive with mail, offered as import candidates: public keys attached
 * to a message (`.asc`, `application/pgp-keys`), and the certificates carried in an S/MIME
 * signature (the S/MIME core extracts them from SignedData; this turns them into entries).
 */
import { LockpaneError } from '../errors';
import type { CertificateEntry } from '../store/entry';
import { certificateEntryFrom } from '../store/facts-x509';
import { candidatesFrom, type KeyCandidate } from './candidate';

/** Attachments larger than this are not key files. */
const MAX_ATTACHMENT_BYTES = 1024 * 1024;

export async function keysFromAttachment(data: Uint8Array, filename: string, now = new Date()): Promise<KeyCandidate[]> {
  if (data.byteLength > MAX_ATTACHMENT_BYTES) throw new LockpaneError('too-large', 'The attached key file is larger than 1 MiB.');
  // Every key in the file is offered (public parts only); the user sees each fingerprint before importing.
  return candidatesFrom(data, 'attachment', filename, null, now);
}

export type CertificateCandidate = {
  source: 'smime-signature';
  /** The signer address of the message, for the UI to compare with the certificate's addresses. */
  origin: string;
  entry: CertificateEntry;
  /** The certificate binds the message's sender address (A4.8: warn when it does not). */
  matchesSender: boolean;
};

export async function certificatesFromSignature(certificates: readonly Uint8Array[], senderEmail: string, now = new Date()): Promise<CertificateCandidate[]> {
  const sender = senderEmail.trim().toLowerCase();
  const out: CertificateCandidate[] = [];
  const seen = new Set<string>();
  for (const der of certificates.slice(0, 32)) {
    const entry = await certificateEntryFrom(der, now);
    if (seen.has(entry.fingerprint)) continue;
    seen.add(entry.fingerprint);
    out.push({ source: 'smime-signature', origin: sender, entry, matchesSender: entry.emails.includes(sender) });
  }
  return out;
}
