/**
 * Input and output for `lockpane sop`: stdin, stdout only on success, and SOP "indirect data"
 * (a file name, `@FD:n` or `@ENV:NAME`). Large outputs are spooled to a temporary file so that
 * nothing partial reaches stdout when a later step fails (e.g. an integrity check at the end).
 */
import { createReadStream, createWriteStream, existsSync, fstatSync, ftruncateSync, mkdtempSync, readFileSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { open } from 'node:fs/promises';
import { EXIT, SopError } from './exit-codes';
import { writeAll } from '../stdio';

export { readStdin, writeStdout } from '../stdio';

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

const special = /^@([A-Za-z]+):(.*)$/;

/** Reads SOP indirect input: a file name, @FD:n or @ENV:NAME. */
export function readIndirect(name: string): Uint8Array {
  const m = special.exec(name);
  if (m && !existsSync(name)) {
    const [, kind, rest] = m;
    if (kind === 'FD') {
      const fd = Number(rest);
      if (!Number.isInteger(fd) || fd < 0) throw new SopError(EXIT.MISSING_INPUT, `bad file descriptor in ${name}`);
      try { return readFileSync(fd); } catch { throw new SopError(EXIT.MISSING_INPUT, `cannot read ${name}`); }
    }
    if (kind === 'ENV') {
      const v = process.env[rest ?? ''];
      if (v === undefined) throw new SopError(EXIT.MISSING_INPUT, `environment variable ${rest} is not set`);
      return Buffer.from(v, 'utf8');
    }
    throw new SopError(EXIT.UNSUPPORTED_SPECIAL_PREFIX, `unsupported special prefix in ${name}`);
  }
  if (m && existsSync(name)) throw new SopError(EXIT.AMBIGUOUS_INPUT, `"${name}" is both a special designator and an existing file`);
  try {
    return readFileSync(name);
  } catch {
    throw new SopError(EXIT.MISSING_INPUT, `cannot read input file ${name}`);
  }
}

/** Checks that an indirect output can be written (before any work is done). */
export function checkOutput(name: string): void {
  const m = special.exec(name);
  if (m) {
    if (m[1] !== 'FD') throw new SopError(EXIT.UNSUPPORTED_SPECIAL_PREFIX, `unsupported special prefix for output ${name}`);
    return;
  }
  if (existsSync(name)) throw new SopError(EXIT.OUTPUT_EXISTS, `output file ${name} already exists`);
}

export function writeIndirect(name: string, data: Uint8Array | string): void {
  const m = special.exec(name);
  if (m) {
    const fd = Number(m[2]);
    writeAll(fd, data);
    return;
  }
  writeFileSync(name, data, { flag: 'wx' });
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

/** Copies a finished spool file (or byte ranges of it) to stdout. */
export async function fileToStdout(file: string, segments?: [number, number][]): Promise<void> {
  const out = createWriteStream('', { fd: 1, autoClose: false });
  if (!segments) {
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), out);
    return;
  }
  async function* ranges(): AsyncGenerator<Buffer> {
    const fh = await open(file, 'r');
    try {
      let buf = Buffer.alloc(1 << 20);
      let fill = 0;
      for (const [start, end] of segments!) {
        let pos = start;
        while (pos < end) {
          const n = Math.min(end - pos, buf.length - fill);
          const { bytesRead } = await fh.read(buf, fill, n, pos);
          if (bytesRead === 0) throw new Error('spool file ended early');
          fill += bytesRead;
          pos += bytesRead;
          if (fill === buf.length) { yield buf; buf = Buffer.alloc(1 << 20); fill = 0; }
        }
      }
      if (fill) yield buf.subarray(0, fill);
    } finally {
      await fh.close();
    }
  }
  await pipeline(Readable.from(ranges()), out);
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
export function webStreamOf(source: AsyncIterable<Buffer>): ReadableStream<Uint8Array> {
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
