/**
 * Input and output for `lockpane sop`: stdin, and stdout only on success (indirect data is in
 * ../indirect.ts). Large outputs are spooled to a temporary file so that
 * nothing partial reaches stdout when a later step fails (e.g. an integrity check at the end).
 */
import { createReadStream, createWriteStream, fstatSync, ftruncateSync, mkdtempSync, readFileSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { open } from 'node:fs/promises';

export { readStdin, writeStdout } from '../stdio';
export { checkOutput, readIndirect, writeIndirect } from '../indirect';

/** stdin as a WHATWG byte stream, in large chunks. */
export function stdinStream(): ReadableStream<Uint8Array> {
  const node = createReadStream('', { fd: 0, highWaterMark: 1 << 20, autoClose: false });
  return Readable.toWeb(node) as unknown as ReadableStream<Uint8Array>;
}

/** Size of stdin when it is a regular file (for progress), else undefined. */
export function stdinSize(): number | undefined {
  try {
    const st = fstatSync(0);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Drains a stream into a temporary file, then (only if the whole stream succeeded) copies it to
 * stdout. Memory stays bounded; a failure leaves stdout empty.
 */
export async function spoolToStdout(stream: ReadableStream<Uint8Array>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lockpane-'));
  const file = path.join(dir, 'out');
  try {
    await pipeline(Readable.fromWeb(stream as unknown as import('node:stream/web').ReadableStream<Uint8Array>), createWriteStream(file, { mode: 0o600 }));
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), createWriteStream('', { fd: 1, autoClose: false }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A private temporary directory, removed by the returned cleanup. */
export function spoolDir(): { file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lockpane-'));
  return { file: (name) => path.join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Copies a finished spool file (or byte ranges of it) to stdout. Ranges are cut out of large
 * sequential reads, so many small ranges (8 KiB literal chunks from GnuPG) cost no extra reads.
 */
export async function fileToStdout(file: string, segments?: [number, number][]): Promise<void> {
  const out = createWriteStream('', { fd: 1, autoClose: false });
  if (!segments) {
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), out);
    return;
  }
  await pipeline(Readable.from(segmentBlocks(file, segments)), out);
}

const BLOCK = 1 << 20;

/** The bytes of `segments` (ascending, disjoint) in blocks of about 1 MiB. */
async function* segmentBlocks(file: string, segments: [number, number][]): AsyncGenerator<Buffer> {
  const fh = await open(file, 'r');
  try {
    let out = Buffer.allocUnsafe(BLOCK);
    let fill = 0;
    const block = Buffer.allocUnsafe(BLOCK);
    let blockStart = 0;
    let blockLen = 0;
    for (const [start, end] of segments) {
      let pos = start;
      while (pos < end) {
        if (pos < blockStart || pos >= blockStart + blockLen) {
          const { bytesRead } = await fh.read(block, 0, BLOCK, pos);
          if (bytesRead === 0) throw new Error('spool file ended early');
          blockStart = pos;
          blockLen = bytesRead;
        }
        const n = Math.min(end, blockStart + blockLen) - pos;
        const take = Math.min(n, BLOCK - fill);
        block.copy(out, fill, pos - blockStart, pos - blockStart + take);
        fill += take;
        pos += take;
        if (fill === BLOCK) { yield out; out = Buffer.allocUnsafe(BLOCK); fill = 0; }
      }
    }
    if (fill) yield out.subarray(0, fill);
  } finally {
    await fh.close();
  }
}

/** stdin as an async iterable of Buffers (1 MiB reads). */
export function stdinIterable(): AsyncIterable<Buffer> {
  return createReadStream('', { fd: 0, highWaterMark: 1 << 20, autoClose: false }) as AsyncIterable<Buffer>;
}

/** stdin as an async iterator of Buffers (1 MiB reads). */
export function stdinChunks(): AsyncIterator<Buffer> {
  return createReadStream('', { fd: 0, highWaterMark: 1 << 20, autoClose: false })[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
}

/** A WHATWG byte stream over an async iterable of Buffers. */
export function webStreamOf(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  return Readable.toWeb(Readable.from(source, { objectMode: false })) as unknown as ReadableStream<Uint8Array>;
}

export type Output = { stream: WriteStream; commit(): Promise<void>; abort(): Promise<void>; cleanup(): void };

/**
 * Where a streamed result goes. When stdout is a regular file it is written in place and cut
 * back to its old length on failure; otherwise the result is spooled and copied on commit.
 * Either way, a failure leaves stdout as it was.
 */
export function openOutput(): Output {
  let st: ReturnType<typeof fstatSync> | null;
  try { st = fstatSync(1); } catch { st = null; }
  // In place only when writing at the end of the file (after `>` or `>>`): cutting back then loses nothing.
  if (st?.isFile() && stdoutPosition(st.size) === st.size) {
    const start = st.size;
    const stream = createWriteStream('', { fd: 1, autoClose: false, start });
    return {
      stream,
      commit: async () => { /* already in place */ },
      abort: async () => {
        // let queued writes land first, or one could extend the file again after the cut
        stream.on('error', () => { /* the cut below is what matters */ });
        await new Promise<void>((resolve) => {
          if (stream.writableFinished || stream.destroyed) resolve();
          else stream.end(() => resolve());
        });
        try { ftruncateSync(1, start); } catch { /* nothing more to do */ }
      },
      cleanup: () => { /* nothing */ },
    };
  }
  const spool = spoolDir();
  const file = spool.file('out');
  const stream = createWriteStream(file, { mode: 0o600 });
  return { stream, commit: () => fileToStdout(file), abort: async () => { stream.on('error', () => { /* spool only */ }); stream.destroy(); }, cleanup: spool.cleanup };
}

/**
 * Where our output starts in a regular-file stdout: its current offset, or its size when it was
 * opened for appending (`>>`), so that cutting back on failure never removes earlier content.
 */
function stdoutPosition(size: number): number {
  try {
    const info = readFileSync('/proc/self/fdinfo/1', 'utf8');
    const pos = /^pos:\s+(\d+)/m.exec(info);
    const flags = /^flags:\s+([0-7]+)/m.exec(info);
    if (!pos || !flags) return size;
    const O_APPEND = 0o2000;
    return (parseInt(flags[1]!, 8) & O_APPEND) ? size : Number(pos[1]);
  } catch {
    return size;
  }
}
