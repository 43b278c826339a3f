import { toHex } from './hex';
import { toBase64Url } from './base64';

/** An unguessable URL-safe token of `bytes` random bytes (WebCrypto), for ids and capabilities. */
export function randomToken(bytes: number): string {
  return toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(bytes)));
}

/** `bytes` random bytes as lower-case hex (MIME boundaries). */
export function randomHex(bytes: number): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(bytes)));
}
