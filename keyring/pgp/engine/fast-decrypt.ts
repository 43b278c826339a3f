/**
 * SEIPDv1 decryption with bounded memory. openpgp.js must hold a whole SEIPDv1 plaintext in memory
 * until the MDC at its end is checked; here the plaintext is decrypted with the host's AES-CFB,
 * hashed with SHA-1 on the fly and spooled (io.ts: the CLI spools to a private temporary file).
 * Only after the MDC matched is the spool parsed (by openpgp.js, grammar and limits as configured)
 * and its literal data released. Anything else (armored input, SEIPDv2, non-AES ciphers) returns
 * null with the consumed bytes available for replay, and the caller uses the general path.
 */
import * as openpgp from 'openpgp';
import { LockpaneError } from '../../errors';
import { configWith, mapPgpError, reportSignatures, type PgpKey, type PgpPrivateKey, type SessionKeyData, type SignatureReport } from '../index';
import { concatBytes, equalBytes, readU32, type CfbAlgorithm, type EngineCrypto, type Spool, type SpoolFile } from './io';
import { ByteReader, type PacketHeader } from './packet-reader';

const keyLength: Record<string, number> = { aes128: 16, aes192: 24, aes256: 32 };

export type FastDecryptOptions = {
  reader: ByteReader;
  decryptionKeys: PgpPrivateKey[];
  passwords: string[];
  sessionKeys: SessionKeyData[];
  verificationKeys: PgpKey[];
  maxDecompressedBytes: number;
  crypto: EngineCrypto;
  /** spools "inner" (the decrypted packets, until authenticated) and, when it is not one literal packet, "out" (the literal data) */
  spool: Spool;
};

/** `segments`: byte ranges of the spool's "inner" holding the literal data (single-literal case), else null and "out" holds it. */
export type FastDecryptResult = { signatures: SignatureReport[]; sessionKey: SessionKeyData; segments: [number, number][] | null };

/** Returns null (nothing decided, replay the reader) when the message is not binary SEIPDv1 with AES. */
export async function fastDecrypt(o: FastDecryptOptions): Promise<FastDecryptResult | null> {
  const r = o.reader;
  const esk: Uint8Array[] = [];
  for (;;) {
    if (await r.atEnd()) return null;
    let h;
    try { h = await r.header(); } catch { return null; }
    if (h.tag === 1 || h.tag === 3 || h.tag === 10) {
      if (h.partial || h.length === null || h.length > 1 << 20) return null;
      esk.push(h.raw, await r.take(h.length));
      continue;
    }
    if (h.tag !== 18) return null;
    const version = await r.take(1);
    if (version[0] !== 1) return null;
    return decryptSeipd(o, h, concatBytes(esk));
  }
}

async function sessionKeyCandidates(o: FastDecryptOptions, esk: Uint8Array): Promise<SessionKeyData[]> {
  if (o.sessionKeys.length) return o.sessionKeys;
  // The ESK packets followed by an empty SEIPDv1 form a valid message for openpgp.js to unwrap the session key.
  const shell = concatBytes([esk, Uint8Array.of(0xd2, 0x01, 0x01)]);
  try {
    const message = await openpgp.readMessage({ binaryMessage: shell, config: configWith({ maxDecompressedBytes: o.maxDecompressedBytes }) });
    const found = await openpgp.decryptSessionKeys({
      message, ...(o.decryptionKeys.length ? { decryptionKeys: o.decryptionKeys } : {}), ...(o.passwords.length ? { passwords: o.passwords } : {}),
      config: configWith({ maxDecompressedBytes: o.maxDecompressedBytes }),
    });
    return found.filter((k) => k.algorithm).map((k) => ({ algorithm: k.algorithm as string, data: k.data }));
  } catch (e) {
    throw mapPgpError(e, 'cannot-decrypt', 'Decrypting');
  }
}

