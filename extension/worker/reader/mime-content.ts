/**
 * Decrypted data is either plain text or a MIME entity (PGP/MIME inner part, S/MIME content). MIME is
 * parsed with postal-mime; each part becomes text, HTML (sanitised later in the frame) or a listed
 * attachment. Nothing is joined with HTML from outside the encrypted part (SECURITY A1.1).
 */
import PostalMime from 'postal-mime';
import type { Attachment } from '../../shared/reader-result';

export type ParsedContent = { text: string | null; html: string | null; attachments: Attachment[] };
/** The parsed content plus each listed attachment's bytes, in the same order (kept in the worker only). */
export type ContentWithFiles = { content: ParsedContent; files: Uint8Array[] };

const mimeHeader = /^(?:[A-Za-z-]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)*Content-Type:/i;

export function looksLikeMime(text: string): boolean {
  return mimeHeader.test(text.slice(0, 8192));
}

export async function contentWithFiles(data: Uint8Array): Promise<ContentWithFiles> {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(data.subarray(0, 8192));
  if (!looksLikeMime(head)) return { content: { text: new TextDecoder('utf-8', { fatal: false }).decode(data), html: null, attachments: [] }, files: [] };
  const email = await PostalMime.parse(data, { attachmentEncoding: 'arraybuffer' });
  const files = email.attachments.map((a) => (typeof a.content === 'string' ? new TextEncoder().encode(a.content) : new Uint8Array(a.content)));
  return {
    content: {
      text: email.text ?? null,
      html: email.html ?? null,
      attachments: email.attachments.map((a, i) => ({ filename: a.filename ?? 'attachment', mimeType: a.mimeType, size: files[i]!.byteLength })),
    },
    files,
  };
}

export async function contentFromBytes(data: Uint8Array): Promise<ParsedContent> {
  return (await contentWithFiles(data)).content;
}
