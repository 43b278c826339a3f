/** Turns caller input (armored text, binary bytes, or a byte stream of either) into an openpgp.js Message. */
import * as openpgp from 'openpgp';
import { LockpaneError } from '../errors';
import { checkArmorChecksums } from './armor-check';
import { concatBytes } from '../bytes/concat';
import { fromUtf8, isStream } from './bytes';
import { looksArmored } from './key-read';
import { mapPgpError } from './map-error';
import type { ByteStream } from './types';

export type AnyMessage = openpgp.Message<openpgp.MaybeStream<Uint8Array | string>>;

export type MessageInput = string | Uint8Array | ByteStream;

/** Reads at least `n` bytes (or to the end) and returns them with a stream that still yields everything. */
export async function peek(stream: ByteStream, n: number): Promise<{ head: Uint8Array; stream: ByteStream }> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let have = 0;
  let done = false;
  while (have < n) {
    const r = await reader.read();
    if (r.done) { done = true; break; }
    chunks.push(r.value);
    have += r.value.length;
  }
  const head = concatBytes(chunks);
  let first = true;
  const rest = new ReadableStream<Uint8Array>({
    async pull(c) {
      if (first) {
        first = false;
        if (head.length) { c.enqueue(head); return; }
      }
      if (done) { c.close(); return; }
      const r = await reader.read();
      if (r.done) c.close();
      else c.enqueue(r.value);
    },
    cancel(reason) { return reader.cancel(reason); },
  }, { highWaterMark: 0 });
  return { head, stream: rest };
}

/** Decodes a byte stream as UTF-8 text (for armored input). */
export function textStream(stream: ByteStream): ReadableStream<string> {
  const decoder = new TextDecoder('utf-8');
  return stream.pipeThrough(new TransformStream<Uint8Array, string>({
    transform(chunk, c) { const s = decoder.decode(chunk, { stream: true }); if (s) c.enqueue(s); },
    flush(c) { const s = decoder.decode(); if (s) c.enqueue(s); },
  }));
}

/** openpgp.js accepts an armored message whose END line is missing; we do not (truncation). */
function checkArmorFrame(text: string): void {
  if (!/-----END PGP MESSAGE-----/.test(text)) throw new LockpaneError('bad-armor', 'Reading message: the armored message has no END line (truncated?).');
  checkArmorChecksums(text);
}

export async function readMessage(input: MessageInput, config: openpgp.PartialConfig): Promise<AnyMessage> {
  try {
    if (typeof input === 'string') { checkArmorFrame(input); return await openpgp.readMessage({ armoredMessage: input, config }); }
    if (input instanceof Uint8Array) {
      if (input.length === 0) throw new LockpaneError('bad-data', 'The message is empty.');
      if (looksArmored(input)) { const t = fromUtf8(input); checkArmorFrame(t); return await openpgp.readMessage({ armoredMessage: t, config }); }
      return await openpgp.readMessage({ binaryMessage: input, config });
    }
    if (!isStream(input)) throw new LockpaneError('bad-data', 'The message must be text, bytes or a byte stream.');
    const { head, stream } = await peek(input, 64);
    if (head.length === 0) throw new LockpaneError('bad-data', 'The message is empty.');
    if (looksArmored(head)) return await openpgp.readMessage({ armoredMessage: textStream(stream), config });
    return await openpgp.readMessage({ binaryMessage: stream, config });
  } catch (e) {
    throw mapPgpError(e, 'bad-data', 'Reading message');
  }
}
