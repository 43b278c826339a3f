/**
 * A small, generic MIME entity layer (RFC 2045/2046) that works on bytes, so signed content can
 * be taken exactly as received: split header and body, read header fields and Content-Type
 * parameters, find multipart body parts by byte range, canonicalise line endings, build entities.
 * Shared by S/MIME and (later) PGP/MIME.
 */
import { randomHex } from '../bytes/random';
import { LockpaneError } from '../errors';
import { base64Decode, base64EncodeBytes, latin1Bytes, latin1String, type DecodeOptions } from '../bytes/base64';

export type HeaderField = { name: string; value: string };
export type Entity = { headers: HeaderField[]; headerEnd: number; bodyStart: number; body: Uint8Array };

/** Limits: refuse absurd headers fast. */
const maxHeaderBytes = 256 * 1024;

/**
 * Splits an entity at the first empty line (CRLF CRLF or bare LF LF, for LF-mangled mail).
 * An input with no empty line is all header when it looks like one, else bad-data.
 */
export function parseEntity(data: Uint8Array): Entity {
  let end = -1;
  let bodyStart = -1;
  const limit = Math.min(data.length, maxHeaderBytes);
  if (data[0] === 13 && data[1] === 10) { end = 0; bodyStart = 2; } else if (data[0] === 10) { end = 0; bodyStart = 1; }
  for (let i = 0; end < 0 && i < limit; i++) {
    if (data[i] !== 10) continue;
    if (data[i + 1] === 10) { end = i + 1; bodyStart = i + 2; } else if (data[i + 1] === 13 && data[i + 2] === 10) { end = i + 1; bodyStart = i + 3; }
  }
  if (end < 0) {
    if (data.length > maxHeaderBytes) throw new LockpaneError('too-large', 'MIME header section is too large');
    end = data.length;
    bodyStart = data.length;
  }
  const headers = parseHeaderFields(latin1String(data.subarray(0, end)));
  return { headers, headerEnd: end, bodyStart, body: data.subarray(bodyStart) };
}

export function parseHeaderFields(text: string): HeaderField[] {
  const out: HeaderField[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    if ((line[0] === ' ' || line[0] === '\t') && out.length > 0) {
      out[out.length - 1]!.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || /[\s]/.test(line.slice(0, colon))) throw new LockpaneError('bad-data', 'malformed MIME header line');
    out.push({ name: line.slice(0, colon), value: line.slice(colon + 1).trim() });
  }
  return out;
}

export function headerValue(headers: readonly HeaderField[], name: string): string | undefined {
  const l = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === l)?.value;
}

export function headerValues(headers: readonly HeaderField[], name: string): string[] {
  const l = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === l).map((h) => h.value);
}

export type ContentType = { type: string; subtype: string; mediaType: string; params: Record<string, string> };

/** Parses "type/subtype; a=b; c=\"d\"". Parameter names are lower-cased. Defaults to text/plain. */
export function parseContentType(value: string | undefined): ContentType {
  if (value === undefined || value.trim() === '') return { type: 'text', subtype: 'plain', mediaType: 'text/plain', params: {} };
  const m = /^\s*([^\s/;]+)\s*\/\s*([^\s;]+)\s*(.*)$/s.exec(value);
  if (m === null) throw new LockpaneError('bad-data', `malformed Content-Type "${value.slice(0, 80)}"`);
  const params: Record<string, string> = {};
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]*))/g;
  for (const p of m[3]!.matchAll(re)) {
    params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3]!;
  }
  const type = m[1]!.toLowerCase();
  const subtype = m[2]!.toLowerCase();
  return { type, subtype, mediaType: `${type}/${subtype}`, params };
}

/** Converts bare LF (and bare CR) to CRLF: the canonical form signed and encrypted (RFC 8551 §3.1.1). */
export function canonicalizeLineEndings(data: Uint8Array): Uint8Array {
  // Fast check with native scans: most input is already canonical and is returned as is.
  let bare = false;
  let prev = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if ((c === 10 && prev !== 13) || (prev === 13 && c !== 10)) { bare = true; break; }
    prev = c;
  }
  if (prev === 13) bare = true;
  if (!bare) return data;
  const out: number[] = [];
  const chunks: Uint8Array[] = [];
  let len = 0;
  const flush = (): void => { if (out.length > 0) { chunks.push(Uint8Array.from(out)); len += out.length; out.length = 0; } };
  let start = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    const isBareLf = c === 10 && (i === 0 || data[i - 1] !== 13);
    const isBareCr = c === 13 && data[i + 1] !== 10;
    if (!isBareLf && !isBareCr) continue;
    if (i > start) { flush(); chunks.push(data.subarray(start, i)); len += i - start; }
    out.push(13, 10);
    start = i + 1;
  }
  flush();
  if (start < data.length) { chunks.push(data.subarray(start)); len += data.length - start; }
  const result = new Uint8Array(len);
  let o = 0;
  for (const c of chunks) { result.set(c, o); o += c.length; }
  return result;
}

