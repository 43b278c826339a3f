/** PEM armour (RFC 7468): find labelled blocks; accept raw DER when the input is not text. */
import { LockpaneError } from '../errors';
import { base64Decode, base64Encode, latin1String } from '../bytes/base64';

export type PemBlock = { label: string; der: Uint8Array };

const pemRe = /-----BEGIN ([A-Z0-9 ]{1,64})-----([\s\S]*?)-----END \1-----/g;

export function looksLikePem(data: Uint8Array): boolean {
  const head = latin1String(data.subarray(0, Math.min(data.length, 4096)));
  return head.includes('-----BEGIN ');
}

/** All PEM blocks in the input, in order. Bad base64 inside a block is bad-data. */
export function decodePemBlocks(data: Uint8Array | string): PemBlock[] {
  const text = typeof data === 'string' ? data : latin1String(data);
  const out: PemBlock[] = [];
  for (const m of text.matchAll(pemRe)) {
    const body = m[2]!;
    // RFC 1421 headers (Proc-Type/DEK-Info) mean legacy OpenSSL encryption, which we do not read.
    if (/^[A-Za-z-]+:/m.test(body)) {
      throw new LockpaneError('unsupported-algorithm', `PEM "${m[1]}" uses legacy header encryption; convert it to PKCS#8`);
    }
    out.push({ label: m[1]!, der: base64Decode(body) });
  }
  return out;
}

export function encodePem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${base64Encode(der, 64).replace(/\r\n/g, '\n')}-----END ${label}-----\n`;
}
