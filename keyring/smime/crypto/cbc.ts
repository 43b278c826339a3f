/**
 * CBC decryption with PKCS#7 padding removal over an 8-byte block cipher, for the legacy ciphers
 * WebCrypto lacks (DES, RC2). Any length or padding problem throws the caller's `failure`, before the
 * key is even expanded when the lengths are wrong.
 */
export function cbcDecrypt8(
  blockDecrypter: () => (block: Uint8Array) => Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  failure: Error,
): Uint8Array {
  if (iv.length !== 8 || data.length === 0 || data.length % 8 !== 0) throw failure;
  const decryptBlock = blockDecrypter();
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let o = 0; o < data.length; o += 8) {
    const c = data.subarray(o, o + 8);
    const p = decryptBlock(c);
    for (let i = 0; i < 8; i++) out[o + i] = p[i]! ^ prev[i]!;
    prev = c;
  }
  const pad = out[out.length - 1]!;
  if (pad < 1 || pad > 8) throw failure;
  for (let i = out.length - pad; i < out.length; i++) if (out[i] !== pad) throw failure;
  return out.subarray(0, out.length - pad);
}
