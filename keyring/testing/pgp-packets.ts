/**
 * Test-only builders for hostile OpenPGP packets (never imported by product code; uses Node crypto).
 * They let the tests make messages that no well-behaved library would emit: SED packets, broken
 * MDCs, compression bombs, extra literal packets next to signed ones.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { deflateRawSync, deflateSync } from 'node:zlib';
import * as openpgp from 'openpgp';

/** A new-format packet header + body. */
export function packet(tag: number, body: Uint8Array): Uint8Array {
  const len = body.length;
  let header: number[];
  if (len < 192) header = [0xc0 | tag, len];
  else if (len < 8384) header = [0xc0 | tag, ((len - 192) >> 8) + 192, (len - 192) & 0xff];
  else header = [0xc0 | tag, 0xff, (len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff];
  return Buffer.concat([Buffer.from(header), body]);
}

/** Literal data packet (tag 11), binary format. */
export function literalPacket(data: Uint8Array, filename = ''): Uint8Array {
  const name = Buffer.from(filename, 'utf8');
  const body = Buffer.concat([Buffer.from([0x62, name.length]), name, Buffer.from([0, 0, 0, 0]), data]);
  return packet(11, body);
}

/** Compressed data packet (tag 8) over `inner` packet bytes: 1 = ZIP (raw deflate), 2 = ZLIB. */
export function compressedPacket(inner: Uint8Array, algorithm: 1 | 2 = 2): Uint8Array {
  const compressed = algorithm === 1 ? deflateRawSync(inner, { level: 9 }) : deflateSync(inner, { level: 9 });
  return packet(8, Buffer.concat([Buffer.from([algorithm]), compressed]));
}

/**
 * A compressed packet whose literal inflates to `size` zero bytes, built without holding the
 * literal in memory twice: only the literal header and the zeros go through deflate.
 */
export function compressionBomb(size: number): Uint8Array {
  const zeros = Buffer.alloc(size);
  const literal = literalPacket(zeros);
  return compressedPacket(literal, 2);
}

export type SessionKey = { algorithm: 'aes128' | 'aes256'; data: Uint8Array };

export function randomSessionKey(algorithm: 'aes128' | 'aes256' = 'aes128'): SessionKey {
  return { algorithm, data: randomBytes(algorithm === 'aes128' ? 16 : 32) };
}

/** An SKESK for `password` that carries `sessionKey` (made by openpgp.js). */
export async function skesk(sessionKey: SessionKey, password: string): Promise<Uint8Array> {
  return openpgp.encryptSessionKey({ data: sessionKey.data, algorithm: sessionKey.algorithm, passwords: [password], format: 'binary',
    config: { aeadProtect: false } });
}

/** A PKESK to `key` that carries `sessionKey` (SEIPDv1 style, v3 PKESK). */
export async function pkesk(sessionKey: SessionKey, key: openpgp.PublicKey): Promise<Uint8Array> {
  return openpgp.encryptSessionKey({ data: sessionKey.data, algorithm: sessionKey.algorithm, encryptionKeys: [key], format: 'binary',
    config: { aeadProtect: false } });
}

function cfbName(sk: SessionKey): string {
  return sk.algorithm === 'aes128' ? 'aes-128-cfb' : 'aes-256-cfb';
}

/** SEIPDv1 (tag 18) over arbitrary inner packet bytes, with a correct MDC unless `breakMdc`. */
export function seipdV1(sessionKey: SessionKey, inner: Uint8Array, options: { breakMdc?: boolean } = {}): Uint8Array {
  const prefix = randomBytes(16);
  const fullPrefix = Buffer.concat([prefix, prefix.subarray(14, 16)]);
  const mdcHeader = Buffer.from([0xd3, 0x14]);
  const hash = createHash('sha1').update(fullPrefix).update(inner).update(mdcHeader).digest();
  if (options.breakMdc) hash[0]! ^= 0x01;
  const plaintext = Buffer.concat([fullPrefix, inner, mdcHeader, hash]);
  const cipher = createCipheriv(cfbName(sessionKey), sessionKey.data, Buffer.alloc(16));
  const encrypted = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return packet(18, Buffer.concat([Buffer.from([1]), encrypted]));
}

/** A legacy SED packet (tag 9, no integrity protection), OpenPGP CFB with resync. */
export function sed(sessionKey: SessionKey, inner: Uint8Array): Uint8Array {
  const prefix = randomBytes(16);
  const fullPrefix = Buffer.concat([prefix, prefix.subarray(14, 16)]);
  const c1 = createCipheriv(cfbName(sessionKey), sessionKey.data, Buffer.alloc(16));
  const head = Buffer.concat([c1.update(fullPrefix), c1.final()]);
  const c2 = createCipheriv(cfbName(sessionKey), sessionKey.data, head.subarray(2, 18));
  const body = Buffer.concat([c2.update(inner), c2.final()]);
  return packet(9, Buffer.concat([head, body]));
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

/** Armors binary message bytes as a PGP MESSAGE. */
export function armorMessage(bytes: Uint8Array): string {
  return openpgp.armor(openpgp.enums.armor.message, bytes);
}
