/**
 * RFC 2047 encoded words in header values ("=?UTF-8?B?...?=", "=?ISO-8859-1?Q?...?="), enough to show
 * a protected Subject or address. Unknown charsets and broken words stay as written.
 */
import { base64Decode, base64Encode, latin1Bytes } from '../bytes/base64';

const word = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

function qBytes(text: string): Uint8Array {
  const bin = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return latin1Bytes(bin);
}

function decodeWord(charset: string, encoding: string, text: string): string | null {
  try {
    const bytes = encoding.toUpperCase() === 'B' ? base64Decode(latin1Bytes(text)) : qBytes(text);
    // RFC 2231 language suffix: "UTF-8*de"
    return new TextDecoder(charset.replace(/\*.*$/, ''), { fatal: false }).decode(bytes);
  } catch {
    return null;
  }
}

export function decodeEncodedWords(value: string): string {
  // White space between two adjacent encoded words is not part of the text (RFC 2047 §6.2).
  const joined = value.replace(/(\?=)\s+(?==\?)/g, '$1');
  return joined.replace(word, (all, charset: string, enc: string, text: string) => decodeWord(charset, enc, text) ?? all);
}

/**
 * A header value safe for any mail path: printable ASCII as is, anything else as UTF-8 base64 encoded
 * words of at most 75 characters, folded onto continuation lines (RFC 2047 §2, §5).
 */
export function encodeHeaderValue(value: string): string {
  const oneLine = value.replace(/[\r\n]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(oneLine) && !/=\?/.test(oneLine)) return oneLine;
  const words: string[] = [];
  let chunk = '';
  for (const ch of oneLine) {
    // 39 bytes of UTF-8 make 52 base64 characters: a word of 64, and a first line with "Subject: " under 78.
    if (new TextEncoder().encode(chunk + ch).length > 39) { words.push(chunk); chunk = ''; }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?utf-8?B?${base64Encode(new TextEncoder().encode(w))}?=`).join('\r\n ');
}
