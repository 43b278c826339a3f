/**
 * Where raw messages wait between `reader.openRaw` and the frame's decrypt, and where decrypted
 * attachments wait for "Save". Raw messages (ciphertext, or signed mail the page shows anyway) live in
 * worker memory, and small ones are also mirrored in storage.session so a worker stopped while the user
 * reads loses nothing; frame tokens stay small. Decrypted attachments live in memory only (never in
 * storage), for the last few messages. Both are bounded; the oldest entries go first.
 */
import { base64Decode } from '../../../keyring/bytes';
import { arr, int, obj, str } from '../../shared/schema';
import type { KeyValueArea } from '../kv';
import { readStored } from '../stored-record';

const MiB = 1024 * 1024;
export const rawLimits = {
  /** base64 characters held in memory across all raw messages */
  memoryChars: 160 * MiB,
  /** largest raw message mirrored in storage.session, and the total mirrored (its quota is 10 MB) */
  mirrorEachChars: 2 * MiB,
  mirrorTotalChars: 6 * MiB,
  /** decrypted attachment bytes kept for "Save" */
  filesBytes: 192 * MiB,
};

const mirrorPrefix = 'rawMessage:';
const indexKey = 'rawMessage:index';
type MirrorIndex = { token: string; chars: number }[];
const mirrorIndexSchema = arr(obj({ token: str({ max: 64 }), chars: int({ min: 0, max: 2 ** 31 }) }), { max: 10_000 });
const mirroredSchema = str({ max: 16 * MiB, pattern: /^[A-Za-z0-9+/]*={0,2}$/ });

function decodedLength(b64: string): number {
  return (b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
}

export function createRawStore(session: KeyValueArea, limits = rawLimits) {
  const memory = new Map<string, string>();
  const files = new Map<string, Uint8Array[]>();
  let memoryChars = 0;

  async function mirror(token: string, base64: string): Promise<void> {
    if (base64.length > limits.mirrorEachChars) return;
    // A damaged index is started afresh: the mirrors it named are only copies of what memory holds.
    const index: MirrorIndex = (await readStored(session, indexKey, mirrorIndexSchema, 'raw message index').catch(() => undefined)) ?? [];
    index.push({ token, chars: base64.length });
    let total = index.reduce((n, e) => n + e.chars, 0);
    while (total > limits.mirrorTotalChars && index.length > 0) {
      const old = index.shift()!;
      total -= old.chars;
      await session.remove(mirrorPrefix + old.token);
    }
    if (!index.some((e) => e.token === token)) return;
    try {
      await session.set(mirrorPrefix + token, base64);
      await session.set(indexKey, index);
    } catch {
      // The session area is full (its quota is shared): the message stays in memory only.
      await session.remove(mirrorPrefix + token).catch(() => undefined);
    }
  }

  /** The message's base64 from memory, else from its mirror; a damaged mirror counts as gone. */
  async function base64Of(token: string): Promise<string | null> {
    const held = memory.get(token);
    if (held !== undefined) return held;
    return (await readStored(session, mirrorPrefix + token, mirroredSchema, 'raw message').catch(() => undefined)) ?? null;
  }

  return {
    /** Throws a SyntaxError-like error for input that is not base64 (checked before anything is kept). */
    async put(token: string, base64: string): Promise<number> {
      if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new TypeError('not base64');
      memory.set(token, base64);
      memoryChars += base64.length;
      for (const [t, v] of memory) {
        if (memoryChars <= limits.memoryChars || t === token) break;
        memory.delete(t);
        memoryChars -= v.length;
      }
      await mirror(token, base64);
      return decodedLength(base64);
    },
    /** The raw bytes, or null when they are gone (worker restarted and the message was too large to mirror). */
    async get(token: string): Promise<Uint8Array | null> {
      const b64 = await base64Of(token);
      return b64 !== null ? base64Decode(b64) : null;
    },
    async size(token: string): Promise<number | null> {
      const b64 = await base64Of(token);
      return b64 !== null ? decodedLength(b64) : null;
    },
    keepFiles(token: string, list: Uint8Array[]): void {
      files.delete(token);
      files.set(token, list);
      let total = 0;
      for (const l of files.values()) for (const f of l) total += f.byteLength;
      for (const [t, l] of files) {
        if (total <= limits.filesBytes || t === token) break;
        files.delete(t);
        for (const f of l) total -= f.byteLength;
      }
    },
    files(token: string): Uint8Array[] | null {
      return files.get(token) ?? null;
    },
  };
}

export type RawStore = ReturnType<typeof createRawStore>;
