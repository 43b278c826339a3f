/**
 * Encrypted files waiting to be attached, per editor token, in worker memory. `deliver` hands one file to
 * the content script in base64 chunks (extension messages are JSON) and reports what the page did with it.
 */
import { LockpaneError } from '../../../keyring/errors';
import { toBase64 } from '../../../keyring/bytes';
import { attachmentLimits, type OutgoingAttachment } from '../../shared/compose-types';
import type { ContentAttach } from '../../shared/content-messages';
import type { ContentAttachReply } from '../../shared/content-replies';
import type { OutgoingFile } from './outgoing-files';

/** Sends one chunk; the reply is already checked against the content catalogue (null: nobody answered). */
type Send = (message: ContentAttach) => Promise<ContentAttachReply | null>;

export function createAttachmentOutbox() {
  const byToken = new Map<string, Map<string, OutgoingFile>>();

  return {
    /** Replaces the token's files with a new encryption's result; returns what the frame lists. */
    put(token: string, files: readonly OutgoingFile[]): OutgoingAttachment[] {
      if (files.length === 0) {
        byToken.delete(token);
        return [];
      }
      byToken.set(token, new Map(files.map((f) => [f.id, f])));
      return files.map((f) => ({ id: f.id, name: f.name, size: f.bytes.length }));
    },

    /** Sends one file to the content script; it is forgotten once the page attached it. */
    async deliver(token: string, id: string, send: Send): Promise<{ name: string }> {
      const file = byToken.get(token)?.get(id);
      if (!file) throw new LockpaneError('not-found', 'This attachment is no longer waiting: encrypt the message again.');
      const chunk = attachmentLimits.chunkBytes;
      const total = Math.max(1, Math.ceil(file.bytes.length / chunk));
      if (total > attachmentLimits.maxChunks) throw new LockpaneError('too-large', `"${file.name}" is too large to attach.`);
      let reply: ContentAttachReply | null = null;
      for (let index = 0; index < total; index++) {
        const data = toBase64(file.bytes.subarray(index * chunk, (index + 1) * chunk));
        reply = await send({ lockpane: 1, name: 'content.attach', token, fileId: file.id, fileName: file.name, mediaType: file.mediaType, index, total, data });
        if (reply === null) throw new LockpaneError('not-found', 'The web mail page is gone: the attachment could not be added.');
        if (reply.state === 'failed') throw new LockpaneError(reply.reason === 'too-large' ? 'too-large' : 'internal', reply.message);
      }
      if (reply?.state !== 'attached') throw new LockpaneError('internal', `The web mail did not confirm the attachment "${file.name}".`);
      byToken.get(token)?.delete(id);
      return { name: file.name };
    },

    clear(token: string): void {
      byToken.delete(token);
    },
  };
}

export type AttachmentOutbox = ReturnType<typeof createAttachmentOutbox>;
