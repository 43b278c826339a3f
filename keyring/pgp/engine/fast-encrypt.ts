/**
 * SEIPDv1 encryption in one streaming pass: the session key is wrapped by openpgp.js (PKESK/SKESK),
 * the data is framed as a binary literal packet with partial lengths, encrypted (AES-CFB) with its
 * MDC (SHA-1), and framed again. The host supplies the cipher, the hash and the output sink (io.ts).
 * Used for unsigned binary messages whose recipients do not all ask for SEIPDv2 (that case, and
 * signing, stay with openpgp.js).
 */
import * as openpgp from 'openpgp';
import { mapPgpError, pgpConfig, type PgpKey } from '../index';
import { Crc24 } from '../crc24';
import { concatBytes, type ByteSink, type CfbAlgorithm, type EngineCrypto } from './io';

const CFB = new Set<string>(['aes128', 'aes192', 'aes256']);
const CHUNK = 1 << 20; // partial body chunk: 2^20 bytes (length octet 0xE0 + 20)
const LINE_BYTES = 45; // armor: 60 base64 characters a line, as openpgp.js writes

type Emit = (b: Uint8Array) => Promise<void>;

/** Frames a packet body with partial lengths as it streams. */
class PartialFramer {
  private pending: Uint8Array[] = [];
  private size = 0;
  private started = false;
  constructor(private readonly tag: number, private readonly emit: Emit) {}

  async push(b: Uint8Array): Promise<void> {
    this.pending.push(b);
    this.size += b.length;
    // Emit full chunks as slices of the pending buffers, without concatenating them.
    while (this.size > CHUNK) {
      await this.header(Uint8Array.of(0xe0 + 20));
      let need = CHUNK;
      while (need > 0) {
        const head = this.pending[0]!;
        if (head.length <= need) {
          await this.emit(head);
          need -= head.length;
          this.pending.shift();
        } else {
          await this.emit(head.subarray(0, need));
          this.pending[0] = head.subarray(need);
          need = 0;
        }
      }
      this.size -= CHUNK;
    }
  }

