/**
 * What the packet engine needs from its host, injected so the engine itself uses no Node API and the
 * extension's worker can run the same code: AES-CFB and SHA-1 (WebCrypto has no CFB mode), random
 * bytes, a sink for output and a spool for plaintext that must wait for the integrity check.
 * keyring/cli/sop/engine-node.ts provides them over node:crypto and node:fs.
 */

/** A stream cipher or decipher: update() returns what is ready, final() the rest. */
export type StreamCipher = { update(data: Uint8Array): Uint8Array; final(): Uint8Array };
export type Hash = { update(data: Uint8Array): void; digest(): Uint8Array };
export type CfbAlgorithm = 'aes128' | 'aes192' | 'aes256';

export type EngineCrypto = {
  /** AES-CFB with a zero IV (OpenPGP's SEIPDv1 mode: the IV is the encrypted random prefix). */
  cfb(algorithm: CfbAlgorithm, key: Uint8Array, direction: 'encrypt' | 'decrypt'): StreamCipher;
  sha1(): Hash;
  randomBytes(n: number): Uint8Array;
};

/** Where bytes go; write() resolves when the sink can take more (back-pressure). */
export type ByteSink = { write(chunk: Uint8Array): Promise<void>; close(): Promise<void>; abort(): void };

/** A private, write-once-then-read file (or buffer) for data held back until it is authenticated. */
export type SpoolFile = ByteSink & {
  /** All of it as a byte stream, in large chunks. */
  stream(): ReadableStream<Uint8Array>;
};

export type Spool = { create(name: string): Promise<SpoolFile> };

export { concatBytes } from '../../bytes/concat';

export function readU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}
