/**
 * Raw-message reading: when a site adapter's read pane lists attachments that make the message PGP/MIME
 * (encrypted.asc, signature.asc), S/MIME (smime.p7m, smime.p7s, pkcs7 types), a carrier of per-file
 * encrypted attachments (*.pgp, *.gpg, *.asc) or of a public key (application/pgp-keys, *.asc), the content script fetches the message's exact bytes
 * through the adapter and hands them to the worker. Those bytes are ciphertext, or signed mail the page
 * already shows: no plaintext the page lacks ever passes through here. Decided from page structure only.
 */
import type { RequestOf, ResponseOf } from '../shared/catalogue';
import { toBase64Platform as toBase64 } from '../../keyring/bytes/base64-platform';
import { rawMessageBase64Max } from '../shared/limits';
import type { ReadPane, ShownAttachment } from './adapter';

// application/pgp-keys: an attached public key, which the reader offers for import beside the mail.
// multipart/encrypted and multipart/signed: a web mail that says what the message's body is (SOGo).
const protectedTypes = new Set(['multipart/encrypted', 'multipart/signed',
  'application/pgp-encrypted', 'application/pgp-signature', 'application/pgp-keys',
  'application/pkcs7-mime', 'application/x-pkcs7-mime', 'application/pkcs7-signature', 'application/x-pkcs7-signature',
]);
const protectedNames = /(?:^smime\.p7[ms]$|^encrypted\.asc$|^signature\.asc$|\.(?:pgp|gpg|asc|p7m)$)/i;
const descriptions = /^(?:OpenPGP encrypted message|OpenPGP digital signature|PGP\/MIME version identification)$/i;

/** Whether the listed attachments say the message is (or carries) OpenPGP or S/MIME content. */
export function needsRawReading(attachments: readonly ShownAttachment[]): boolean {
  return attachments.some((a) => protectedTypes.has(a.mimeType) || protectedNames.test(a.name.trim()) || descriptions.test(a.name.trim()));
}

export type OnRawReader = (token: string, pane: ReadPane) => void;
/** The worker call (injected, so this file runs in Node tests without extension APIs). */
export type OpenRaw = (req: RequestOf<'reader.openRaw'>) => Promise<ResponseOf<'reader.openRaw'>>;

/**
 * For each read pane of this document that needs it: marks the pane (so the armored-block detector
 * leaves it alone), fetches the raw source and asks the worker for a reader token.
 */
export function startRawReading(panes: readonly ReadPane[], doc: Document, open: OpenRaw, onReader: OnRawReader): void {
  for (const pane of panes) {
    if (pane.container.ownerDocument !== doc || !pane.fetchRawSource || !needsRawReading(pane.attachments ?? [])) continue;
    if (pane.container.hasAttribute('data-lockpane-done')) continue;
    pane.container.setAttribute('data-lockpane-done', '');
    const fetchRaw = pane.fetchRawSource;
    void (async () => {
      const bytes = await fetchRaw();
      const base64 = toBase64(bytes);
      if (base64.length > rawMessageBase64Max) throw new Error(`the message is larger than Lockpane reads (${bytes.length} bytes)`);
      const { token } = await open({
        base64, ...(pane.senderEmail ? { sender: pane.senderEmail.slice(0, 320) } : {}), ...(pane.subject ? { subject: pane.subject.slice(0, 998) } : {}),
      });
      if (pane.container.isConnected) onReader(token, pane);
    })().catch((e: unknown) => {
      // The web mail's own view stays as it is; the armored-block detector may still find inline blocks.
      pane.container.removeAttribute('data-lockpane-done');
      console.warn('Lockpane could not read the raw message', e);
    });
  }
}
