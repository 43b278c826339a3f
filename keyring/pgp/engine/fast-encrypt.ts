/**
 * SEIPDv1 encryption for the CLI in one streaming pass with Node's AES-CFB and SHA-1: the
 * session key is wrapped by openpgp.js (PKESK/SKESK), the data is framed as a binary literal
 * packet with partial lengths, encrypted with its MDC, and framed again. Used for unsigned binary
 * messages whose recipients do not all ask for SEIPDv2 (that case, and signing, stay with openpgp.js).
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import * as openpgp from 'openpgp';
import { mapPgpError, pgpConfig, type PgpKey } from '../index';
import { Crc24 } from '../crc24';

const CFB: Record<string, string> = { aes128: 'aes-128-cfb', aes192: 'aes-192-cfb', aes256: 'aes-256-cfb' };
const LINE_BYTES = 45;
const CHUNK = 1 << 20; // partial body chunk: 2^20 bytes (length octet 0xE0 + 20)

/** Frames a packet body with partial lengths as it streams. */
class PartialFramer {
  private pending: Buffer[] = [];
  private size = 0;
  private started = false;
  constructor(private readonly tag: number, private readonly emit: (b: Buffer) => Promise<void>) {}

  async push(b: Buffer): Promise<void> {
    this.pending.push(b);
    this.size += b.length;
    // Emit full chunks as slices of the pending buffers, without concatenating them.
    while (this.size > CHUNK) {
      await this.header(Buffer.from([0xe0 + 20]));
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
    const rest = Buffer.concat(this.pending);
    const n = rest.length;
    let len: Buffer;
    if (n < 192) len = Buffer.from([n]);
    else if (n < 8384) len = Buffer.from([((n - 192) >> 8) + 192, (n - 192) & 0xff]);
    else { len = Buffer.alloc(5); len[0] = 0xff; len.writeUInt32BE(n, 1); }
    await this.out(len, rest);
  }

  private async header(len: Buffer): Promise<void> {
    if (!this.started) { this.started = true; await this.emit(Buffer.from([0xc0 | this.tag])); }
    await this.emit(len);
  }

  private async out(len: Buffer, body: Buffer): Promise<void> {
    await this.header(len);
    if (body.length) await this.emit(body);
  }
}

/**
 * Streaming ASCII armor with the CRC-24 footer, laid out as openpgp.js lays out all other armor
 * (60-character lines, 45 bytes each): this path writes only SEIPDv1,
 * which RFC 9580 lets carry it, and openpgp.js (every other subcommand's output) writes it there too.
 */
class Armorer {
  private carry = Buffer.alloc(0);
  private readonly crc = new Crc24();
  constructor(private readonly write: (b: Buffer) => Promise<void>) {}
  async start(): Promise<void> { await this.write(Buffer.from('-----BEGIN PGP MESSAGE-----\n\n')); }
  async push(b: Buffer): Promise<void> {
    this.crc.update(b);
    const all = this.carry.length ? Buffer.concat([this.carry, b]) : b;
    const whole = all.length - (all.length % LINE_BYTES);
    if (whole) await this.write(Buffer.from(lines(all.subarray(0, whole))));
    this.carry = Buffer.from(all.subarray(whole));
  }
  async end(): Promise<void> {
    if (this.carry.length) await this.write(Buffer.from(lines(this.carry)));
    await this.write(Buffer.from(`${this.crc.footer()}\n-----END PGP MESSAGE-----\n`));
  }
}

function lines(b: Buffer): string {
  const s = b.toString('base64');
  let out = '';
  for (let i = 0; i < s.length; i += 60) out += s.slice(i, i + 60) + '\n';
  return out;
}

async function writeTo(ws: WriteStream, b: Buffer): Promise<void> {
  if (!ws.write(b)) await once(ws, 'drain');
}

/**
 * Encrypts `source` into the stream `out()` opens (called only once the fast path is certain). Returns false (nothing written) when the fast path does not
 * apply (the recipients want SEIPDv2, or the cipher is not AES).
 */
export async function fastEncrypt(o: { source: AsyncIterable<Buffer>; certs: PgpKey[]; passwords: string[]; armor: boolean; out: () => WriteStream }): Promise<{ algorithm: string; data: Uint8Array } | false> {
  let sessionKey: { data: Uint8Array; algorithm: string; aeadAlgorithm?: string };
  let esk: Uint8Array;
  try {
    const keys = o.certs.map((c) => c.toPublic());
    sessionKey = await openpgp.generateSessionKey({ encryptionKeys: keys, config: pgpConfig });
    if (sessionKey.aeadAlgorithm || !CFB[sessionKey.algorithm]) return false;
    esk = await openpgp.encryptSessionKey({
      data: sessionKey.data, algorithm: sessionKey.algorithm as openpgp.enums.symmetricNames,
      ...(keys.length ? { encryptionKeys: keys } : {}), ...(o.passwords.length ? { passwords: o.passwords } : {}),
      format: 'binary', config: pgpConfig,
    });
  } catch (e) {
    throw mapPgpError(e, 'key-not-usable', 'Encrypting');
  }
  const ws = o.out();
  const armorer = o.armor ? new Armorer((b) => writeTo(ws, b)) : null;
  const sink = (b: Buffer) => (armorer ? armorer.push(b) : writeTo(ws, b));
  if (armorer) await armorer.start();
  await sink(Buffer.from(esk));
  const cipher = createCipheriv(CFB[sessionKey.algorithm]!, sessionKey.data, Buffer.alloc(16));
  const sha1 = createHash('sha1');
  const seipd = new PartialFramer(18, sink);
  const encryptPlain = async (p: Buffer) => { sha1.update(p); const c = cipher.update(p); if (c.length) await seipd.push(c); };
  const literal = new PartialFramer(11, encryptPlain);
  await seipd.push(Buffer.from([1])); // SEIPD version 1
  const prefix = randomBytes(16);
  await encryptPlain(Buffer.concat([prefix, prefix.subarray(14, 16)]));
  const date = Buffer.alloc(4);
  date.writeUInt32BE(Math.floor(Date.now() / 1000));
  await literal.push(Buffer.concat([Buffer.from([0x62, 0]), date])); // binary, no file name
  for await (const chunk of o.source) await literal.push(chunk);
  await literal.end();
  const mdcHeader = Buffer.from([0xd3, 0x14]);
  sha1.update(mdcHeader);
  const tail = Buffer.concat([cipher.update(mdcHeader), cipher.update(sha1.digest()), cipher.final()]);
  await seipd.push(tail);
  await seipd.end();
  if (armorer) await armorer.end();
  ws.end();
  await once(ws, 'finish');
  return { algorithm: sessionKey.algorithm, data: sessionKey.data };
}
