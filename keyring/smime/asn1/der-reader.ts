/**
 * A small BER/DER reader that never recurses and is bounded in depth, node count and size, so a
 * hostile structure is refused fast. Nodes are views into the input (no copies), which matters for
 * 50 MB messages. Indefinite lengths (what OpenSSL streams) are accepted.
 */
import { LockpaneError } from '../../errors';

export type Tlv = {
  cls: number;          // 0 universal, 1 application, 2 context, 3 private
  constructed: boolean;
  tag: number;
  start: number;        // first byte of the identifier, in `buf`
  contentStart: number;
  contentEnd: number;   // exclusive, before the end-of-contents octets if indefinite
  end: number;          // exclusive, after everything
  indefinite: boolean;
  buf: Uint8Array;
  children: Tlv[];      // parsed for constructed nodes only
};

export type DerLimits = { maxDepth: number; maxNodes: number; maxBytes: number };
export const defaultDerLimits: DerLimits = { maxDepth: 48, maxNodes: 2_000_000, maxBytes: 512 * 1024 * 1024 };

const bad = (msg: string): LockpaneError => new LockpaneError('bad-data', `ASN.1: ${msg}`);

function readHeader(buf: Uint8Array, pos: number, limit: number): Omit<Tlv, 'children' | 'end' | 'contentEnd'> & { len: number } {
  if (pos >= limit) throw bad('truncated');
  const id = buf[pos++]!;
  let tag = id & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    for (let n = 0; ; n++) {
      if (pos >= limit || n > 3) throw bad('bad tag');
      const b = buf[pos++]!;
      tag = tag * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (pos >= limit) throw bad('truncated length');
  let len = buf[pos++]!;
  let indefinite = false;
  if (len === 0x80) {
    indefinite = true;
    len = -1;
    if ((id & 0x20) === 0) throw bad('indefinite primitive');
  } else if (len > 0x80) {
    const n = len & 0x7f;
    if (n > 6) throw bad('length too long');
    len = 0;
    for (let i = 0; i < n; i++) {
      if (pos >= limit) throw bad('truncated length');
      len = len * 256 + buf[pos++]!;
    }
  }
  return { cls: id >> 6, constructed: (id & 0x20) !== 0, tag, start: -1, contentStart: pos, indefinite, buf, len };
}

/** Parses one element starting at `offset`; throws unless it ends exactly at the end (when `exact`). */
export function parseDer(buf: Uint8Array, limits: DerLimits = defaultDerLimits, exact = true): Tlv {
  if (buf.length > limits.maxBytes) throw new LockpaneError('too-large', `ASN.1 input is larger than ${limits.maxBytes} bytes`);
  let nodes = 0;
  const make = (pos: number, limit: number): Tlv => {
    if (++nodes > limits.maxNodes) throw new LockpaneError('too-large', 'ASN.1: too many elements');
    const h = readHeader(buf, pos, limit);
    const node: Tlv = {
      cls: h.cls, constructed: h.constructed, tag: h.tag, start: pos, contentStart: h.contentStart,
      contentEnd: -1, end: -1, indefinite: h.indefinite, buf, children: [],
    };
    if (!h.indefinite) {
      node.contentEnd = h.contentStart + h.len;
      node.end = node.contentEnd;
      if (node.end > limit) throw bad('element longer than its container');
    }
    return node;
  };
  const root = make(0, buf.length);
  // Explicit stack of (node, next child position, container limit).
  const stack: { node: Tlv; pos: number; limit: number }[] = [];
  const open = (node: Tlv, limit: number): void => {
    if (node.constructed) {
      if (stack.length >= limits.maxDepth) throw new LockpaneError('too-large', 'ASN.1: nesting too deep');
      stack.push({ node, pos: node.contentStart, limit: node.indefinite ? limit : node.contentEnd });
    } else if (node.indefinite) throw bad('indefinite primitive');
  };
  open(root, buf.length);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const n = top.node;
    if (n.indefinite) {
      if (top.pos + 1 < top.limit && buf[top.pos] === 0 && buf[top.pos + 1] === 0) {
        n.contentEnd = top.pos;
        n.end = top.pos + 2;
        stack.pop();
        if (stack.length > 0) stack[stack.length - 1]!.pos = n.end;
        continue;
      }
      if (top.pos >= top.limit) throw bad('missing end-of-contents');
    } else if (top.pos >= n.contentEnd) {
      if (top.pos !== n.contentEnd) throw bad('child overruns parent');
      stack.pop();
      if (stack.length > 0) stack[stack.length - 1]!.pos = n.end;
      continue;
    }
    const child = make(top.pos, top.limit);
    n.children.push(child);
    if (child.constructed) {
      open(child, top.limit);
    } else {
      top.pos = child.end;
    }
  }
  if (exact && root.end !== buf.length) throw bad('trailing data after the structure');
  return root;
}

