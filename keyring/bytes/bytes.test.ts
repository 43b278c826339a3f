/** The simple helpers against Node's own coders (reference), over random data. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LockpaneError } from '../errors';
import { fromBase64, fromBase64Url, randomToken, toBase64, toBase64Url, toHex } from '.';

test('toBase64/fromBase64 match Buffer and round-trip; whitespace is skipped', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
    const b64 = toBase64(data);
    assert.equal(b64, Buffer.from(data).toString('base64'));
    assert.deepEqual(fromBase64(b64), new Uint8Array(data));
    assert.deepEqual(fromBase64(b64.replace(/(.{5})/g, '$1\n ')), new Uint8Array(data));
  }));
});

test('base64url matches Buffer and round-trips', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
    const url = toBase64Url(data);
    assert.equal(url, Buffer.from(data).toString('base64url'));
    assert.deepEqual(fromBase64Url(url), new Uint8Array(data));
  }));
});

test('malformed base64 is bad-data', () => {
  for (const bad of ['QQ==QQ', 'Q', '@@@@', 'QQ=Q']) {
    assert.throws(() => fromBase64(bad), (e: unknown) => e instanceof LockpaneError && e.code === 'bad-data', bad);
  }
  assert.throws(() => fromBase64Url('a+b/'), (e: unknown) => e instanceof LockpaneError && e.code === 'bad-data');
});

test('toHex matches Buffer, lower or upper case', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
    assert.equal(toHex(data), Buffer.from(data).toString('hex'));
    assert.equal(toHex(data, 'upper'), Buffer.from(data).toString('hex').toUpperCase());
  }));
});

test('randomToken is URL-safe, of the asked size, and not repeated', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const t = randomToken(32);
    assert.match(t, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(fromBase64Url(t).length, 32);
    seen.add(t);
  }
  assert.equal(seen.size, 200);
});
