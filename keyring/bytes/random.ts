import { toBase64Url } from './base64';

/** An unguessable URL-safe token of `bytes` random bytes (WebCrypto), for ids and capabilities. */
export function randomToken(bytes: number): string {
  return toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(bytes)));
}