export type PartRange = { start: number; end: number };

function matchesAt(data: Uint8Array, pos: number, pat: Uint8Array): boolean {
  if (pos + pat.length > data.length) return false;
  for (let i = 0; i < pat.length; i++) if (data[pos + i] !== pat[i]) return false;
  return true;
}

/**
 * Byte ranges of the body parts of a multipart body (RFC 2046 §5.1.1). The line break before
 * each delimiter belongs to the delimiter. Accepts CRLF or bare LF line breaks.
 */
export function multipartParts(body: Uint8Array, boundary: string): { parts: PartRange[]; closed: boolean } {
  if (boundary.length === 0 || boundary.length > 200) throw new LockpaneError('bad-data', 'invalid multipart boundary');
  const dash = latin1Bytes(`--${boundary}`);
  const parts: PartRange[] = [];
  let partStart = -1;
  let pos = 0;
  while (pos <= body.length) {
    // `pos` is at a line start.
    if (matchesAt(body, pos, dash)) {
      let q = pos + dash.length;
      const closing = body[q] === 45 && body[q + 1] === 45;
      if (closing) q += 2;
      while (body[q] === 32 || body[q] === 9) q++;
      const eol = body[q] === 13 && body[q + 1] === 10 ? 2 : body[q] === 10 ? 1 : q >= body.length ? 0 : -1;
      if (eol >= 0) {
        if (partStart >= 0) {
          let end = pos;
          if (end > partStart && body[end - 1] === 10) end--;
          if (end > partStart && body[end - 1] === 13) end--;
          parts.push({ start: partStart, end: Math.max(end, partStart) });
        }
        if (closing) return { parts, closed: true };
        partStart = q + eol;
        pos = partStart;
        continue;
      }
    }
    const nl = body.indexOf(10, pos);
    if (nl < 0) break;
    pos = nl + 1;
  }
  return { parts, closed: false };
}

/** Decodes a body by its Content-Transfer-Encoding (base64, quoted-printable, 7bit/8bit/binary). */
export function decodeTransferEncoding(body: Uint8Array, encoding: string | undefined, opts: DecodeOptions = {}): Uint8Array {
  const e = (encoding ?? '7bit').trim().toLowerCase();
  if (e === 'base64') return base64Decode(body, opts);
  if (e === 'quoted-printable') return decodeQuotedPrintable(body);
  if (e === '7bit' || e === '8bit' || e === 'binary') return body;
  throw new LockpaneError('bad-data', `unknown Content-Transfer-Encoding "${e.slice(0, 40)}"`);
}

function decodeQuotedPrintable(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length);
  let o = 0;
  const hex = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== 61) { out[o++] = c; continue; }
    if (body[i + 1] === 13 && body[i + 2] === 10) { i += 2; continue; }
    if (body[i + 1] === 10) { i += 1; continue; }
    const h = hex(body[i + 1] ?? 0);
    const l = hex(body[i + 2] ?? 0);
    if (h < 0 || l < 0) { out[o++] = c; continue; }
    out[o++] = h * 16 + l;
    i += 2;
  }
  return out.slice(0, o);
}

/** Builds an entity: header fields (CRLF), an empty line, then the body as given. */
export function buildEntity(headers: readonly [string, string][], body: Uint8Array): Uint8Array {
  const head = latin1Bytes(`${headers.map(([n, v]) => `${n}: ${v}`).join('\r\n')}\r\n\r\n`);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

/** A base64 body wrapped at 76 columns with CRLF. */
export function base64Body(data: Uint8Array): Uint8Array {
  return base64EncodeBytes(data, 76);
}

export function randomBoundary(): string {
  return `----=_lockpane_${randomHex(18)}`;
}
