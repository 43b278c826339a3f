/**
 * OpenPGP decryption for the reader, shared by armored blocks and raw messages: unlocked own keys first;
 * when none fits, the locked ones that may (by the message's recipient key ids) are offered for a
 * passphrase, and a password-encrypted message asks for its password (pgp-password.ts). Signatures are
 * mapped with the keyring's trust and compared with the page's sender.
 */
import { isLockpaneError } from '../../../keyring/errors';
import { decrypt, verify, verifyCleartext, type SignatureReport } from '../../../keyring/pgp';
import type { ReaderContent, SignatureView } from '../../shared/reader-result';
import type { KeyringService } from '../keyring/service';
import type { PgpContext } from './pgp-context';
import { decryptWithPassword, secretPrompt, type SecretPrompt } from './pgp-password';

export type { PgpContext } from './pgp-context';
import { signatureView, type SignerTrust } from './signature-view';
import { timed } from '../worker-timing';
import { effectiveAcceptance, pgpStanding } from './signer-standing';


export async function pgpContext(keyring: KeyringService, sender: string | undefined, messagePassword?: string): Promise<PgpContext> {
  const store = await keyring.store();
  // Only the keys the message's signatures name are looked up and parsed (not the whole keyring).
  const verificationKeys = keyring.signerKeys;
  const trust: SignerTrust = {
    acceptanceOf: (fp) => effectiveAcceptance(store, fp),
    standingOf: (fp, userIds) => pgpStanding(store, fp, userIds),
  };
  return { verificationKeys, views: (reports) => reports.map((r) => signatureView(r, trust)), sender, keyring, messagePassword };
}

export type PgpOpened = SecretPrompt | { state: 'ok'; data: Uint8Array; filename: string | null; signatures: SignatureView[] };

export async function openPgp(message: string | Uint8Array, ctx: PgpContext): Promise<PgpOpened> {
  if (ctx.messagePassword !== undefined) {
    const result = await decryptWithPassword(message, ctx.messagePassword, ctx);
    return { state: 'ok', data: result.data, filename: result.filename, signatures: ctx.views(result.signatures) };
  }
  const decryptionKeys = await ctx.keyring.unlockedOwnKeys();
  if (decryptionKeys.length === 0) {
    const prompt = await secretPrompt(message, ctx.keyring);
    if (prompt) return prompt;
  }
  try {
    const result = await timed('lp:pgp-decrypt', () => decrypt({
      message, decryptionKeys, verificationKeys: ctx.verificationKeys, ...(ctx.sender ? { expectedSenderEmail: ctx.sender } : {}),
    }));
    return { state: 'ok', data: result.data, filename: result.filename, signatures: ctx.views(result.signatures) };
  } catch (e) {
    // Some own keys may still be locked and be the right ones, or a password opens it: ask before giving up.
    if (isLockpaneError(e, 'cannot-decrypt') || isLockpaneError(e, 'missing-argument')) {
      const prompt = await secretPrompt(message, ctx.keyring);
      if (prompt) return prompt;
    }
    throw e;
  }
}

/**
 * Verifies a detached signature over the first candidate for which it holds (exact bytes first, then
 * the line-ending variants a mail path may have produced); with none good, reports the exact bytes'.
 */
export async function verifyDetached(candidates: Uint8Array[], signature: Uint8Array, ctx: PgpContext): Promise<{ signed: Uint8Array; signatures: SignatureView[] }> {
  let first: { signed: Uint8Array; reports: SignatureReport[] } | null = null;
  for (const data of candidates) {
    const { signatures } = await verify({ data, signature, verificationKeys: ctx.verificationKeys, ...(ctx.sender ? { expectedSenderEmail: ctx.sender } : {}) });
    if (signatures.length > 0 && signatures.every((s) => s.status === 'good')) return { signed: data, signatures: ctx.views(signatures) };
    first ??= { signed: data, reports: signatures };
  }
  if (!first) return { signed: new Uint8Array(), signatures: [] };
  return { signed: first.signed, signatures: ctx.views(first.reports) };
}

/** A cleartext-signed block: only the signed text is shown, and text outside it is flagged. */
export async function readCleartext(armored: string, ctx: PgpContext): Promise<ReaderContent> {
  const v = await verifyCleartext({ message: armored, verificationKeys: ctx.verificationKeys, ...(ctx.sender ? { expectedSenderEmail: ctx.sender } : {}) });
  return {
    encrypted: false, integrityProtected: false, text: v.text, html: null, attachments: [],
    signatures: ctx.views(v.signatures), partiallySigned: v.unsignedTextOutside,
  };
}
