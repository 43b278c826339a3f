/**
 * BER/DER reading through asn1js (`fromBER`), with our limits passed to its parser (depth, node
 * count, content length) so a hostile structure is refused fast, and without copying the input
 * (`copyInput: false`): nodes are views into it, which matters for 50 MB messages. asn1js's tree
 * is exposed as a small `Tlv` shape (tag, offsets, children) so the CMS and X.509 code reads
 * positions and exact bytes (signatures, fingerprints) straight from the input. Encapsulated
 * content is not sniffed (`parseEmbedded: false`): an OCTET STRING is parsed only when we ask.
 */
import * as asn1js from 'asn1js';
import { concatBytes } from '../../bytes/concat';
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
  /** The asn1js block this node was read from. */
  block: asn1js.BaseBlock;
};

export type DerLimits = { maxDepth: number; maxNodes: number; maxBytes: number };
export const defaultDerLimits: DerLimits = { maxDepth: 48, maxNodes: 2_000_000, maxBytes: 512 * 1024 * 1024 };

const bad = (msg: string): LockpaneError => new LockpaneError('bad-data', `ASN.1: ${msg}`);

/** asn1js reports limits as error strings; these two mean "too big", anything else is damage. */
const tooLargeErrors = new Set(['Maximum ASN.1 nesting depth exceeded', 'Maximum ASN.1 node count exceeded']);

/**
 * A length beyond the end of the input (the content limit is the input's own length) or an input
 * that stops inside a header: the data was cut off. Callers name what was truncated.
 */
const truncationErrors = /^(Maximum ASN\.1 content length exceeded|End of input reached before message was fully decoded)/;
const TRUNCATED = 'ASN.1: truncated';

/** True for parseDer's error on data that ends before the structure it begins. */
export function isTruncation(e: unknown): boolean {
  return e instanceof LockpaneError && e.code === 'bad-data' && e.message.startsWith(TRUNCATED);
}

/** asn1js's internal idBlock/lenBlock fields, typed only as far as we read them. */
type BlockShape = asn1js.BaseBlock & {
  idBlock: { tagClass: number; tagNumber: number; isConstructed: boolean; blockLength: number };
  lenBlock: { isIndefiniteForm: boolean; blockLength: number };
  valueBlock: { value?: unknown };
};

function toTlv(block: asn1js.BaseBlock, buf: Uint8Array): Tlv {
  // Iterative: the tree is at most maxDepth deep, but a wide tree is walked without recursion too.
  const make = (b: asn1js.BaseBlock): Tlv => {
    const s = b as BlockShape;
    const start = b.valueBeforeDecodeView.byteOffset - buf.byteOffset;
    const end = start + b.valueBeforeDecodeView.byteLength;
    const indefinite = s.lenBlock.isIndefiniteForm;
    return {
      cls: s.idBlock.tagClass - 1, constructed: s.idBlock.isConstructed, tag: s.idBlock.tagNumber,
      start, contentStart: start + s.idBlock.blockLength + s.lenBlock.blockLength,
      contentEnd: indefinite ? end - 2 : end, end, indefinite, buf, children: [], block: b,
    };
  };
  const root = make(block);
  const todo: Tlv[] = [root];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (!n.constructed) continue;
    const kids = (n.block as BlockShape).valueBlock.value;
    if (!Array.isArray(kids)) continue;
    for (const k of kids as asn1js.BaseBlock[]) {
      // asn1js keeps the end-of-contents marker of an indefinite form as a child; it is not data.
      if (k instanceof asn1js.EndOfContent) continue;
      const c = make(k);
      n.children.push(c);
      todo.push(c);
    }
  }
  return root;
}

/** Parses one element at the start of `buf`; throws unless it ends exactly at the end (when `exact`). */
export function parseDer(buf: Uint8Array, limits: DerLimits = defaultDerLimits, exact = true): Tlv {
  if (buf.length > limits.maxBytes) throw new LockpaneError('too-large', `ASN.1 input is larger than ${limits.maxBytes} bytes`);
  if (buf.length === 0) throw bad('truncated');
  let r: ReturnType<typeof asn1js.fromBER>;
  try {
    // A length beyond the input is damage, not size: maxContentLength is the input length.
    r = asn1js.fromBER(buf, { maxDepth: limits.maxDepth, maxNodes: limits.maxNodes, maxContentLength: buf.length, parseEmbedded: false, copyInput: false });
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw new LockpaneError('too-large', 'ASN.1: nesting too deep');
    throw bad(e instanceof Error ? e.message : 'unreadable');
  }
  if (r.offset === -1) {
    const err = r.result.error || 'malformed';
    if (tooLargeErrors.has(err)) throw new LockpaneError('too-large', `ASN.1: ${err}`);
    if (truncationErrors.test(err)) throw new LockpaneError('bad-data', `${TRUNCATED}: the data ends before the structure it begins (${buf.length} bytes are there)`);
    throw bad(err);
  }
  if (exact && r.offset !== buf.length) throw bad('trailing data after the structure');
  return toTlv(r.result, buf);
}

/** parseDer for one format: malformed or truncated DER is that format's `bad` error; too-large stays too-large. */
export function parseDerAs(der: Uint8Array, what: string, bad: (message: string) => LockpaneError): Tlv {
  try {
    return parseDer(der);
  } catch (e) {
    if (e instanceof LockpaneError && e.code === 'too-large') throw e;
    throw bad(isTruncation(e) ? `${what} is truncated (part of the data is missing)` : `${what} is not valid DER`);
  }
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
  const todo = [...n.children].reverse();
  while (todo.length > 0) {
    const x = todo.pop()!;
    if (!x.constructed) parts.push(contentOf(x));
    else for (let i = x.children.length - 1; i >= 0; i--) todo.push(x.children[i]!);
  }
  return concatBytes(parts);
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

/** Dotted form of an OBJECT IDENTIFIER, as asn1js decoded it. */
export function decodeOid(n: Tlv | undefined): string {
  const t = expect(n, Tag.OID, 'an object identifier');
  if (t.contentEnd - t.contentStart > 64 || !(t.block instanceof asn1js.ObjectIdentifier)) throw bad('bad object identifier');
  const dotted = t.block.getValue();
  if (!/^\d+(\.\d+)+$/.test(dotted)) throw bad('bad object identifier');
  return dotted;
}

/** Unsigned big-endian magnitude of an INTEGER (leading sign zero removed). */
export function integerBytes(n: Tlv | undefined): Uint8Array {
  const b = contentOf(expect(n, Tag.INTEGER, 'an integer'));
  if (b.length === 0) throw bad('empty integer');
  return b.length > 1 && b[0] === 0 ? b.subarray(1) : b;
}

/** A version-sized INTEGER, through asn1js's decoder. */
export function smallInteger(n: Tlv | undefined): number {
  const t = expect(n, Tag.INTEGER, 'an integer');
  if (t.contentEnd - t.contentStart === 0 || t.contentEnd - t.contentStart > 4 || !(t.block instanceof asn1js.Integer)) throw bad('integer out of range');
  return t.block.valueBlock.valueDec;
}

export function bitStringBytes(n: Tlv | undefined): Uint8Array {
  const b = contentOf(expect(n, Tag.BIT_STRING, 'a bit string'));
  if (b.length === 0) throw bad('empty bit string');
  return b.subarray(1);
}
