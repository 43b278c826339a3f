/**
 * Decrypts and verifies what a reader frame shows. Plaintext exists only here and in the reply to the one
 * frame that claimed the token. Without an unlocked key the reply asks the frame for a passphrase.
 * S/MIME (PEM CMS) blocks go to read-cms.ts.
 */
import { isLockpaneError, LockpaneError } from '../../../keyring/errors';
import { decrypt, encryptionKeyIds, readKey, verifyCleartext, type PgpKey } from '../../../keyring/pgp';
import type { ReaderResult } from '../../shared/reader-result';
import type { KeyringService } from '../keyring/service';
import type { ReaderPayload } from '../services';
import type { SmimeService } from '../smime/smime-service';
import { readCms } from './read-cms';
import { contentFromBytes } from './mime-content';
import { signatureView } from './signature-view';

async function verificationKeys(keyring: KeyringService): Promise<PgpKey[]> {
  const store = await keyring.store();
  const keys: PgpKey[] = [];
  for (const e of store.list()) if (e.kind === 'openpgp') keys.push(await readKey(e.publicArmored));
  return keys;
}

export async function readMessage(
  payload: ReaderPayload,
  keyring: KeyringService,
  unlockWith: { fingerprint?: string | undefined; passphrase?: string | undefined },
  smime: SmimeService,
): Promise<ReaderResult> {
  const store = await keyring.store();
  const acceptanceOf = (fp: string) => (store.getOpenPgp(fp)?.privateArmored ? 'verified' : store.acceptanceOf(fp));
  const sender = payload.sender ?? undefined;

  if (payload.kind === 'pgp-key') {
    return { state: 'key', keys: await keyring.preview({ text: payload.armored }) };
  }

  if (payload.kind === 'pgp-signed') {
    const v = await verifyCleartext({ message: payload.armored, verificationKeys: await verificationKeys(keyring), ...(sender ? { expectedSenderEmail: sender } : {}) });
    return {
      state: 'content',
      content: {
        encrypted: false, integrityProtected: false, text: v.text, html: null, attachments: [],
        signatures: v.signatures.map((r) => signatureView(r, acceptanceOf)), partiallySigned: v.unsignedTextOutside,
      },
    };
  }

  if (payload.kind === 'pgp-message') {
    if (unlockWith.passphrase && unlockWith.fingerprint) await keyring.unlock(unlockWith.fingerprint, unlockWith.passphrase);
    const recipients = await encryptionKeyIds(payload.armored).catch(() => []);
    const decryptionKeys = await keyring.unlockedOwnKeys();
    if (decryptionKeys.length === 0) {
      const locked = await keyring.lockedOwnKeys(recipients);
      if (locked.length > 0) return { state: 'needs-passphrase', keys: locked };
    }
    try {
      const result = await decrypt({
        message: payload.armored, decryptionKeys, verificationKeys: await verificationKeys(keyring),
        ...(sender ? { expectedSenderEmail: sender } : {}),
      });
      const parsed = await contentFromBytes(result.data);
      return {
        state: 'content',
        content: {
          encrypted: true, integrityProtected: true, ...parsed,
          signatures: result.signatures.map((r) => signatureView(r, acceptanceOf)), partiallySigned: false,
        },
      };
    } catch (e) {
      // Some own keys may still be locked and be the right ones: ask for them before giving up.
      if (isLockpaneError(e, 'cannot-decrypt') || isLockpaneError(e, 'missing-argument')) {
        const locked = await keyring.lockedOwnKeys(recipients);
        if (locked.length > 0) return { state: 'needs-passphrase', keys: locked };
      }
      throw e;
    }
  }

  if (payload.kind === 'cms') return readCms(payload.armored, sender, keyring, smime, unlockWith);

  throw new LockpaneError('unsupported-option', 'This kind of block is not supported.');
}
