/** PEM armour (RFC 7468): find labelled blocks; accept raw DER when the input is not text. */
import { LockpaneError } from '../errors';
import { base64Decode, base64Encode, latin1String } from '../bytes/base64';

export type PemBlock = { label: string; der: Uint8Array };

const pemRe = /-----BEGIN ([A-Z0-9 ]{1,64})-----([\s\S]*?)-----END \1-----/g;

/** Empty, or only white space (an empty file saved by an editor). */
export function isBlank(data: Uint8Array): boolean {
  return data.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d);
}

export function looksLikePem(data: Uint8Array): boolean {
  const head = latin1String(data.subarray(0, Math.min(data.length, 4096)));
  return head.includes('-----BEGIN ');
}

/** All PEM blocks in the input, in order. Bad base64 inside a block is bad-data. */
export function decodePemBlocks(data: Uint8Array | string): PemBlock[] {
  const text = typeof data === 'string' ? data : latin1String(data);
  const out: PemBlock[] = [];
  let end = 0;
  for (const m of text.matchAll(pemRe)) {
    unterminated(text.slice(end, m.index));
    end = m.index + m[0].length;
    const body = m[2]!;
    // RFC 1421 headers (Proc-Type/DEK-Info) mean legacy OpenSSL encryption, which we do not read.
    if (/^[A-Za-z-]+:/m.test(body)) {
      throw new LockpaneError('unsupported-algorithm', `PEM "${m[1]}" uses legacy header encryption; convert it to PKCS#8`);
    }
    try {
      out.push({ label: m[1]!, der: base64Decode(body) });
    } catch (e) {
      throw new LockpaneError('bad-data', `PEM block "${m[1]}": ${e instanceof Error ? e.message : 'unreadable base64'}`, { cause: e });
    }
  }
  unterminated(text.slice(end));
  return out;
}

/** A BEGIN line outside every complete block: the file was cut off (or its END line damaged). */
function unterminated(between: string): void {
  const begin = /-----BEGIN ([A-Z0-9 ]{1,64})-----/.exec(between);
  if (begin) throw new LockpaneError('bad-data', `truncated PEM block "${begin[1]}": it has no "-----END ${begin[1]}-----" line`);
}

export function encodePem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${base64Encode(der, 64).replace(/\r\n/g, '\n')}-----END ${label}-----\n`;
}
