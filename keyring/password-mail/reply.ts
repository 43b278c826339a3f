/**
 * The recipient's reply, encrypted to the sender's public key from inside the protected message. Its
 * plaintext is a small MIME entity whose Lockpane-Reply-To header quotes the original's reply ref, so the
 * sender's Lockpane can mark it as "reply to a password-protected message". It is not signed: the
 * recipient has no key. Anyone who has the sender's public key could write such a text; the marker says
 * what it claims to answer, not who wrote it.
 */
import * as openpgp from 'openpgp';
import { buildEntity, base64Body, headerValue, parseContentType, parseEntity, decodeTransferEncoding } from '../mime/entity';
import { LockpaneError } from '../errors';
import { pgpConfig } from '../pgp/config';
import { guard } from '../pgp/map-error';

const refHeader = 'Lockpane-Reply-To';

export async function encryptReply(options: { text: string; senderKey: string; replyRef: string | null }): Promise<string> {
  if (options.text.trim() === '') throw new LockpaneError('missing-argument', 'The reply is empty.');
  return guard('bad-data', 'Encrypting the reply', async () => {
    const key = await openpgp.readKey({ armoredKey: options.senderKey, config: pgpConfig });
    const headers: [string, string][] = [['Content-Type', 'text/plain; charset=utf-8'], ['Content-Transfer-Encoding', 'base64']];
    if (options.replyRef) headers.unshift([refHeader, options.replyRef.replace(/[^A-Za-z0-9_-]/g, '')]);
    const entity = buildEntity(headers, base64Body(new TextEncoder().encode(options.text)));
    const message = await openpgp.createMessage({ binary: entity, format: 'binary', filename: 'reply.eml' });
    return openpgp.encrypt({ message, encryptionKeys: key, format: 'armored', config: pgpConfig }) as Promise<string>;
  });
}

export type PasswordReply = { replyRef: string; text: string };

/** Recognises a decrypted reply: null when the plaintext is not one (then show it as an ordinary message). */
export function readPasswordReply(plaintext: Uint8Array): PasswordReply | null {
  try {
    const e = parseEntity(plaintext);
    const ref = headerValue(e.headers, refHeader)?.trim();
    if (!ref || !/^[A-Za-z0-9_-]{8,64}$/.test(ref)) return null;
    if (parseContentType(headerValue(e.headers, 'Content-Type')).mediaType !== 'text/plain') return null;
    const text = new TextDecoder().decode(decodeTransferEncoding(e.body, headerValue(e.headers, 'Content-Transfer-Encoding')));
    return { replyRef: ref, text };
  } catch {
    return null;
  }
}
