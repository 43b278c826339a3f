/**
 * Decrypted data is either plain text or a MIME entity (PGP/MIME inner part, S/MIME content). MIME is
 * parsed with postal-mime; each part becomes text, HTML (sanitised later in the frame) or a listed
 * attachment. Nothing is joined with HTML from outside the encrypted part (SECURITY A1.1).
 */
import PostalMime from 'postal-mime';
import type { Attachment } from '../../shared/reader-result';

export type ParsedContent = { text: string | null; html: string | null; attachments: Attachment[] };

const mimeHeader = /^(?:[A-Za-z-]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)*Content-Type:/i;

export function looksLikeMime(text: string): boolean {
  return mimeHeader.test(text.slice(0, 8192));
}

export async function contentFromBytes(data: Uint8Array): Promise<ParsedContent> {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(data);
  if (!looksLikeMime(text)) return { text, html: null, attachments: [] };
  const email = await PostalMime.parse(data);
  return {
    text: email.text ?? null,
    html: email.html ?? null,
    attachments: email.attachments.map((a) => ({
      filename: a.filename ?? 'attachment', mimeType: a.mimeType,
      size: typeof a.content === 'string' ? a.content.length : a.content.byteLength,
    })),
  };
}
