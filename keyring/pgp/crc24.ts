/** The CRC-24 of ASCII armor (RFC 9580 §6.1.1), computed incrementally over binary data. */
import { toBase64 } from '../bytes/base64';

const table = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 16;
    for (let k = 0; k < 8; k++) c = (c << 1) ^ (c & 0x800000 ? 0x1864cfb : 0);
    t[i] = c & 0xffffff;
  }
  return t;
})();

export class Crc24 {
  private crc = 0xb704ce;

  get value(): number { return this.crc; }

  update(data: Uint8Array): void {
    let c = this.crc;
    for (let i = 0; i < data.length; i++) c = ((c << 8) ^ table[((c >> 16) ^ data[i]!) & 0xff]!) & 0xffffff;
    this.crc = c;
  }

  /** The armor footer line: "=" and the CRC's three bytes in base64. */
  footer(): string {
    return `=${toBase64(Uint8Array.of((this.crc >> 16) & 0xff, (this.crc >> 8) & 0xff, this.crc & 0xff))}`;
  }
}

/** The CRC-24 of all of `data` at once. */
export function crc24(data: Uint8Array): number {
  const c = new Crc24();
  c.update(data);
  return c.value;
}
