/**
 * The on-the-fly literal scanner: for every framing a sender may use (fixed lengths of 1, 2 and 5
 * octets, partial chunks down to 1 byte, file names) and every way the stream is cut into pieces,
 * its ranges give back exactly the literal data; anything that is not one literal packet gives null.
 * Also coalesce(), which feeds the cipher in large pieces.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coalesce } from './coalesce';
import { concatBytes } from './io';
import { LiteralScanner, MAX_SEGMENTS } from './literal-scanner';

function fixedLength(n: number): Uint8Array {
  if (n < 192) return Uint8Array.of(n);
  if (n < 8384) return Uint8Array.of(((n - 192) >> 8) + 192, (n - 192) & 0xff);
  return Uint8Array.of(0xff, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** A new-format literal packet around `data`, its body in partial chunks of 2^exps[i] and a fixed-length rest. */
function literal(data: Uint8Array, name: string, exps: number[]): Uint8Array {
  const body = concatBytes([Uint8Array.of(0x62, name.length), new TextEncoder().encode(name), Uint8Array.of(1, 2, 3, 4), data]);
  const parts: Uint8Array[] = [Uint8Array.of(0xcb)];
  let at = 0;
  for (const e of exps) {
    if (at + (1 << e) >= body.length) break;
    parts.push(Uint8Array.of(0xe0 + e), body.subarray(at, at + (1 << e)));
    at += 1 << e;
  }
  parts.push(fixedLength(body.length - at), body.subarray(at));
  return concatBytes(parts);
}

function scan(stream: Uint8Array, cut: number): Uint8Array | null {
  const s = new LiteralScanner();
  for (let i = 0; i < stream.length; i += cut) s.update(stream.subarray(i, i + cut));
  const r = s.result();
  return r && concatBytes(r.map(([a, b]) => stream.subarray(a, b)));
}

const data = (n: number) => new Uint8Array(n).map((_, i) => (i * 131 + 17) & 0xff);

test('ranges give back the literal data for every framing and every cut', () => {
  const cases: [Uint8Array, string, number[]][] = [
    [data(0), '', []], [data(100), '', []], [data(191 - 6), '', []], [data(5000), 'name.txt', []], [data(70_000), 'x', []],
    [data(20_000), '', [13, 13]], [data(9000), 'file', [9, 0, 0, 1, 2, 3]], [data(3000), 'a-rather-long-file-name.bin', [0, 0, 0, 0, 0, 0, 0, 0, 9]],
  ];
  for (const [d, name, exps] of cases) {
    const stream = literal(d, name, exps);
    for (const cut of [1, 2, 3, 7, 512, 8193, stream.length]) {
      assert.deepEqual(scan(stream, cut), d, `${d.length} bytes, name ${name.length}, chunks ${exps.join(',')}, cut ${cut}`);
    }
  }
});

test('not exactly one literal packet → null', () => {
  const good = literal(data(1000), 'n', [9]);
  assert.ok(scan(good, 100));
  assert.equal(scan(concatBytes([good, Uint8Array.of(0xca, 0)]), 100), null, 'trailing packet');
  assert.equal(scan(good.subarray(0, good.length - 1), 100), null, 'truncated');
  assert.equal(scan(concatBytes([Uint8Array.of(0xac), good.subarray(1)]), 100), null, 'old-format tag');
  assert.equal(scan(concatBytes([Uint8Array.of(0xc8), good.subarray(1)]), 100), null, 'compressed packet');
  assert.equal(scan(Uint8Array.of(0xcb, 3, 0x62, 9, 0), 100), null, 'header longer than the packet');
  assert.equal(scan(new Uint8Array(0), 1), null, 'empty');
});

test('more ranges than MAX_SEGMENTS → null (the general parser takes over, memory stays bounded)', () => {
  const exps = new Array<number>(MAX_SEGMENTS + 10).fill(0);
  const stream = literal(data(MAX_SEGMENTS + 100), '', exps);
  assert.equal(scan(stream, 1 << 16), null);
  assert.ok(scan(literal(data(MAX_SEGMENTS + 100), '', exps.slice(0, MAX_SEGMENTS - 10)), 1 << 16), 'just below the limit it still scans');
});

test('coalesce: small chunks joined to pieces of at least min, large ones passed through uncopied, nothing lost', async () => {

  const big = data(300);
  const input = [data(10), data(12), big, data(20), data(20), data(20), data(20), data(20), data(5)]; // min 100: from 25 up a chunk passes through
  async function* source() { yield* input; }
  const out: Uint8Array[] = [];
  for await (const c of coalesce(source(), 100)) out.push(c);
  assert.deepEqual(out.map((c) => c.length), [22, 300, 100, 5]); // the 22 are flushed before the big chunk
  assert.equal(out[1], big, 'passed through, not copied');
  assert.deepEqual(concatBytes(out), concatBytes(input));
});
