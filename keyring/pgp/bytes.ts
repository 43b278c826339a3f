/** Small byte/stream helpers shared by the OpenPGP core (no Node APIs). */
import { concatBytes } from '../bytes/concat';
import type { ByteStream, ProgressCallback } from './types';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

export function fromUtf8(b: Uint8Array): string {
  return decoder.decode(b);
}

export function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? utf8(data) : data;
}

export function isStream(x: unknown): x is ReadableStream {
  return typeof x === 'object' && x !== null && typeof (x as ReadableStream).getReader === 'function';
}

/** Reads a stream of bytes or strings to the end. */
export async function collect(stream: ReadableStream<Uint8Array | string>): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(typeof value === 'string' ? utf8(value) : value);
  }
  return concatBytes(chunks);
}

/** A stream over one buffer. */
export function streamOf(bytes: Uint8Array): ByteStream {
  return new ReadableStream<Uint8Array>({
    start(c) { c.enqueue(bytes); c.close(); },
  });
}

/** Passes bytes through unchanged, reporting the running count (at most every `step` bytes). */
export function withProgress(stream: ByteStream, onProgress: ProgressCallback | undefined, total?: number, step = 1 << 20): ByteStream {
  if (!onProgress) return stream;
  let bytes = 0;
  let lastReport = 0;
  const report = () => onProgress(total === undefined ? { bytes } : { bytes, total });
  return stream.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, c) {
      bytes += chunk.length;
      if (bytes - lastReport >= step) { lastReport = bytes; report(); }
      c.enqueue(chunk);
    },
    flush() { report(); },
  }));
}

/** Turns a stream of strings or bytes into a stream of bytes. */
export function asByteStream(stream: ReadableStream<Uint8Array | string>): ByteStream {
  return stream.pipeThrough(new TransformStream<Uint8Array | string, Uint8Array>({
    transform(chunk, c) { c.enqueue(typeof chunk === 'string' ? utf8(chunk) : chunk); },
  }));
}