async function decryptSeipd(o: FastDecryptOptions, h: PacketHeader, esk: Uint8Array): Promise<FastDecryptResult | null> {
  const r = o.reader;
  const candidates = await sessionKeyCandidates(o, esk);
  if (candidates.length === 0) throw new LockpaneError('cannot-decrypt', 'Decrypting: none of the given keys or passwords can decrypt this message.');
  if (candidates.some((c) => keyLength[c.algorithm] === undefined)) return null;
  r.stopRecording();
  const body = r.body(h.length === null ? h : { ...h, length: h.length - 1 }); // the version byte is already read
  // The first 18 bytes (random prefix + 2 repeated bytes) tell which candidate key is right.
  // (manual next(): breaking out of for-await would close the generator)
  let head: Uint8Array = new Uint8Array(0);
  const pending: Uint8Array[] = [];
  while (head.length < 18 + 22) {
    const next = await body.next();
    if (next.done) break;
    pending.push(next.value);
    head = concatBytes([head, next.value]);
  }
  if (head.length < 18) throw new LockpaneError('bad-data', 'Decrypting: the encrypted packet is too short.');
  const sessionKey = candidates.find((c) => {
    if (c.data.length !== keyLength[c.algorithm]) return false;
    const d = o.crypto.cfb(c.algorithm as CfbAlgorithm, c.data, 'decrypt').update(head.subarray(0, 18));
    return d[14] === d[16] && d[15] === d[17];
  });
  if (!sessionKey) throw new LockpaneError('cannot-decrypt', 'Decrypting: none of the given keys or passwords can decrypt this message.');

  const decipher = o.crypto.cfb(sessionKey.algorithm as CfbAlgorithm, sessionKey.data, 'decrypt');
  const sha1 = o.crypto.sha1();
  const inner = await o.spool.create('inner');
  let tail: Uint8Array = new Uint8Array(0);
  let prefixLeft = 18;
  let total = 0;
  const feed = async (cipherChunk: Uint8Array) => {
    const plain = decipher.update(cipherChunk);
    total += plain.length;
    const combined = tail.length ? concatBytes([tail, plain]) : plain;
    if (combined.length <= 22) { tail = combined.slice(); return; }
    const emit = combined.subarray(0, combined.length - 22);
    tail = combined.slice(combined.length - 22);
    sha1.update(emit);
    let out = emit;
    if (prefixLeft > 0) { const skip = Math.min(prefixLeft, out.length); out = out.subarray(skip); prefixLeft -= skip; }
    if (out.length) await inner.write(out);
  };
  try {
    for (const c of pending) await feed(c);
    for (let next = await body.next(); !next.done; next = await body.next()) await feed(next.value);
    decipher.final();
    await inner.close();
  } catch (e) {
    inner.abort();
    throw mapPgpError(e, 'bad-data', 'Decrypting');
  }
  if (total < 18 + 22 || prefixLeft > 0 || tail[0] !== 0xd3 || tail[1] !== 0x14) {
    throw new LockpaneError('integrity-failure', 'Decrypting: the message was modified or truncated: its integrity check failed.');
  }
  sha1.update(tail.subarray(0, 2));
  if (!equalBytes(sha1.digest(), tail.subarray(2))) {
    throw new LockpaneError('integrity-failure', 'Decrypting: the message was modified or truncated: its integrity check failed.');
  }
  if (!await r.atEnd()) throw new LockpaneError('bad-data', 'Decrypting: unexpected data after the encrypted packet.');

  // Authenticated. The common case, one literal packet and nothing else, is served straight from
  // the spool file; anything else (compression, signatures) is parsed by openpgp.js.
  const segments = await singleLiteralSegments(inner);
  if (segments) return { signatures: [], sessionKey, segments };
  const config = configWith({ maxDecompressedBytes: o.maxDecompressedBytes });
  try {
    const message = await openpgp.readMessage({ binaryMessage: inner.stream(), config });
    const result = await openpgp.verify({ message, verificationKeys: o.verificationKeys, format: 'binary', config });
    const out = await o.spool.create('out');
    const reader = (result.data as unknown as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await out.write(value);
      }
    } finally {
      await out.close();
    }
    const signatures = await reportSignatures(result.signatures, o.verificationKeys);
    return { signatures, sessionKey, segments: null };
  } catch (e) {
    throw mapPgpError(e, 'bad-data', 'Decrypting');
  }
}

/**
 * If the spool holds exactly one literal data packet, the byte ranges of its data (partial-length
 * chunk headers skipped); otherwise null. Reads only packet headers.
 */
export async function singleLiteralSegments(file: SpoolFile): Promise<[number, number][] | null> {
  const size = await file.size();
  const readAt = async (pos: number, n: number): Promise<Uint8Array | null> => {
    const b = await file.readAt(pos, n);
    return b.length === n ? b : null;
  };
  const b = await readAt(0, 1);
  if (!b || (b[0]! & 0xc0) !== 0xc0 || (b[0]! & 0x3f) !== 11) return null; // new-format literal only
  let pos = 1;
  const lengthAt = async (): Promise<{ len: number; partial: boolean } | null> => {
    const c = await readAt(pos, 1);
    if (!c) return null;
    const o1 = c[0]!;
    if (o1 < 192) { pos += 1; return { len: o1, partial: false }; }
    if (o1 < 224) { const d = await readAt(pos, 2); if (!d) return null; pos += 2; return { len: ((d[0]! - 192) << 8) + d[1]! + 192, partial: false }; }
    if (o1 === 255) { const d = await readAt(pos, 5); if (!d) return null; pos += 5; return { len: readU32(d, 1), partial: false }; }
    pos += 1;
    return { len: 1 << (o1 & 0x1f), partial: true };
  };
  const chunks: [number, number][] = [];
  for (;;) {
    const l = await lengthAt();
    if (!l || pos + l.len > size) return null;
    chunks.push([pos, pos + l.len]);
    pos += l.len;
    if (!l.partial) break;
  }
  if (pos !== size) return null; // trailing packets: let openpgp.js judge them
  // Skip the literal header (format, name length, name, 4-byte date) from the front of the chunks.
  const first = chunks[0]!;
  const hdr = await readAt(first[0], 2);
  if (!hdr) return null;
  let skip = 2 + hdr[1]! + 4;
  const out: [number, number][] = [];
  for (const [st, e] of chunks) {
    const take = Math.min(skip, e - st);
    skip -= take;
    if (st + take < e) out.push([st + take, e]);
  }
  return skip === 0 ? out : null;
}
