/**
 * The MIME entity of an S/MIME mail with attachments: multipart/mixed with the text first, then each file
 * as a base64 application/octet-stream part. It is signed and encrypted as a whole, so file names and
 * types are protected too.
 */
import { base64Body, buildEntity, randomBoundary } from '../../../keyring/mime/entity';
import type { StagedFile } from './attachment-staging';

/** A filename parameter: quoted when plain ASCII, else RFC 2231 (UTF-8, percent-encoded). */
export function filenameParam(param: 'name' | 'filename', name: string): string {
  if (/^[\x20-\x7e]*$/.test(name) && !/["\\]/.test(name)) return `${param}="${name}"`;
  const encoded = Array.from(new TextEncoder().encode(name), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9!#$&+.^_`|~-]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
  return `${param}*=utf-8''${encoded}`;
}

function filePart(file: StagedFile): Uint8Array {
  return buildEntity([
    ['Content-Type', `application/octet-stream; ${filenameParam('name', file.name)}`],
    ['Content-Transfer-Encoding', 'base64'],
    ['Content-Disposition', `attachment; ${filenameParam('filename', file.name)}`],
  ], base64Body(file.bytes));
}

/** `text`: the body entity (headers included); `files`: in the order the user added them. */
export function mixedEntity(text: Uint8Array, files: readonly StagedFile[]): Uint8Array {
  const boundary = randomBoundary();
  const enc = new TextEncoder();
  const pieces: Uint8Array[] = [];
  for (const part of [text, ...files.map(filePart)]) {
    pieces.push(enc.encode(`--${boundary}\r\n`), part, enc.encode('\r\n'));
  }
  pieces.push(enc.encode(`--${boundary}--\r\n`));
  const body = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    body.set(p, at);
    at += p.length;
  }
  return buildEntity([['MIME-Version', '1.0'], ['Content-Type', `multipart/mixed; boundary="${boundary}"`]], body);
}
