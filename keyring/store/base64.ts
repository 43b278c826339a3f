/** Base64 without Buffer, so it runs in the MV3 worker as well as in Node. */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    bin += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(bin);
}

/** Throws on malformed input (atob does), which callers turn into typed errors. */
/** Bytes backed by a plain ArrayBuffer, which WebCrypto's BufferSource requires under TS 5.9. */
export type Bytes = Uint8Array<ArrayBuffer>;

export function fromBase64(text: string): Bytes {
  const bin = atob(text.replace(/\s+/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** A copy on a fresh ArrayBuffer (WebCrypto rejects views on SharedArrayBuffer-typed buffers). */
export function plainBytes(b: Uint8Array): Bytes {
  return new Uint8Array(b);
}