  async end(): Promise<void> {
    const rest = concatBytes(this.pending);
    const n = rest.length;
    let len: Uint8Array;
    if (n < 192) len = Uint8Array.of(n);
    else if (n < 8384) len = Uint8Array.of(((n - 192) >> 8) + 192, (n - 192) & 0xff);
    else len = Uint8Array.of(0xff, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
    await this.header(len);
    if (rest.length) await this.emit(rest);
  }

  private async header(len: Uint8Array): Promise<void> {
    if (!this.started) { this.started = true; await this.emit(Uint8Array.of(0xc0 | this.tag)); }
    await this.emit(len);
  }
}

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * Streaming ASCII armor with the CRC-24 footer, laid out as openpgp.js lays out all other armor:
 * this path writes only SEIPDv1, which RFC 9580 lets carry the footer, and openpgp.js writes it there too.
 */
class Armorer {
  private carry: Uint8Array = new Uint8Array(0);
  private readonly crc = new Crc24();
  constructor(private readonly write: Emit) {}
  async start(): Promise<void> { await this.write(ascii('-----BEGIN PGP MESSAGE-----\n\n')); }
  async push(b: Uint8Array): Promise<void> {
    this.crc.update(b);
    const all = this.carry.length ? concatBytes([this.carry, b]) : b;
    const whole = all.length - (all.length % LINE_BYTES);
    if (whole) await this.write(armorLines(all.subarray(0, whole)));
    this.carry = all.slice(whole);
  }
  async end(): Promise<void> {
    if (this.carry.length) await this.write(armorLines(this.carry));
    await this.write(ascii(`${this.crc.footer()}\n-----END PGP MESSAGE-----\n`));
  }
}

const alphabet = ascii('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const PAD = 0x3d;
const LF = 0x0a;

/** Base64 of `b` as armor lines (60 characters and a newline per 45 bytes), straight into bytes: this runs over every byte of large messages. */
function armorLines(b: Uint8Array): Uint8Array {
  const fullLines = Math.floor(b.length / LINE_BYTES);
  const restBytes = b.length - fullLines * LINE_BYTES;
  const out = new Uint8Array(fullLines * 61 + (restBytes ? Math.ceil(restBytes / 3) * 4 + 1 : 0));
  let o = 0;
  let i = 0;
  const triple = (x: number, y: number, z: number) => {
    const n = (x << 16) | (y << 8) | z;
    out[o] = alphabet[n >> 18]!; out[o + 1] = alphabet[(n >> 12) & 63]!; out[o + 2] = alphabet[(n >> 6) & 63]!; out[o + 3] = alphabet[n & 63]!;
    o += 4;
  };
  for (let line = 0; line < fullLines; line++) {
    for (const end = i + LINE_BYTES; i < end; i += 3) triple(b[i]!, b[i + 1]!, b[i + 2]!);
    out[o++] = LF;
  }
  if (restBytes) {
    for (; i + 3 <= b.length; i += 3) triple(b[i]!, b[i + 1]!, b[i + 2]!);
    const left = b.length - i;
    if (left > 0) {
      triple(b[i]!, left > 1 ? b[i + 1]! : 0, 0);
      out[o - 1] = PAD;
      if (left === 1) out[o - 2] = PAD;
    }
    out[o++] = LF;
  }
  return out;
}

export type FastEncryptOptions = {
  source: AsyncIterable<Uint8Array>;
  certs: PgpKey[];
  passwords: string[];
  armor: boolean;
  crypto: EngineCrypto;
  /** opens the output, called only once the fast path is certain */
  open: () => ByteSink;
};

/**
 * Encrypts `source` into the sink `open()` returns. Returns false (nothing opened or written) when the
 * fast path does not apply (the recipients want SEIPDv2, or the cipher is not AES).
 */
export async function fastEncrypt(o: FastEncryptOptions): Promise<{ algorithm: string; data: Uint8Array } | false> {
  let sessionKey: { data: Uint8Array; algorithm: string; aeadAlgorithm?: string };
  let esk: Uint8Array;
  try {
    const keys = o.certs.map((c) => c.toPublic());
    sessionKey = await openpgp.generateSessionKey({ encryptionKeys: keys, config: pgpConfig });
    if (sessionKey.aeadAlgorithm || !CFB.has(sessionKey.algorithm)) return false;
    esk = await openpgp.encryptSessionKey({
      data: sessionKey.data, algorithm: sessionKey.algorithm as openpgp.enums.symmetricNames,
      ...(keys.length ? { encryptionKeys: keys } : {}), ...(o.passwords.length ? { passwords: o.passwords } : {}),
      format: 'binary', config: pgpConfig,
    });
  } catch (e) {
    throw mapPgpError(e, 'key-not-usable', 'Encrypting');
  }
  const out = o.open();
  const armorer = o.armor ? new Armorer((b) => out.write(b)) : null;
  const sink: Emit = (b) => (armorer ? armorer.push(b) : out.write(b));
  if (armorer) await armorer.start();
  await sink(esk);
  const cipher = o.crypto.cfb(sessionKey.algorithm as CfbAlgorithm, sessionKey.data, 'encrypt');
  const sha1 = o.crypto.sha1();
  const seipd = new PartialFramer(18, sink);
  const encryptPlain = async (p: Uint8Array) => { sha1.update(p); const c = cipher.update(p); if (c.length) await seipd.push(c); };
  const literal = new PartialFramer(11, encryptPlain);
  await seipd.push(Uint8Array.of(1)); // SEIPD version 1
  const prefix = o.crypto.randomBytes(16);
  await encryptPlain(concatBytes([prefix, prefix.subarray(14, 16)]));
  const now = Math.floor(Date.now() / 1000);
  await literal.push(Uint8Array.of(0x62, 0, (now >>> 24) & 0xff, (now >>> 16) & 0xff, (now >>> 8) & 0xff, now & 0xff)); // binary, no file name
  for await (const chunk of o.source) await literal.push(chunk);
  await literal.end();
  const mdcHeader = Uint8Array.of(0xd3, 0x14);
  sha1.update(mdcHeader);
  const tail = concatBytes([cipher.update(mdcHeader), cipher.update(sha1.digest()), cipher.final()]);
  await seipd.push(tail);
  await seipd.end();
  if (armorer) await armorer.end();
  await out.close();
  return { algorithm: sessionKey.algorithm, data: sessionKey.data };
}
