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
  assert.equal(isCanonicalCrlf(b('a\n\r')), false);
});
