/**
 * Decrypts and verifies what a reader frame shows. Plaintext exists only here and in the reply to the one
 * frame that claimed the token. Without an unlocked key the reply asks the frame for a passphrase.
 * S/MIME (PEM CMS) blocks go to read-cms.ts.
 */
import { LockpaneError } from '../../../keyring/errors';
import type { ReaderResult } from '../../shared/reader-result';
import type { KeyringService } from '../keyring/service';
import type { ReaderPayload } from '../services';
import type { SmimeService } from '../smime/smime-service';
import { readCms } from './read-cms';
import { shownPayload } from './protected-headers';
import { openPgp, pgpContext, readCleartext } from './pgp-open';
import { readPasswordReply } from '../../../keyring/password-mail/reply';

export async function readMessage(
  payload: ReaderPayload,
  keyring: KeyringService,
  unlockWith: { fingerprint?: string | undefined; passphrase?: string | undefined; messagePassword?: string | undefined },
  smime: SmimeService,
  /** Who a password mail with this reply ref went to (null: not one we sent). */
  passwordMailSentTo: (ref: string) => Promise<string[] | null> = async () => null,
): Promise<ReaderResult> {
  const sender = payload.sender ?? undefined;

  if (payload.kind === 'pgp-key') {
    return { state: 'key', keys: await keyring.preview({ text: payload.armored }) };
  }

  if (payload.kind === 'pgp-signed') {
    return { state: 'content', content: await readCleartext(payload.armored, await pgpContext(keyring, sender)) };
  }

  if (payload.kind === 'pgp-message') {
    if (unlockWith.passphrase && unlockWith.fingerprint) await keyring.unlock(unlockWith.fingerprint, unlockWith.passphrase);
    const opened = await openPgp(payload.armored, await pgpContext(keyring, sender, unlockWith.messagePassword));
    if (opened.state !== 'ok') return opened;
    // No outer header to compare with here (the web mail gave only the armored block).
    const shown = await shownPayload(opened.data, null);
    // A password-mail reply names the message it answers; it is marked only when that is one we sent.
    const reply = readPasswordReply(opened.data);
    const sentTo = reply ? await passwordMailSentTo(reply.replyRef) : null;
    return {
      state: 'content',
      content: {
        encrypted: true, integrityProtected: true, ...shown.parsed.content, signatures: opened.signatures, partiallySigned: false,
        ...(shown.protectedHeaders ? { protectedHeaders: shown.protectedHeaders } : {}),
        ...(sentTo ? { passwordReply: { to: sentTo } } : {}),
      },
    };
  }

  if (payload.kind === 'cms') return readCms(payload.armored, sender, keyring, smime, unlockWith);

  throw new LockpaneError('unsupported-option', 'This kind of block is not supported.');
}
