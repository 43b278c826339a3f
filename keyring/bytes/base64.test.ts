/** The base64 coder against Node's own (reference), over random data, random splits and line lengths. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { base64Decode, base64EncodeBlocks, base64EncodedLength, base64EncodeParts } from './base64';

function reference(data: Uint8Array, lineLength: number): string {
  const plain = Buffer.from(data).toString('base64');
  if (lineLength === 0) return plain;
  const per = Math.max(4, lineLength - (lineLength % 4));
  const lines = plain.match(new RegExp(`.{1,${per}}`, 'g')) ?? [];
  return lines.map((l) => `${l}\r\n`).join('');
}

test('encoding any split of any data equals Node\'s base64, wrapped with CRLF; decoding gives the bytes back', () => {
  fc.assert(fc.property(
    fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat(2000), { maxLength: 6 }), fc.constantFrom(0, 4, 64, 76, 77, 1000), fc.uint8Array({ maxLength: 5 }),
    (data, cuts, lineLength, prefix) => {
      const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
      const parts: Uint8Array[] = [];
      let at = 0;
      for (const p of [...points, data.length]) { parts.push(data.subarray(at, p)); at = p; }
      const out = base64EncodeParts(parts, lineLength, prefix);
      assert.deepEqual(Buffer.from(out.subarray(0, prefix.length)), Buffer.from(prefix));
      const text = Buffer.from(out.subarray(prefix.length)).toString('latin1');
      assert.equal(text, reference(data, lineLength));
      assert.deepEqual(Buffer.from(base64Decode(text)), Buffer.from(data));
    },
  ), { numRuns: 400 });
});

test('encoding in blocks of whole lines gives the same bytes as encoding at once, for any split and block size', () => {
  fc.assert(fc.property(
    fc.uint8Array({ maxLength: 3000 }), fc.array(fc.nat(3000), { maxLength: 6 }), fc.constantFrom(0, 4, 76, 77), fc.integer({ min: 1, max: 9 }),
    (data, cuts, lineLength, linesPerBlock) => {
      const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
      const parts: Uint8Array[] = [];
      let at = 0;
      for (const p of [...points, data.length]) { parts.push(data.subarray(at, p)); at = p; }
      // Each block is copied at once: the generator reuses its buffer for the next block.
      const blocks: Buffer[] = [];
      for (const b of base64EncodeBlocks(parts, lineLength, linesPerBlock)) blocks.push(Buffer.from(b));
      const whole = base64EncodeParts(parts, lineLength);
      assert.deepEqual(Buffer.concat(blocks), Buffer.from(whole));
      assert.equal(whole.length, base64EncodedLength(data.length, lineLength));
      const perLine = lineLength === 0 ? 0 : Math.max(4, lineLength - (lineLength % 4));
      if (perLine > 0) for (const b of blocks.slice(0, -1)) assert.equal(b.length, linesPerBlock * (perLine + 2));
    },
  ), { numRuns: 400 });
});

test('decoding in place (into the input\'s own bytes) gives the same bytes as decoding into a new buffer, and the same errors', () => {
  fc.assert(fc.property(
    fc.uint8Array({ maxLength: 3000 }), fc.constantFrom(0, 4, 76), fc.option(fc.constantFrom('!', '=A', '\t', ' '), { nil: undefined }), fc.nat(),
    (data, lineLength, noise, at) => {
      let text = reference(data, lineLength);
      if (noise !== undefined) { const p = at % (text.length + 1); text = text.slice(0, p) + noise + text.slice(p); }
      const bytes = Buffer.from(text, 'latin1');
      let expected: Buffer | string;
      try { expected = Buffer.from(base64Decode(bytes)); } catch (e) { expected = (e as Error).message; }
      const scratch = Uint8Array.from(bytes);
      let actual: Buffer | string;
      try {
        const out = base64Decode(scratch, { inPlace: true });
        assert.equal(out.buffer, scratch.buffer);
        actual = Buffer.from(out);
      } catch (e) { actual = (e as Error).message; }
      assert.deepEqual(actual, expected);
    },
  ), { numRuns: 400 });
});
