import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLockpaneError } from '../../errors';
import { decodeOid, octetsOf, parseDer } from './der-reader';
import { integer, octets, oid, seq, setOf, tlv } from './der-writer';

test('DER writer and reader round-trip OIDs, integers and sorted SET OF', () => {
  const der = seq(oid('1.2.840.113549.1.9.16.1.23'), integer(0x80), setOf(octets(new Uint8Array([2])), octets(new Uint8Array([1]))));
  const root = parseDer(der);
  assert.equal(decodeOid(root.children[0]), '1.2.840.113549.1.9.16.1.23');
  assert.deepEqual([...root.children[1]!.buf.subarray(root.children[1]!.contentStart, root.children[1]!.contentEnd)], [0, 0x80]);
  assert.deepEqual(root.children[2]!.children.map((c) => c.buf[c.contentStart]), [1, 2]);
});

test('indefinite-length constructed OCTET STRINGs (OpenSSL streaming) are joined', () => {
  const ber = new Uint8Array([0x24, 0x80, 0x04, 0x02, 1, 2, 0x04, 0x01, 3, 0x00, 0x00]);
  assert.deepEqual([...octetsOf(parseDer(ber))], [1, 2, 3]);
});

test('deep nesting is refused fast with too-large, without recursion', () => {
  const depth = 100_000;
  const ber = new Uint8Array(depth * 2 + 2 * depth);
  for (let i = 0; i < depth; i++) { ber[i * 2] = 0x30; ber[i * 2 + 1] = 0x80; }
  const t0 = performance.now();
  assert.throws(() => parseDer(ber), (e: unknown) => isLockpaneError(e, 'too-large'));
  assert.ok(performance.now() - t0 < 200);
});

test('lengths beyond the input, truncation and trailing bytes are bad-data', () => {
  for (const bad of [[0x30, 0x84, 0x7f, 0xff, 0xff, 0xff], [0x04, 0x05, 1], [0x30, 0x00, 0x00], [0x30, 0x80, 0x04, 0x00], [0x1f, 0xff, 0xff, 0xff, 0xff, 0x7f, 0]]) {
    assert.throws(() => parseDer(new Uint8Array(bad)), (e: unknown) => isLockpaneError(e, 'bad-data'), JSON.stringify(bad));
  }
  assert.throws(() => parseDer(tlv(0x04, new Uint8Array(10)), { maxDepth: 4, maxNodes: 10, maxBytes: 5 }), (e: unknown) => isLockpaneError(e, 'too-large'));
});
