/**
 * SOP "indirect data" for both command families: a file name, `@FD:n` or `@ENV:NAME` for inputs,
 * a file name or `@FD:n` for outputs. No command ever overwrites a file: an output must not exist
 * (checked before any work, and again atomically when it is created), else OUTPUT_EXISTS (59).
 */
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { EXIT, CliError } from './exit-codes';
import { writeAll } from './stdio';

const special = /^@([A-Za-z]+):(.*)$/;

/** A plain Uint8Array over a Buffer's bytes (Buffer's slice() does not copy; callers expect the standard one). */
const plain = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.length);

/** Reads SOP indirect input: a file name, @FD:n or @ENV:NAME. */
export function readIndirect(name: string): Uint8Array {
  const m = special.exec(name);
  if (m && !existsSync(name)) {
    const [, kind, rest] = m;
    if (kind === 'FD') {
      const fd = Number(rest);
      if (!Number.isInteger(fd) || fd < 0) throw new CliError(EXIT.MISSING_INPUT, `bad file descriptor in ${name}`);
      try { return plain(readFileSync(fd)); } catch { throw new CliError(EXIT.MISSING_INPUT, `cannot read ${name}`); }
    }
    if (kind === 'ENV') {
      const v = process.env[rest ?? ''];
      if (v === undefined) throw new CliError(EXIT.MISSING_INPUT, `environment variable ${rest} is not set`);
      return plain(Buffer.from(v, 'utf8'));
    }
    throw new CliError(EXIT.UNSUPPORTED_SPECIAL_PREFIX, `unsupported special prefix in ${name}`);
  }
  if (m && existsSync(name)) throw new CliError(EXIT.AMBIGUOUS_INPUT, `"${name}" is both a special designator and an existing file`);
  try {
    return plain(readFileSync(name));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : 'cannot read it';
    throw new CliError(EXIT.MISSING_INPUT, `cannot read input file ${name}: ${why}`);
  }
}

/** True for anything already at the path, including a dangling symbolic link. */
function occupied(name: string): boolean {
  try { lstatSync(name); return true; } catch { return false; }
}

/** Checks that an indirect output can be written (call it before any work is done). */
export function checkOutput(name: string): void {
  const m = special.exec(name);
  if (m && !occupied(name)) {
    if (m[1] !== 'FD') throw new CliError(EXIT.UNSUPPORTED_SPECIAL_PREFIX, `unsupported special prefix for output ${name}`);
    return;
  }
  if (occupied(name)) throw new CliError(EXIT.OUTPUT_EXISTS, `output file ${name} already exists; Lockpane never overwrites a file`);
}

/** Writes an indirect output; the file is created exclusively, so one that appeared meanwhile is left alone. */
export function writeIndirect(name: string, data: Uint8Array | string): void {
  const m = special.exec(name);
  if (m && !occupied(name)) {
    writeAll(Number(m[2]), data);
    return;
  }
  try {
    writeFileSync(name, data, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(EXIT.OUTPUT_EXISTS, `output file ${name} already exists; Lockpane never overwrites a file`);
    throw new CliError(EXIT.GENERIC, `cannot write ${name}: ${(e as Error).message}`);
  }
}
