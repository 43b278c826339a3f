/**
 * What came with a mail and may go into the keyring (issue #5, key discovery): the signer certificate an
 * S/MIME signature carried — only from a signature that holds, so the sender proved they hold its key —
 * and public keys attached to the mail. Derived from the message the worker holds, every time (never
 * from frame input); imported only on the user's click, through the keyring's import, so a different
 * key for a known address is held as a key change rather than replacing the known one.
 */
import { keysFromAttachment } from '../../../keyring/discovery/mail-material';
import { LockpaneError, isLockpaneError } from '../../../keyring/errors';
import type { SignerReport } from '../../../keyring/smime';
import type { Entry } from '../../../keyring/store/entry';
import { certificateEntryFrom } from '../../../keyring/store/facts-x509';
import type { KeyringStore } from '../../../keyring/store/keyring-store';
import { isAccepted } from '../../../keyring/trust/acceptance';
import type { Attachment, MailOffer, OfferChain } from '../../shared/reader-result';
import type { KeyringService } from '../keyring/service';
import { isKeyFile, type KeyFile } from './raw-structure';

export type CarriedCertificate = { der: Uint8Array; chain: OfferChain; senderMatches: boolean | null };
export type MailMaterial = { certificates: CarriedCertificate[]; keyFiles: KeyFile[] };

/** Offers shown for one message, at most (a mail of a thousand keys is not an address book import). */
const maxOffers = 32;

export const noMaterial = (): MailMaterial => ({ certificates: [], keyFiles: [] });

/** The path verdict the reader computed for this signer, in the words a key summary uses. */
export function chainOf(r: SignerReport): OfferChain {
  if (r.status === 'unsupported-algorithm') return 'unsupported';
  if (r.revocation === 'revoked') return 'revoked';
  if (!r.validNow) return 'expired';
  return r.chainTrusted ? 'valid' : 'untrusted';
}

/** Signer certificates the message itself carried, from signatures that verified over the content. */
export function carriedCertificates(signers: readonly SignerReport[]): CarriedCertificate[] {
  return signers
    .filter((s) => s.carriedCertificate !== undefined && s.signatureValid === true && s.contentDigestMatches && s.status !== 'invalid-signature')
    .map((s) => ({ der: s.carriedCertificate!, chain: chainOf(s), senderMatches: s.emailMatches ?? null }));
}

/** Key files among the attachments a reader shows (inside an encrypted or signed part), in order. */
export function keyFilesAmong(attachments: readonly Attachment[], files: readonly Uint8Array[]): KeyFile[] {
  const out: KeyFile[] = [];
  attachments.forEach((a, i) => {
    const data = files[i];
    if (data && isKeyFile(a.filename, a.mimeType, data)) out.push({ name: a.filename, data });
  });
  return out;
}

/** The same file listed twice (outside and again among the shown attachments) is offered once. */
export function mergeMaterial(a: MailMaterial, b: MailMaterial): MailMaterial {
  const same = (x: KeyFile, y: KeyFile) => x.name === y.name && x.data.length === y.data.length && x.data.every((v, i) => v === y.data[i]);
  const keyFiles = [...a.keyFiles];
  for (const f of b.keyFiles) if (!keyFiles.some((k) => same(k, f))) keyFiles.push(f);
  return { certificates: [...a.certificates, ...b.certificates], keyFiles };
}

/** Whether importing would be held as a key change (the store's rule: an accepted key, or a certificate of another issuer). */
function changesKey(store: KeyringStore, e: Entry): boolean {
  return e.emails.some((email) => store.findByEmail(email).some((k) => {
    if (k.kind !== e.kind || k.fingerprint === e.fingerprint) return false;
    if (k.kind === 'x509') return e.kind === 'x509' && k.facts.issuer !== e.facts.issuer;
    return isAccepted(store.acceptanceOf(k.fingerprint));
  }));
}

/** What the reader offers: entries not yet in the keyring (by fingerprint), and unreadable key files as such. */
export async function mailOffers(m: MailMaterial, keyring: KeyringService): Promise<MailOffer[]> {
  const store = await keyring.store();
  const out: MailOffer[] = [];
  const seen = new Set<string>();
  for (const c of m.certificates) {
    const entry = await certificateEntryFrom(c.der).catch(() => null);
    if (!entry || entry.facts.isCa || seen.has(entry.fingerprint) || store.get('x509', entry.fingerprint)) continue;
    seen.add(entry.fingerprint);
    out.push({
      kind: 'x509', source: 'smime-signature', fingerprint: entry.fingerprint, emails: entry.emails, subject: entry.facts.subject,
      chain: c.chain, senderMatches: c.senderMatches, changesKey: changesKey(store, entry),
    });
  }
  for (const f of m.keyFiles) {
    try {
      for (const k of await keysFromAttachment(f.data, f.name)) {
        if (seen.has(k.entry.fingerprint) || store.get('openpgp', k.entry.fingerprint)) continue;
        seen.add(k.entry.fingerprint);
        out.push({
          kind: 'openpgp', source: 'attachment', filename: f.name, fingerprint: k.entry.fingerprint, emails: k.entry.emails,
          userIds: k.entry.facts.userIds.slice(0, 8), changesKey: changesKey(store, k.entry),
        });
      }
    } catch (e) {
      // One broken file is reported with its typed error; the mail and its other keys still show.
      const code = isLockpaneError(e) ? e.code : 'bad-data';
      const message = isLockpaneError(e) ? e.message : 'The attached key could not be read.';
      out.push({ kind: 'unreadable', source: 'attachment', filename: f.name, code, message: message.slice(0, 300) });
    }
  }
  return out.slice(0, maxOffers);
}

/** Imports one offered entry, found again in the material by kind and fingerprint (public parts only). */
export async function importOffer(m: MailMaterial, kind: 'openpgp' | 'x509', fingerprint: string, keyring: KeyringService) {
  const fp = fingerprint.toUpperCase();
  if (kind === 'x509') {
    for (const c of m.certificates) {
      const entry = await certificateEntryFrom(c.der).catch(() => null);
      if (entry?.fingerprint === fp && !entry.facts.isCa) return keyring.import({ bytes: c.der }, 'smime-signature');
    }
  } else {
    for (const f of m.keyFiles) {
      const found = (await keysFromAttachment(f.data, f.name).catch(() => [])).find((k) => k.entry.fingerprint === fp);
      if (found) return keyring.import({ text: found.entry.publicArmored }, 'attachment');
    }
  }
  throw new LockpaneError('not-found', 'This message carries no such key or certificate.');
}
