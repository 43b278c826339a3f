/**
 * Finds, while the decrypted packets stream past, whether they are exactly one literal data packet
 * and which byte ranges hold its data (partial-length headers and the literal header skipped).
 * Doing this on the fly replaces a second pass that read each chunk header back from the spool:
 * GnuPG writes 8 KiB chunks, so that pass cost ~4 small reads per 8 KiB.
 * Only header bytes are looked at one by one; data spans are skipped whole.
 */

/** More ranges than this (1-byte chunks, say) and the general parser takes over, keeping memory bounded. */
export const MAX_SEGMENTS = 1 << 18;

type State = 'tag' | 'length' | 'data' | 'end' | 'no';

export class LiteralScanner {
  private state: State = 'tag';
  private pos = 0;
  private lenBytes: number[] = [];
  private remaining = 0;
  private last = false;
  /** literal header bytes still to skip; -1 until its name-length octet is seen */
  private headerLeft = -1;
  private headerSeen = 0;
  private readonly ranges: [number, number][] = [];

  update(b: Uint8Array): void {
    let i = 0;
    while (i < b.length && this.state !== 'no') {
      if (this.state === 'tag') {
        // new-format tag 11 only; old-format or other packets go to openpgp.js
        this.state = b[i++] === 0xcb ? 'length' : 'no';
      } else if (this.state === 'length') {
        this.lengthOctet(b[i++]!);
      } else if (this.state === 'data') {
        const n = Math.min(this.remaining, b.length - i);
        this.data(b, i, n);
        i += n;
        this.remaining -= n;
        if (this.remaining === 0 && this.state === 'data') this.state = this.last ? 'end' : 'length';
        continue; // pos advanced in data()
      } else {
        this.state = 'no'; // bytes after the literal packet
        break;
      }
      this.pos++;
    }
  }

  /** The data ranges if the stream was exactly one literal packet, else null. */
  result(): [number, number][] | null {
    return this.state === 'end' && this.headerLeft === 0 ? this.ranges : null;
  }

  private lengthOctet(o: number): void {
    this.lenBytes.push(o);
    const first = this.lenBytes[0]!;
    let len: number;
    if (first < 192) { len = first; this.last = true; }
    else if (first < 224) { if (this.lenBytes.length < 2) return; len = ((first - 192) << 8) + this.lenBytes[1]! + 192; this.last = true; }
    else if (first === 255) {
      if (this.lenBytes.length < 5) return;
      const [, a, b, c, d] = this.lenBytes as [number, number, number, number, number];
      len = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
      this.last = true;
    } else { len = 1 << (first & 0x1f); this.last = false; }
    this.lenBytes = [];
    this.remaining = len;
    this.state = len === 0 ? (this.last ? 'end' : 'length') : 'data';
  }

  private data(b: Uint8Array, at: number, n: number): void {
    let start = this.pos;
    let k = n;
    // the literal header: format octet, name length, name, 4-octet date
    while (k > 0 && this.headerLeft !== 0) {
      if (this.headerSeen === 1) this.headerLeft = b[at + (start - this.pos)]! + 4 + 1;
      this.headerSeen++;
      if (this.headerLeft > 0) this.headerLeft--;
      start++;
      k--;
    }
    const end = this.pos + n;
    if (start < end) {
      const prev = this.ranges[this.ranges.length - 1];
      if (prev && prev[1] === start) prev[1] = end;
      else if (this.ranges.length >= MAX_SEGMENTS) this.state = 'no';
      else this.ranges.push([start, end]);
    }
    this.pos = end;
  }
}
