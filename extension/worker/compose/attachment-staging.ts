/**
 * Files the user added in the secure editor, received from the frame in base64 chunks and held in the
 * worker's memory only (never in storage) until `editor.encrypt` takes them. Bounded per file, per message
 * and overall, so a frame cannot make the worker hold more than a few messages' worth.
 */
import { LockpaneError } from '../../../keyring/errors';
import { fromBase64 } from '../../../keyring/bytes';
import { attachmentLimits } from '../../shared/compose-types';

export type StagedFile = { id: string; name: string; bytes: Uint8Array };

type Pending = { name: string; size: number; total: number; chunks: Uint8Array[]; received: number; touched: number };

/** All editors together; several open editors are fine, a runaway frame is not. */
const maxHeldBytes = 3 * attachmentLimits.maxTotalBytes;
/** Staged files nobody encrypted within this time are dropped. */
const staleMs = 30 * 60 * 1000;

export type StageChunk = { id: string; name: string; size: number; index: number; total: number; data: string };

export function createAttachmentStaging(now: () => number = Date.now) {
  const byToken = new Map<string, Map<string, Pending>>();

  const held = () => [...byToken.values()].reduce((n, files) => n + [...files.values()].reduce((m, f) => m + f.received, 0), 0);

  function sweep(): void {
    const cutoff = now() - staleMs;
    for (const [token, files] of byToken) {
      for (const [id, f] of files) if (f.touched < cutoff) files.delete(id);
      if (files.size === 0) byToken.delete(token);
    }
  }

  return {
    /** Adds one chunk; chunks come in order, and chunk 0 (re)starts the file. Returns the bytes received so far. */
    add(token: string, c: StageChunk): number {
      sweep();
      if (c.size > attachmentLimits.maxFileBytes) throw new LockpaneError('too-large', `"${c.name}" is larger than ${attachmentLimits.maxFileBytes / 1024 / 1024} MB.`);
      const files = byToken.get(token) ?? new Map<string, Pending>();
      byToken.set(token, files);
      let f = files.get(c.id);
      if (c.index === 0) {
        if (!f && files.size >= attachmentLimits.maxFiles) throw new LockpaneError('too-large', `At most ${attachmentLimits.maxFiles} attachments per message.`);
        f = { name: c.name, size: c.size, total: c.total, chunks: [], received: 0, touched: now() };
        files.set(c.id, f);
      }
      if (!f || c.index !== f.chunks.length || c.total !== f.total || c.name !== f.name || c.size !== f.size) {
        throw new LockpaneError('bad-data', `Attachment "${c.name}" arrived out of order: add it again.`);
      }
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(c.data);
      } catch (e) {
        throw new LockpaneError('bad-data', 'An attachment chunk is not base64.', { cause: e });
      }
      if (f.received + bytes.length > f.size) throw new LockpaneError('bad-data', `"${c.name}" is larger than announced.`);
      const messageBytes = [...files.values()].reduce((n, x) => n + x.received, 0) + bytes.length;
      if (messageBytes > attachmentLimits.maxTotalBytes) {
        throw new LockpaneError('too-large', `Attachments of one message may total at most ${attachmentLimits.maxTotalBytes / 1024 / 1024} MB.`);
      }
      if (held() + bytes.length > maxHeldBytes) throw new LockpaneError('too-large', 'Lockpane holds too many attachments right now: send or close other editors first.');
      f.chunks.push(bytes);
      f.received += bytes.length;
      f.touched = now();
      return f.received;
    },

    /** The complete files with these ids, in this order; an incomplete or unknown one is a typed error. */
    take(token: string, ids: readonly string[]): StagedFile[] {
      const files = byToken.get(token);
      return ids.map((id) => {
        const f = files?.get(id);
        if (!f || f.chunks.length !== f.total || f.received !== f.size) throw new LockpaneError('not-found', 'An attachment did not reach Lockpane completely: add it again.');
        const bytes = new Uint8Array(f.size);
        let at = 0;
        for (const c of f.chunks) {
          bytes.set(c, at);
          at += c.length;
        }
        return { id, name: f.name, bytes };
      });
    },

    /** Forgets a message's files (after sending). */
    clear(token: string): void {
      byToken.delete(token);
    },
  };
}

export type AttachmentStaging = ReturnType<typeof createAttachmentStaging>;
