/**
 * Standard input and output for both command families (`lockpane sop`, `lockpane smime`). Writes are
 * synchronous and complete before they return, so a caller may reuse its buffer for the next block
 * (the S/MIME encoder does) and nothing is left queued when the process exits.
 */
import { createReadStream, fstatSync, readSync, writeSync } from 'node:fs';

/**
 * All of stdin. Redirected from a file (`< mail.eml`) it is one read of the known size; a pipe is read
 * in 1 MiB chunks and joined. The result is the caller's own buffer (it may decode into it in place).
 */
export async function readStdin(): Promise<Uint8Array> {
  const size = stdinFileSize();
  if (size > 0) {
    const out = new Uint8Array(size);
    let at = 0;
    while (at < out.length) {
      const n = readSync(0, out, at, out.length - at, null);
      if (n === 0) break;
      at += n;
    }
    return out.subarray(0, at);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream('', { fd: 0, highWaterMark: 1 << 20, autoClose: false })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function stdinFileSize(): number {
  try {
    const st = fstatSync(0);
    return st.isFile() ? st.size : 0;
  } catch {
    return 0; // closed or unusual stdin: the stream below reports it
  }
}

/** Writes all of `data` to `fd` before returning (a non-blocking pipe that is full is retried). */
export function writeAll(fd: number, data: Uint8Array | string): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let off = 0;
  while (off < bytes.length) {
    try {
      off += writeSync(fd, bytes, off, bytes.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      throw e;
    }
  }
}

export function writeStdout(data: Uint8Array | string): void {
  writeAll(1, data);
}