/** The content octets of a primitive node (a view, no copy). */
export function contentOf(n: Tlv): Uint8Array {
  return n.buf.subarray(n.contentStart, n.contentEnd);
}

/** The full encoding of a node (a view). */
export function bytesOf(n: Tlv): Uint8Array {
  return n.buf.subarray(n.start, n.end);
}

/** OCTET STRING content, joining BER constructed chunks (OpenSSL streams large content that way). */
export function octetsOf(n: Tlv): Uint8Array {
  if (!n.constructed) return contentOf(n);
  const parts: Uint8Array[] = [];
  const walk = (x: Tlv): void => {
    if (!x.constructed) { parts.push(contentOf(x)); return; }
    for (const c of x.children) walk(c);
  };
  for (const c of n.children) walk(c);
  return concatBytes(parts);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** A node whose tag was checked. The brand keeps TypeScript from narrowing the false branch to never. */
declare const checked: unique symbol;
export type CheckedTlv = Tlv & { readonly [checked]: true };
export const isUniversal = (n: Tlv | undefined, tag: number): n is CheckedTlv => n !== undefined && n.cls === 0 && n.tag === tag;
export const isContext = (n: Tlv | undefined, tag: number): n is CheckedTlv => n !== undefined && n.cls === 2 && n.tag === tag;

export const Tag = { BOOLEAN: 1, INTEGER: 2, BIT_STRING: 3, OCTET_STRING: 4, NULL: 5, OID: 6, UTF8: 12, SEQUENCE: 16, SET: 17, PRINTABLE: 19, IA5: 22, UTC_TIME: 23, GENERALIZED_TIME: 24, BMP: 30 } as const;

export function expect(n: Tlv | undefined, tag: number, what: string): Tlv {
  if (!isUniversal(n, tag)) throw bad(`expected ${what}`);
  return n;
}

export function decodeOid(n: Tlv | undefined): string {
  const t = expect(n, Tag.OID, 'an object identifier');
  const b = contentOf(t);
  if (b.length === 0 || b.length > 64) throw bad('bad object identifier');
  const arcs: number[] = [];
  let v = 0;
  for (let i = 0; i < b.length; i++) {
    v = v * 128 + (b[i]! & 0x7f);
    if (v > Number.MAX_SAFE_INTEGER / 256) throw bad('object identifier arc too large');
    if ((b[i]! & 0x80) === 0) { arcs.push(v); v = 0; } else if (i === b.length - 1) throw bad('bad object identifier');
  }
  const first = arcs[0]!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

/** Unsigned big-endian magnitude of an INTEGER (leading sign zero removed). */
export function integerBytes(n: Tlv | undefined): Uint8Array {
  const b = contentOf(expect(n, Tag.INTEGER, 'an integer'));
  if (b.length === 0) throw bad('empty integer');
  return b.length > 1 && b[0] === 0 ? b.subarray(1) : b;
}

export function smallInteger(n: Tlv | undefined): number {
  const b = contentOf(expect(n, Tag.INTEGER, 'an integer'));
  if (b.length === 0 || b.length > 4) throw bad('integer out of range');
  let v = (b[0]! & 0x80) ? -1 : 0;
  for (const x of b) v = v * 256 + x;
  return v;
}

export function bitStringBytes(n: Tlv | undefined): Uint8Array {
  const b = contentOf(expect(n, Tag.BIT_STRING, 'a bit string'));
  if (b.length === 0) throw bad('empty bit string');
  return b.subarray(1);
}
