/** Bytes backed by a plain ArrayBuffer, which WebCrypto's BufferSource requires under TS 5.9. */
export type Bytes = Uint8Array<ArrayBuffer>;

/** A copy on a fresh ArrayBuffer (WebCrypto rejects views on SharedArrayBuffer-typed buffers). */
export function plainBytes(b: Uint8Array): Bytes {
  return new Uint8Array(b);
}
