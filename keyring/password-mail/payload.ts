/**
 * What a password-protected message carries, as one MIME entity (so `gpg --decrypt > mail.eml` gives a
 * mail any client opens): multipart/mixed with the text (text/plain, UTF-8), the attachments, and the
 * sender's public key (marked, so the HTML file takes it for the reply and does not list it). The key
 * rides inside the encryption, so a page or relay that swaps the file's outer key is caught.
 */
import { base64Body, buildEntity, decodeTransferEncoding, headerValue, multipartParts, parseContentType, parseEntity, randomBoundary } from '../mime/entity';
import { concatBytes } from '../bytes/concat';
import { latin1Bytes } from '../bytes/base64';
import { LockpaneError } from '../errors';

export type PayloadAttachment = { name: string; type: string; data: Uint8Array };

export type Payload = {
  subject: string;
  text: string;
  attachments: PayloadAttachment[];
  /** armored public key of the sender, for the reply */
  senderKey: string | null;
  /** random id the reply quotes, so the sender's Lockpane can say what it answers */
  replyRef: string | null;
};

const replyKeyHeader = 'Lockpane-Reply-Key';
const replyRefHeader = 'Lockpane-Reply-Ref';
const utf8 = new TextEncoder();

/** RFC 2231 extended parameter value: ASCII names stay readable, others are percent-encoded UTF-8. */
function extParam(name: string, value: string): string {
  if (/^[\x20-\x7e]*$/.test(value) && !/["\\]/.test(value)) return `${name}="${value}"`;
  return `${name}*=utf-8''${encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** RFC 2047 encoded word for a non-ASCII subject (base64, UTF-8). */
function encodedWord(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  let bin = '';
  for (const b of utf8.encode(value)) bin += String.fromCharCode(b);
  return `=?utf-8?B?${btoa(bin)}?=`;
}

function safeType(type: string): string {
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i.test(type) ? type.toLowerCase() : 'application/octet-stream';
}

export function buildPayload(p: Payload): Uint8Array {
  const boundary = randomBoundary();
  const parts: Uint8Array[] = [
    buildEntity([['Content-Type', 'text/plain; charset=utf-8'], ['Content-Transfer-Encoding', 'base64']], base64Body(utf8.encode(p.text))),
    ...p.attachments.map((a) => buildEntity([
      ['Content-Type', `${safeType(a.type)}; ${extParam('name', a.name)}`],
      ['Content-Disposition', `attachment; ${extParam('filename', a.name)}`],
      ['Content-Transfer-Encoding', 'base64'],
    ], base64Body(a.data))),
  ];
  if (p.senderKey) {
    parts.push(buildEntity([
      ['Content-Type', 'application/pgp-keys; name="sender-key.asc"'],
      ['Content-Disposition', 'attachment; filename="sender-key.asc"'],
      [replyKeyHeader, 'yes'],
    ], utf8.encode(p.senderKey.replace(/\r?\n/g, '\r\n'))));
  }
  const headers: [string, string][] = [['MIME-Version', '1.0'], ['Subject', encodedWord(p.subject)]];
  if (p.replyRef) headers.push([replyRefHeader, p.replyRef]);
  headers.push(['Content-Type', `multipart/mixed; boundary="${boundary}"`]);
  const body: Uint8Array[] = [];
  for (const part of parts) body.push(latin1Bytes(`--${boundary}\r\n`), part, latin1Bytes('\r\n'));
  body.push(latin1Bytes(`--${boundary}--\r\n`));
  return buildEntity(headers, concatBytes(body));
}

function decodeExtParam(params: Record<string, string>, name: string): string | undefined {
  const ext = params[`${name}*`];
  if (ext !== undefined) {
    const m = /^([^']*)'[^']*'(.*)$/.exec(ext);
    try { return decodeURIComponent(m ? m[2]! : ext); } catch { return ext; }
  }
  return params[name];
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?B\?([A-Za-z0-9+/=]*)\?=/gi, (_, b64: string) => {
    const bin = atob(b64);
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  });
}

function dispositionName(value: string | undefined): string | undefined {
  if (!value) return undefined;
  // Content-Disposition shares Content-Type's parameter syntax: parse it as "x/x; params".
  return decodeExtParam(parseContentType(`x/x;${value.split(';').slice(1).join(';')}`).params, 'filename');
}

/** Reads a payload built by buildPayload (or any simple multipart/mixed or text/plain entity). */
export function parsePayload(bytes: Uint8Array): Payload {
  const top = parseEntity(bytes);
  const ct = parseContentType(headerValue(top.headers, 'Content-Type'));
  const out: Payload = {
    subject: decodeWords(headerValue(top.headers, 'Subject') ?? ''), text: '', attachments: [], senderKey: null,
    replyRef: headerValue(top.headers, replyRefHeader)?.trim() ?? null,
  };
  if (ct.mediaType === 'text/plain') {
    out.text = new TextDecoder().decode(decodeTransferEncoding(top.body, headerValue(top.headers, 'Content-Transfer-Encoding')));
    return out;
  }
  const boundary = ct.params['boundary'];
  if (ct.mediaType !== 'multipart/mixed' || !boundary) throw new LockpaneError('bad-data', 'The protected message is not a MIME message this file can show.');
  const { parts } = multipartParts(top.body, boundary);
  let textSeen = false;
  for (const range of parts) {
    const e = parseEntity(top.body.subarray(range.start, range.end));
    const pct = parseContentType(headerValue(e.headers, 'Content-Type'));
    const data = decodeTransferEncoding(e.body, headerValue(e.headers, 'Content-Transfer-Encoding'));
    const disposition = headerValue(e.headers, 'Content-Disposition');
    if (headerValue(e.headers, replyKeyHeader) && pct.mediaType === 'application/pgp-keys') {
      out.senderKey = new TextDecoder().decode(data);
    } else if (!textSeen && pct.mediaType === 'text/plain' && !/^\s*attachment/i.test(disposition ?? '')) {
      out.text = new TextDecoder().decode(data);
      textSeen = true;
    } else {
      const name = dispositionName(disposition) ?? decodeExtParam(pct.params, 'name') ?? `attachment-${out.attachments.length + 1}`;
      out.attachments.push({ name, type: pct.mediaType, data });
    }
  }
  return out;
}
