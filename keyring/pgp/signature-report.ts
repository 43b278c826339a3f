/**
 * Turns openpgp.js verification results into SignatureReports. A signature is 'good' only when
 * openpgp.js verified it with a known key; everything else says why not, so the UI never shows
 * "signed" for an unknown hash, an unknown signer or a revoked key.
 */
import type * as openpgp from 'openpgp';

/** openpgp.js's per-signature result (not exported by its typings). */
export type VerificationResult = { keyID: openpgp.KeyID; verified: Promise<true>; signature: Promise<openpgp.Signature> };
import { validUserIDs } from './key-describe';
import type { PgpKey, SignatureReport, SignatureStatus } from './types';

function classify(message: string): { status: SignatureStatus; reason: string } {
  if (/revoked/i.test(message)) return { status: 'revoked-key', reason: 'The signing key is revoked.' };
  if (/(key|Subkey) is expired|key expired/i.test(message)) return { status: 'expired-key', reason: 'The signing key is expired.' };
  if (/Unsupported|Unknown|Insecure|not supported|too weak|Invalid hash/i.test(message)) {
    return { status: 'unsupported', reason: `The signature uses an algorithm that is not accepted (${message.slice(0, 120)}).` };
  }
  if (/Signature is expired/i.test(message)) return { status: 'bad', reason: 'The signature is expired.' };
  if (/in the future/i.test(message)) return { status: 'bad', reason: 'The signature is dated in the future.' };
  if (/Could not find valid signing key|key flags|not usable/i.test(message)) return { status: 'bad', reason: 'The key is not allowed to sign.' };
  return { status: 'bad', reason: 'The signature does not match the data (tampered, or made over other data).' };
}

function findSigner(keyID: openpgp.KeyID, keys: PgpKey[]): { key: PgpKey; sub: string } | null {
  for (const key of keys) {
    const match = key.getKeys(keyID)[0];
    if (match) return { key, sub: match.getFingerprint().toUpperCase() };
  }
  return null;
}

export async function reportSignature(sig: VerificationResult, keys: PgpKey[], expectedSenderEmail?: string): Promise<SignatureReport> {
  const keyId = sig.keyID.toHex().toUpperCase();
  let created: string | null = null;
  let mode: SignatureReport['mode'] = null;
  try {
    const packet = (await sig.signature).packets[0];
    if (packet?.created) created = packet.created.toISOString();
    if (packet?.signatureType === 0) mode = 'binary';
    else if (packet?.signatureType === 1) mode = 'text';
  } catch { /* unreadable signature: reported through `verified` below */ }
  const signer = findSigner(sig.keyID, keys);
  let status: SignatureStatus = 'good';
  let reason: string | null = null;
  try {
    await sig.verified;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (!signer || /Could not find signing key/i.test(message)) {
      status = 'unknown-signer';
      reason = `No public key for the signer ${keyId} was given.`;
    } else {
      ({ status, reason } = classify(message));
    }
  }
  const uids = signer ? await validUserIDs(signer.key) : [];
  let senderMatches: boolean | null = null;
  if (expectedSenderEmail && signer && status !== 'unknown-signer') {
    const want = expectedSenderEmail.trim().toLowerCase();
    senderMatches = uids.some((u) => u.email.toLowerCase() === want);
  }
  return {
    status,
    keyId,
    signingKeyFingerprint: signer?.sub ?? null,
    signerFingerprint: signer ? signer.key.getFingerprint().toUpperCase() : null,
    signerUserIDs: uids.map((u) => u.uid),
    created,
    mode,
    senderMatches,
    reason,
  };
}

export function reportSignatures(sigs: VerificationResult[], keys: PgpKey[], expectedSenderEmail?: string): Promise<SignatureReport[]> {
  return Promise.all(sigs.map((s) => reportSignature(s, keys, expectedSenderEmail)));
}

/** True when at least one signature is good and none is bad (the usual "verified" badge rule). */
export function allGood(reports: SignatureReport[]): boolean {
  return reports.length > 0 && reports.every((r) => r.status === 'good');
}
