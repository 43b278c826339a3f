/** The top-level packets of a binary OpenPGP object in memory: tag and version octet only (no parsing of bodies). */

export type PacketSummary = { tag: number; version: number | undefined };

/** Walks packet headers (both formats, partial lengths); stops quietly at damage, which later parsing reports. */
export function summarizePackets(data: Uint8Array, max = 10_000): PacketSummary[] {
  const out: PacketSummary[] = [];
  let at = 0;
  while (at < data.length && out.length < max) {
    const first = data[at]!;
    if ((first & 0x80) === 0) break;
    let tag: number;
    let bodyStart: number;
    let bodyEnd: number;
    if (first & 0x40) {
      tag = first & 0x3f;
      let p = at + 1;
      // new format: a chain of partial lengths ends with a fixed one
      bodyStart = -1;
      for (;;) {
        const o1 = data[p];
        if (o1 === undefined) return out;
        let len: number;
        let hdr: number;
        let partial = false;
        if (o1 < 192) { len = o1; hdr = 1; } else if (o1 < 224) {
          if (data[p + 1] === undefined) return out;
          len = ((o1 - 192) << 8) + data[p + 1]! + 192; hdr = 2;
        } else if (o1 === 255) {
          if (p + 4 >= data.length) return out;
          len = ((data[p + 1]! << 24) >>> 0) + (data[p + 2]! << 16) + (data[p + 3]! << 8) + data[p + 4]!; hdr = 5;
        } else { len = 1 << (o1 & 0x1f); hdr = 1; partial = true; }
        if (bodyStart < 0) bodyStart = p + hdr;
        p += hdr + len;
        if (!partial) break;
      }
      bodyEnd = p;
    } else {
      tag = (first >> 2) & 0x0f;
      const type = first & 3;
      if (type === 3) { out.push({ tag, version: data[at + 1] }); break; } // indeterminate: runs to the end
      const n = type === 0 ? 1 : type === 1 ? 2 : 4;
      if (at + n >= data.length) break;
      let len = 0;
      for (let i = 1; i <= n; i++) len = len * 256 + data[at + i]!;
      bodyStart = at + 1 + n;
      bodyEnd = bodyStart + len;
    }
    out.push({ tag, version: data[bodyStart] });
    at = bodyEnd;
  }
  return out;
}

/**
 * Whether armor of this object carries the CRC-24 footer, by RFC 9580's rule (the one openpgp.js
 * applies to every object it armors): never for v6 keys, v6-only signatures or messages ending in
 * SEIPDv2; otherwise yes, for the v4 implementations that still check it.
 */
export function armorWantsChecksum(packets: readonly PacketSummary[]): boolean {
  const first = packets[0];
  if (!first) return false;
  if (first.tag === 5 || first.tag === 6) return first.version !== 6; // a key: its primary key's version
  const last = packets[packets.length - 1]!;
  if (last.tag === 18) return last.version !== 2;
  return packets.some((p) => p.tag === 2 && p.version !== 6);
}
