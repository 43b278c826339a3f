/** A pull-based reader of OpenPGP packet headers and bodies over any async source of byte chunks. */
import { concatBytes, readU32 } from './io';

export type PacketHeader = { tag: number; /** fixed body length, or null for partial/indeterminate */ length: number | null; partial: boolean; raw: Uint8Array };

export class ByteReader {
  private buf: Uint8Array = new Uint8Array(0);
  private done = false;
  /** every byte handed out so far, while recording (to replay them on fallback) */
  private recorded: Uint8Array[] | null = [];

  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  private async fill(n: number): Promise<boolean> {
    while (this.buf.length < n && !this.done) {
      const r = await this.source.next();
      if (r.done) this.done = true;
      else this.buf = this.buf.length ? concatBytes([this.buf, r.value]) : r.value;
    }
    return this.buf.length >= n;
  }

  async take(n: number): Promise<Uint8Array> {
    if (!await this.fill(n)) throw new Error('Unexpected end of packet data');
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    this.recorded?.push(out);
    return out;
  }

  /** Up to n bytes (at least 1 unless at the end); empty at the end. */
  async some(n: number): Promise<Uint8Array> {
    if (this.buf.length === 0) await this.fill(1);
    const k = Math.min(n, this.buf.length);
    const out = this.buf.subarray(0, k);
    this.buf = this.buf.subarray(k);
    this.recorded?.push(out);
    return out;
  }

  async atEnd(): Promise<boolean> {
    return !await this.fill(1);
  }

  stopRecording(): void { this.recorded = null; }

  /** The bytes consumed so far followed by everything not yet read (for the general decryption path). */
  replay(): AsyncIterable<Uint8Array> {
    const head = concatBytes(this.recorded ?? []);
    const rest = this.buf;
    const source = this.source;
    const done = this.done;
    return {
      async *[Symbol.asyncIterator]() {
        if (head.length) yield head;
        if (rest.length) yield rest;
        if (done) return;
        for (;;) {
          const r = await source.next();
          if (r.done) return;
          yield r.value;
        }
      },
    };
  }

  async header(): Promise<PacketHeader> {
    const first = (await this.take(1))[0]!;
    if ((first & 0x80) === 0) throw new Error('Error during parsing: not an OpenPGP packet');
    const raw: Uint8Array[] = [Uint8Array.of(first)];
    const grab = async (n: number) => { const b = await this.take(n); raw.push(b); return b; };
    if (first & 0x40) {
      const tag = first & 0x3f;
      const o1 = (await grab(1))[0]!;
      if (o1 < 192) return { tag, length: o1, partial: false, raw: concatBytes(raw) };
      if (o1 < 224) return { tag, length: ((o1 - 192) << 8) + (await grab(1))[0]! + 192, partial: false, raw: concatBytes(raw) };
      if (o1 === 255) return { tag, length: readU32(await grab(4), 0), partial: false, raw: concatBytes(raw) };
      return { tag, length: 1 << (o1 & 0x1f), partial: true, raw: concatBytes(raw) };
    }
    const tag = (first >> 2) & 0x0f;
    const type = first & 3;
    if (type === 3) return { tag, length: null, partial: false, raw: concatBytes(raw) };
    const n = type === 0 ? 1 : type === 1 ? 2 : 4;
    const b = await grab(n);
    return { tag, length: n === 1 ? b[0]! : n === 2 ? (b[0]! << 8) + b[1]! : readU32(b, 0), partial: false, raw: concatBytes(raw) };
  }

  /** Length of the next partial-body chunk (new format), and whether it is the last one. */
  async partialLength(): Promise<{ length: number; last: boolean }> {
    const o1 = (await this.take(1))[0]!;
    if (o1 < 192) return { length: o1, last: true };
    if (o1 < 224) return { length: ((o1 - 192) << 8) + (await this.take(1))[0]! + 192, last: true };
    if (o1 === 255) return { length: readU32(await this.take(4), 0), last: true };
    return { length: 1 << (o1 & 0x1f), last: false };
  }

  /** Yields the body of a packet whose header was just read, decoding partial lengths. */
  async *body(h: PacketHeader): AsyncGenerator<Uint8Array> {
    if (h.length === null) {
      for (;;) { const b = await this.some(1 << 20); if (!b.length) return; yield b; }
    }
    let remaining = h.length;
    let last = !h.partial;
    for (;;) {
      while (remaining > 0) {
        const b = await this.some(Math.min(remaining, 1 << 20));
        if (!b.length) throw new Error('Unexpected end of packet data');
        remaining -= b.length;
        yield b;
      }
      if (last) return;
      const next = await this.partialLength();
      remaining = next.length;
      last = next.last;
    }
  }
}
