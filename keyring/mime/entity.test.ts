import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isLockpaneError } from '../errors';
import { base64Decode, base64Encode, base64EncodeBytes } from '../bytes/base64';
import { canonicalizeLineEndings, headerValue, multipartParts, parseContentType, parseEntity } from './entity';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

test('base64 round-trips and matches Node, wrapped at 76 with CRLF', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (d) => {
    assert.equal(base64Encode(d), Buffer.from(d).toString('base64'));
    assert.deepEqual(base64Decode(base64EncodeBytes(d, 76)), d);
  }));
  const lines = dec(base64EncodeBytes(new Uint8Array(100), 76)).split('\r\n');
  assert.equal(lines[0]!.length, 76);
});

test('base64 rejects characters outside the alphabet and data after padding', () => {
  for (const s of ['ab$d', 'YQ==YQ==', 'Y']) assert.throws(() => base64Decode(s), (e: unknown) => isLockpaneError(e, 'bad-data'), s);
});

test('Content-Type parsing: case, quoting, parameters', () => {
  const ct = parseContentType('Multipart/Signed; protocol="application/pkcs7-signature";\r\n micalg=SHA-256; boundary="a \\"b\\""');
  assert.equal(ct.mediaType, 'multipart/signed');
  assert.equal(ct.params.protocol, 'application/pkcs7-signature');
  assert.equal(ct.params.micalg, 'SHA-256');
  assert.equal(ct.params.boundary, 'a "b"');
  assert.equal(parseContentType(undefined).mediaType, 'text/plain');
});

test('parseEntity splits at the first empty line (CRLF or LF) and unfolds headers', () => {
  const e = parseEntity(enc('Subject: a\r\n b\r\nX: 1\r\n\r\nbody\r\n'));
  assert.equal(headerValue(e.headers, 'subject'), 'a b');
  assert.equal(dec(e.body), 'body\r\n');
  assert.equal(dec(parseEntity(enc('A: 1\n\nx')).body), 'x');
});

test('multipartParts returns exact byte ranges (CRLF before a delimiter belongs to it), also for LF-only mail', () => {
  for (const nl of ['\r\n', '\n']) {
    const body = enc(['preamble', '--b', 'part one', '', '--b  ', 'two', '--b--', 'epilogue'].join(nl));
    const { parts, closed } = multipartParts(body, 'b');
    assert.equal(closed, true);
    assert.deepEqual(parts.map((p) => dec(body.subarray(p.start, p.end))), [`part one${nl}`, 'two']);
  }
});

test('canonicalizeLineEndings turns bare LF/CR into CRLF and leaves CRLF alone', () => {
  assert.equal(dec(canonicalizeLineEndings(enc('a\nb\r\nc\rd'))), 'a\r\nb\r\nc\r\nd');
  const same = enc('x\r\n');
  assert.equal(canonicalizeLineEndings(same), same);
});

test('base64EncodeParts: any split of the input and any prefix gives prefix + the same base64', async () => {
  const { base64EncodeParts } = await import('../bytes/base64');
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 4 }), fc.uint8Array({ maxLength: 5 }), (d, cuts, prefix) => {
    const points = [...new Set(cuts.map((c) => c % (d.length + 1)))].sort((a, b) => a - b);
    const parts: Uint8Array[] = [];
    let last = 0;
    for (const p of points) { parts.push(d.subarray(last, p)); last = p; }
    parts.push(d.subarray(last));
    const out = base64EncodeParts(parts, 76, prefix);
    assert.deepEqual(out.subarray(0, prefix.length), prefix);
    assert.deepEqual(out.subarray(prefix.length), base64EncodeBytes(d, 76));
    assert.deepEqual(base64Decode(out.subarray(prefix.length)), d);
  }));
});
