/**
 * The reader's S/MIME path: a PEM CMS block found in the page. EnvelopedData/AuthEnvelopedData is
 * decrypted with the user's own certificate keys (asking for the passphrase when they are locked);
 * the inner MIME entity, or a SignedData block itself, is verified against the user's and the
 * organisation's roots, and the signed content (never anything outside it) is what gets shown.
 */
import { LockpaneError, isLockpaneError } from '../../../keyring/errors';
import { decryptMessage, inspect, verifyMessage, type VerifyReport } from '../../../keyring/smime';
import type { KeySummary } from '../../shared/key-summary';
import type { ReaderContent, ReaderResult, SignatureView } from '../../shared/reader-result';
import type { KeyringService } from '../keyring/service';
import type { SmimeService } from '../smime/smime-service';
import { carriedCertificates, mailOffers, noMaterial, type CarriedCertificate, type MailMaterial } from './mail-offers';
import { shownPayload } from './protected-headers';
import { certStanding } from './signer-standing';
import { signerView } from './signer-view';

const headerEnd = /\r?\n\r?\n/;

/** Whether a (decrypted) MIME entity is itself an S/MIME signed message. */
export function isSignedEntity(entity: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(entity.subarray(0, 8192)).split(headerEnd)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const ct = /^content-type:\s*([^\r\n]*)/im.exec(unfolded)?.[1]?.toLowerCase() ?? '';
  if (ct.startsWith('multipart/signed')) return /protocol="?application\/(x-)?pkcs7-signature/.test(ct);
  // Some clients omit smime-type; inside an encrypted message, a pkcs7-mime part is then most likely signed-data.
  if (/^application\/(x-)?pkcs7-mime/.test(ct)) return !/smime-type=/.test(ct) || /smime-type="?signed-data/.test(ct);
  return false;
}

async function verifySigned(data: Uint8Array, smime: SmimeService, sender: string | undefined, keyring: KeyringService): Promise<{ report: VerifyReport; signatures: SignatureView[] }> {
  const report = await verifyMessage(data, {
    trustRoots: await smime.trustAnchors(), intermediates: await smime.intermediates(), now: new Date(),
    ...(sender ? { email: sender } : {}),
  });
  for (const s of report.signers) {
    // Remember what a correspondent's client reads, but only from signatures that hold.
    if (s.certificate && s.capabilities && s.signatureValid === true && s.contentDigestMatches && s.chainTrusted) {
      await smime.capabilities.record(s.certificate.fingerprintSha256, s.capabilities);
    }
  }
  const store = await keyring.store();
  return { report, signatures: report.signers.map((s) => signerView(s, (c) => certStanding(store, c))) };
}

async function decrypted(bytes: Uint8Array, keyring: KeyringService): Promise<Awaited<ReturnType<typeof decryptMessage>> | { state: 'needs-passphrase'; keys: KeySummary[] }> {
  const identities = await keyring.unlockedOwnCertificates();
  if (identities.length === 0) {
    const locked = await keyring.lockedOwnCertificates();
    if (locked.length > 0) return { state: 'needs-passphrase', keys: locked };
    throw new LockpaneError('cannot-decrypt', 'You have no S/MIME certificate with a private key to read this message. Import yours (PKCS#12) in Lockpane\'s options.');
  }
  try {
    return await decryptMessage(bytes, identities);
  } catch (e) {
    // Another, still locked certificate may be the one this message was encrypted to.
    if (isLockpaneError(e, 'cannot-decrypt')) {
      const locked = await keyring.lockedOwnCertificates();
      if (locked.length > 0) return { state: 'needs-passphrase', keys: locked };
    }
    throw e;
  }
}

export type CmsOpened =
  | { state: 'needs-passphrase'; keys: KeySummary[] }
  | {
    state: 'ok'; entity: Uint8Array; encrypted: boolean; integrityProtected: boolean; signatures: SignatureView[];
    /** Signer certificates the message carried (from signatures that hold), for the reader to offer. */
    certificates: CarriedCertificate[];
  };

/** Decrypts and/or verifies CMS given as a MIME entity, PEM or DER; returns the shown inner entity. */
export async function openCms(
  bytes: Uint8Array,
  sender: string | undefined,
  keyring: KeyringService,
  smime: SmimeService,
  unlockWith: { fingerprint?: string | undefined; passphrase?: string | undefined },
): Promise<CmsOpened> {
  const d = await inspect(bytes);
  if (d.type !== 'smime-message') throw new LockpaneError('bad-data', 'This is not an S/MIME message.');

  if (d.recipients === undefined) {
    // Signed, not encrypted: show only the signed content.
    const { report, signatures } = await verifySigned(bytes, smime, sender, keyring);
    return { state: 'ok', entity: report.content, encrypted: false, integrityProtected: false, signatures, certificates: carriedCertificates(report.signers) };
  }

  if (unlockWith.passphrase && unlockWith.fingerprint) await keyring.unlock(unlockWith.fingerprint, unlockWith.passphrase);
  const r = await decrypted(bytes, keyring);
  if ('state' in r) return r;
  if (!isSignedEntity(r.content)) return { state: 'ok', entity: r.content, encrypted: true, integrityProtected: r.integrityProtected, signatures: [], certificates: [] };
  try {
    const { report, signatures } = await verifySigned(r.content, smime, sender, keyring);
    return { state: 'ok', entity: report.content, encrypted: true, integrityProtected: r.integrityProtected, signatures, certificates: carriedCertificates(report.signers) };
  } catch (e) {
    if (!isLockpaneError(e, 'bad-data')) throw e;
    // A broken signature structure: the decrypted text is shown, marked as not verifiable.
    const bad: SignatureView = { status: 'invalid', signer: null, fingerprint: null, signedAt: null, senderMatches: null, reason: e.message.slice(0, 500) };
    return { state: 'ok', entity: r.content, encrypted: true, integrityProtected: r.integrityProtected, signatures: [bad], certificates: [] };
  }
}

export async function readCms(
  armored: string,
  sender: string | undefined,
  keyring: KeyringService,
  smime: SmimeService,
  unlockWith: { fingerprint?: string | undefined; passphrase?: string | undefined },
): Promise<ReaderResult> {
  return (await readCmsWithMaterial(armored, sender, keyring, smime, unlockWith)).result;
}

/** readCms, plus the public material the message carried (what its offers are made from). */
export async function readCmsWithMaterial(
  armored: string,
  sender: string | undefined,
  keyring: KeyringService,
  smime: SmimeService,
  unlockWith: { fingerprint?: string | undefined; passphrase?: string | undefined },
): Promise<{ result: ReaderResult; material: MailMaterial }> {
  const r = await openCms(new TextEncoder().encode(armored), sender, keyring, smime, unlockWith);
  if (r.state === 'needs-passphrase') return { result: r, material: noMaterial() };
  const content = await shown(r.entity, r.encrypted, r.integrityProtected, r.signatures);
  const material: MailMaterial = { certificates: r.certificates, keyFiles: [] };
  const offers = await mailOffers(material, keyring);
  return { result: { state: 'content', content: offers.length > 0 ? { ...content, mailOffers: offers } : content }, material };
}

async function shown(entity: Uint8Array, encrypted: boolean, integrityProtected: boolean, signatures: SignatureView[]): Promise<ReaderContent> {
  const p = await shownPayload(entity, null);
  return { encrypted, integrityProtected, ...p.parsed.content, signatures, partiallySigned: false, ...(p.protectedHeaders ? { protectedHeaders: p.protectedHeaders } : {}) };
}
