/**
 * Messages the worker sends to a content script (the only direction a content script accepts). A content
 * script acts on them only when they come from our own worker (no tab, our id) — see content/inbox.ts.
 */
import { attachmentChunkChars, attachmentIdPattern, attachmentLimits } from './compose-types';

export type ContentInsert = { lockpane: 1; name: 'content.insert'; token: string; text: string };
/** Mount an editor frame (reply) right after the reader frame of `readerToken`. */
export type ContentOpenEditor = { lockpane: 1; name: 'content.openEditor'; readerToken: string; editorToken: string };
/** Opened below the reader, or the page is going to the web mail's own reply form (which takes the editor there). */
export type ContentOpenEditorReply = { opened: boolean; navigating?: boolean };
/**
 * One chunk of an ENCRYPTED file (ciphertext only) for the web mail's own upload; the content script
 * attaches the file once its last chunk arrived.
 */
export type ContentAttach = {
  lockpane: 1; name: 'content.attach'; token: string; fileId: string; fileName: string; mediaType: string;
  index: number; total: number; data: string;
};
/** The user asked, from the toolbar popup, to write securely in this page's compose form. */
export type ContentComposeHere = { lockpane: 1; name: 'content.composeHere' };
export type ContentMessage = ContentInsert | ContentOpenEditor | ContentAttach | ContentComposeHere;
/** The content script's answer: more chunks welcome, the file is attached, or why it is not. */
export type ContentAttachReply = { state: 'partial' } | { state: 'attached' } | { state: 'failed'; reason: 'no-upload' | 'too-large' | 'refused'; message: string };

export function isContentOpenEditor(m: unknown): m is ContentOpenEditor {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return r.lockpane === 1 && r.name === 'content.openEditor' && typeof r.readerToken === 'string' && r.readerToken.length <= 64
    && typeof r.editorToken === 'string' && r.editorToken.length <= 64;
}

const isIndex = (v: unknown, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;

export function isContentAttach(m: unknown): m is ContentAttach {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return r.lockpane === 1 && r.name === 'content.attach' && typeof r.token === 'string' && r.token.length <= 64
    && typeof r.fileId === 'string' && attachmentIdPattern.test(r.fileId)
    && typeof r.fileName === 'string' && r.fileName.length > 0 && r.fileName.length <= 260 && !/[\\/\0]/.test(r.fileName)
    && typeof r.mediaType === 'string' && r.mediaType.length <= 100
    && isIndex(r.total, attachmentLimits.maxChunks) && isIndex(r.index, Number(r.total) - 1) && Number(r.total) >= 1
    && typeof r.data === 'string' && r.data.length <= attachmentChunkChars;
}

export function isContentInsert(m: unknown): m is ContentInsert {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return r.lockpane === 1 && r.name === 'content.insert' && typeof r.token === 'string' && r.token.length <= 64
    && typeof r.text === 'string' && r.text.length <= 16 * 1024 * 1024;
}

export function isContentComposeHere(m: unknown): m is ContentComposeHere {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return r.lockpane === 1 && r.name === 'content.composeHere';
}
