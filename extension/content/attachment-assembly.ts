/**
 * Reassembles encrypted files the worker sends in base64 chunks (extension messages are JSON) and hands
 * each complete file to the compose slot's upload. Only ciphertext ever arrives here. Bounded: one file
 * at a time per editor, chunks in order, at most `maxChunks` of them.
 */
import { fromBase64Platform as fromBase64 } from '../../keyring/bytes/base64-platform';
import { attachmentLimits } from '../shared/limits';
import type { ContentAttach } from '../shared/content-messages';
import type { ContentAttachReply } from '../shared/content-replies';

type Partial = { fileId: string; parts: BlobPart[]; next: number; total: number };

export function createAttachmentAssembly(uploadFor: (token: string) => ((file: File) => Promise<void>) | null) {
  const partial = new Map<string, Partial>();

  return async (m: ContentAttach): Promise<ContentAttachReply> => {
    const upload = uploadFor(m.token);
    if (!upload) {
      partial.delete(m.token);
      return { state: 'failed', reason: 'no-upload', message: 'This page has no compose form Lockpane can attach files to.' };
    }
    if (m.total > attachmentLimits.maxChunks) return { state: 'failed', reason: 'too-large', message: `${m.fileName} is too large to attach.` };
    let p = partial.get(m.token);
    if (m.index === 0) {
      p = { fileId: m.fileId, parts: [], next: 0, total: m.total };
      partial.set(m.token, p);
    }
    if (!p || p.fileId !== m.fileId || p.next !== m.index || p.total !== m.total) {
      partial.delete(m.token);
      return { state: 'failed', reason: 'refused', message: `Parts of ${m.fileName} arrived out of order.` };
    }
    try {
      p.parts.push(fromBase64(m.data));
    } catch {
      partial.delete(m.token);
      return { state: 'failed', reason: 'refused', message: `A part of ${m.fileName} was damaged.` };
    }
    p.next += 1;
    if (p.next < p.total) return { state: 'partial' };
    partial.delete(m.token);
    try {
      await upload(new File(p.parts, m.fileName, { type: m.mediaType }));
      return { state: 'attached' };
    } catch (e) {
      const message = e instanceof Error ? e.message : `The web mail did not take ${m.fileName}.`;
      return { state: 'failed', reason: 'refused', message };
    }
  };
}
