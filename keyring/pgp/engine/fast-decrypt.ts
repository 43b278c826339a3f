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
import { concatBytes, equalBytes, type CfbAlgorithm, type EngineCrypto, type Spool } from './io';
import { coalesce } from './coalesce';
import { LiteralScanner } from './literal-scanner';
import { ByteReader, type PacketHeader } from './packet-reader';
import { passwordOnly, wrongPasswordOrChangedMessage } from '../password-ambiguity';

const keyLength: Record<string, number> = { aes128: 16, aes192: 24, aes256: 32 };
/** Cipher, hash and spool work in pieces of about this size, however small the sender's partial chunks (GnuPG: 8 KiB). */
const COALESCE_BYTES = 1 << 20;

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
  const scanner = new LiteralScanner();
  // The last 22 plaintext bytes (MDC packet) are held back from the hash and the spool until the end.
  let tail: Uint8Array = new Uint8Array(0);
  let prefixLeft = 18;
  let total = 0;
  const release = async (p: Uint8Array) => {
    sha1.update(p);
    let out = p;
    if (prefixLeft > 0) { const skip = Math.min(prefixLeft, out.length); out = out.subarray(skip); prefixLeft -= skip; }
    if (out.length) { scanner.update(out); await inner.write(out); }
  };
  const feed = async (cipherChunk: Uint8Array) => {
    const plain = decipher.update(cipherChunk);
    total += plain.length;
    if (plain.length < 22) { tail = concatBytes([tail, plain]); if (tail.length > 22) { await release(tail.subarray(0, tail.length - 22)); tail = tail.slice(tail.length - 22); } return; }
    // no copy of the chunk: the held-back tail and the chunk minus its own last 22 bytes go out as they are
    if (tail.length) await release(tail);
    await release(plain.subarray(0, plain.length - 22));
    tail = plain.slice(plain.length - 22);
  };
  try {
    for (const c of pending) await feed(c);
    for await (const c of coalesce(body, COALESCE_BYTES)) await feed(c);
    decipher.final();
    await inner.close();
  } catch (e) {
    inner.abort();
    throw mapPgpError(e, 'bad-data', 'Decrypting');
  }
  sha1.update(tail.subarray(0, 2));
  if (total < 18 + 22 || prefixLeft > 0 || tail[0] !== 0xd3 || tail[1] !== 0x14 || !equalBytes(sha1.digest(), tail.subarray(2))) {
    // SEIPDv1 goes with SKESK v4 only, which cannot prove a password: see password-ambiguity.ts.
    if (passwordOnly(o)) throw new LockpaneError('cannot-decrypt', wrongPasswordOrChangedMessage);
    throw new LockpaneError('integrity-failure', 'Decrypting: the message was modified or truncated: its integrity check failed.');
  }
  if (!await r.atEnd()) throw new LockpaneError('bad-data', 'Decrypting: unexpected data after the encrypted packet.');

  // Authenticated. The common case, one literal packet and nothing else, is served straight from
  // the spool file; anything else (compression, signatures) is parsed by openpgp.js.
  const segments = scanner.result();
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
