import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalizeLineEndings } from '../../mime/entity';
import { isCanonicalCrlf, toCrlf } from './crlf';

const b = (s: string): Uint8Array => new TextEncoder().encode(s);

test('canonical input is returned as is; bare LF or CR anywhere is converted like the MIME converter does', () => {
  const ok = b('a\r\nb\r\n\r\nc');
  assert.equal(toCrlf(ok), ok);
  for (const s of ['\n', 'a\nb', 'a\r\nb\n', 'a\rb', 'a\r', '\ra', 'x\r\r\n', '']) {
    assert.deepEqual(toCrlf(b(s)), canonicalizeLineEndings(b(s)), JSON.stringify(s));
  }
  assert.equal(isCanonicalCrlf(b('a\r\n\r\n')), true);
  // Every position and alignment of a bare CR or LF in a longer canonical text.
  const base = 'abc\r\ndefgh\r\n\r\nijklmnopq\r\nrs';
  const buf = new Uint8Array(base.length + 8);
  for (let off = 0; off < 4; off++) {
    const view = buf.subarray(off, off + base.length);
    view.set(b(base));
    assert.equal(isCanonicalCrlf(view), true, `offset ${off}`);
    for (let p = 0; p < base.length; p++) {
      for (const bad of [10, 13]) {
        const orig = view[p]!;
        if (orig === 10 || orig === 13) continue;
        view[p] = bad;
        assert.equal(isCanonicalCrlf(view), false, `offset ${off}, ${bad} at ${p}`);
        view[p] = orig;
      }
    }
  }
  assert.equal(isCanonicalCrlf(b('a\n\r')), false);
});
