/** Byte-level helpers for RFC 3156: CRLF canonicalisation and boundary scanning on raw bytes. */

/** Converts every bare LF (and bare CR) to CRLF; existing CRLFs stay as they are. */
export function toCrlf(bytes: Uint8Array): Uint8Array {
  let extra = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a && bytes[i - 1] !== 0x0d) extra++;
    else if (b === 0x0d && bytes[i + 1] !== 0x0a) extra++;
  }
  if (extra === 0) return bytes;
  const out = new Uint8Array(bytes.length + extra);
  let j = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a && bytes[i - 1] !== 0x0d) { out[j++] = 0x0d; out[j++] = 0x0a; }
    else if (b === 0x0d && bytes[i + 1] !== 0x0a) { out[j++] = 0x0d; out[j++] = 0x0a; }
    else out[j++] = b;
  }
  return out;
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Splits the header block from the body (at the first empty line of a CRLF message). */
export function splitHeaders(crlf: Uint8Array): { headers: string; body: Uint8Array } {
  const at = indexOf(crlf, new Uint8Array([0x0d, 0x0a, 0x0d, 0x0a]), 0);
  if (at < 0) return { headers: new TextDecoder('latin1').decode(crlf), body: new Uint8Array() };
  return { headers: new TextDecoder('latin1').decode(crlf.subarray(0, at)), body: crlf.subarray(at + 4) };
}

/** Value of one header (unfolded), or null. */
export function headerValue(headers: string, name: string): string | null {
  const unfolded = headers.replace(/\r\n[ \t]+/g, ' ');
  for (const line of unfolded.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name.toLowerCase()) return line.slice(colon + 1).trim();
  }
  return null;
}

/** A Content-Type parameter (quoted or token). */
export function param(value: string, name: string): string | null {
  const re = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i');
  const m = re.exec(value);
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? null);
}

/**
 * The body parts of a multipart body, as exact byte ranges (RFC 2046 §5.1.1): each part is what
 * lies between the CRLF that ends a delimiter line and the CRLF that precedes the next one.
 */
export function multipartParts(body: Uint8Array, boundary: string): Uint8Array[] {
  const enc = new TextEncoder();
  const delim = enc.encode(`--${boundary}`);
  const starts: { start: number; end: number; close: boolean }[] = [];
  let pos = 0;
  for (;;) {
    const at = indexOf(body, delim, pos);
    if (at < 0) break;
    const atLineStart = at === 0 || (body[at - 1] === 0x0a && body[at - 2] === 0x0d);
    pos = at + delim.length;
    if (!atLineStart) continue;
    const close = body[pos] === 0x2d && body[pos + 1] === 0x2d;
    let lineEnd = indexOf(body, new Uint8Array([0x0d, 0x0a]), pos);
    if (lineEnd < 0) lineEnd = body.length; else lineEnd += 2;
    // the CRLF before the delimiter belongs to the delimiter
    starts.push({ start: at === 0 ? 0 : at - 2, end: lineEnd, close });
    if (close) break;
  }
  const parts: Uint8Array[] = [];
  for (let i = 0; i + 1 < starts.length; i++) {
    const cur = starts[i]!;
    if (cur.close) break;
    parts.push(body.subarray(cur.end, starts[i + 1]!.start));
  }
  return parts;
}
