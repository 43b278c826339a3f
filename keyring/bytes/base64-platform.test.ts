/** The platform coder (content script) gives exactly what the table coder gives, errors included. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LockpaneError } from '../errors';
import { fromBase64, toBase64 } from '.';
import { fromBase64Platform, toBase64Platform } from './base64-platform';

const isBadData = (e: unknown) => e instanceof LockpaneError && e.code === 'bad-data';

test('toBase64Platform/fromBase64Platform equal the table coder, also past one conversion slice', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
    const b64 = toBase64Platform(data);
    assert.equal(b64, toBase64(data));
    assert.deepEqual(fromBase64Platform(b64), fromBase64(b64));
    assert.deepEqual(fromBase64Platform(b64.replace(/(.{5})/g, '$1\n ')), new Uint8Array(data));
  }));
  const big = new Uint8Array(100_003).map((_, i) => (i * 7919) & 0xff);
  assert.equal(toBase64Platform(big), toBase64(big));
  assert.deepEqual(fromBase64Platform(toBase64(big)), big);
});

test('malformed base64 is bad-data in both coders', () => {
  for (const bad of ['QQ==QQ', 'Q', '@@@@', 'QQ=Q']) {
    assert.throws(() => fromBase64(bad), isBadData, bad);
    assert.throws(() => fromBase64Platform(bad), isBadData, bad);
  }
});
