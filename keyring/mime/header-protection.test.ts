/** Header protection (reading) on the autocrypt/protected-headers vectors and on RFC 9788-shaped entities. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decryptPgpMime } from '../pgp/mime';
import * as pgp from '../pgp';
import { decodeEncodedWords } from './encoded-words';
import { headerValue, multipartParts, parseContentType, parseEntity } from './entity';
import { readHeaderProtection, stripLegacyDisplay } from './header-protection';

const fx = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(__dirname, 'fixtures/header-protection', name)));
const bobKey = async () => pgp.readKey(readFileSync(path.join(__dirname, '../pgp/fixtures/draft-bre-samples/bob-secret.asc'), 'utf8')) as Promise<pgp.PgpPrivateKey>;
const text = (b: Uint8Array): string => new TextDecoder().decode(b).replace(/\r\n/g, '\n');
const inner = "BarCorp contract signed, let's go!";

/** The first part of a multipart/signed entity: the signed (protected) payload. */
function signedPart(entity: Uint8Array): Uint8Array {
  const e = parseEntity(entity);
  const ct = parseContentType(headerValue(e.headers, 'content-type'));
  const first = multipartParts(e.body, ct.params.boundary!).parts[0]!;
  return e.body.subarray(first.start, first.end);
}

async function decrypted(name: string): Promise<{ outer: ReturnType<typeof parseEntity>; data: Uint8Array }> {
  const raw = fx(name);
  const r = await decryptPgpMime(raw, { decryptionKeys: [await bobKey()] });
  return { outer: parseEntity(raw), data: r.data };
}

test('pgpmime-signed: the protected Subject equals the outer one, so nothing is flagged', () => {
  const raw = fx('pgpmime-signed.eml');
  const hp = readHeaderProtection(signedPart(raw), parseEntity(raw).headers);
  assert.ok(hp);
  assert.equal(hp.scheme, 'v1');
  assert.equal(hp.fields.subject, 'The FooCorp contract');
  assert.equal(hp.fields.from, 'Alice Lovelace <alice@openpgp.example>');
  assert.equal(hp.fields.date, 'Sun, 20 Oct 2019 09:00:00 -0400');
  assert.deepEqual(hp.outside, {});
});

test('pgpmime-sign+enc: the inner Subject wins and the outer placeholder is reported as differing', async () => {
  const { outer, data } = await decrypted('pgpmime-sign+enc.eml');
  const hp = readHeaderProtection(data, outer.headers);
  assert.ok(hp);
  assert.equal(hp.fields.subject, inner);
  assert.deepEqual(hp.outside, { subject: '...' });
  assert.equal(hp.fields.to, 'Bob Babbage <bob@openpgp.example>');
  assert.equal(hp.display, data);
});

for (const name of ['pgpmime-enc+legacy-disp.eml', 'pgpmime-sign+enc+legacy-disp.eml']) {
  test(`${name}: the legacy display part is cut out of what is shown, the body stays`, async () => {
    const { outer, data } = await decrypted(name);
    const hp = readHeaderProtection(data, outer.headers);
    assert.ok(hp);
    assert.equal(hp.fields.subject, inner);
    const shown = text(hp.display);
    assert.ok(text(data).includes(`\nSubject: ${inner}\n\n--6ae`), 'the vector has the legacy part');
    assert.ok(!shown.includes('content-type: text/plain; protected-headers="v1"'));
    assert.equal(shown.match(/Subject: /g)?.length, 1, 'only the root header keeps a Subject');
    assert.ok(shown.includes('Hi Bob!'));
    assert.ok(shown.trimEnd().endsWith('--6ae--'));
  });
}

for (const name of ['pgpmime-layered.eml', 'unfortunately-complex.eml']) {
  test(`${name}: inside the encryption, the signed part carries the protected headers`, async () => {
    const { outer, data } = await decrypted(name);
    assert.equal(readHeaderProtection(data, outer.headers), null, 'the multipart/signed wrapper is not marked');
    const hp = readHeaderProtection(signedPart(data), outer.headers);
    assert.ok(hp);
    assert.equal(hp.fields.subject, inner);
    assert.equal(hp.outside.subject, '...');
  });
}

test('smime-multipart-signed: the signed part\'s headers are read', () => {
  const raw = fx('smime-multipart-signed.eml');
  const hp = readHeaderProtection(signedPart(raw), parseEntity(raw).headers);
  assert.equal(hp?.fields.from, 'Alice Lovelace <alice@smime.example>');
  assert.deepEqual(hp?.outside, {});
});

const crlf = (s: string): Uint8Array => new TextEncoder().encode(s.replace(/\n/g, '\r\n'));

test('RFC 9788 hp="cipher": encoded words decoded, a changed From and a missing outer Cc are reported', () => {
  const payload = crlf('Content-Type: text/plain; charset=utf-8; hp="cipher"\nSubject: =?UTF-8?B?UmVzdWx0czogSElWIHRlc3Q=?=\nFrom: Dr. A <a@clinic.test>\nCc: c@clinic.test\nHP-Outer: Subject: [...]\n\nbody\n');
  const outer = parseEntity(crlf('From: Mallory <m@evil.test>\nSubject: [...]\n\n')).headers;
  const hp = readHeaderProtection(payload, outer);
  assert.equal(hp?.scheme, 'rfc9788');
  assert.equal(hp?.hp, 'cipher');
  assert.equal(hp?.fields.subject, 'Results: HIV test');
  assert.deepEqual(hp?.outside, { subject: '[...]', from: 'Mallory <m@evil.test>', cc: '' });
  assert.equal(hp?.legacyDisplayInBody, false);
});

test('unmarked entities carry no protected headers, whatever their header fields', () => {
  assert.equal(readHeaderProtection(crlf('Content-Type: text/plain\nSubject: forged\n\nx\n'), null), null);
  assert.equal(readHeaderProtection(crlf('Content-Type: text/plain; hp="bogus"\nSubject: x\n\nx\n'), null), null);
});

test('RFC 9788 legacy display element: found in a nested part and stripped from text and HTML only at the start', () => {
  const payload = crlf('Content-Type: multipart/alternative; boundary="b"; hp="cipher"\nSubject: Real\n\n--b\nContent-Type: text/plain; hp-legacy-display="1"\n\nSubject: Real\n\nHello\n--b--\n');
  assert.equal(readHeaderProtection(payload, null)?.legacyDisplayInBody, true);
  const s = stripLegacyDisplay({
    text: 'Subject: Real\nCc: x@y.test\n\nHello\nSubject: keep me\n',
    html: '<div class="header-protection-legacy-display"><pre>Subject: Real</pre></div><p>Hello</p>',
  });
  assert.equal(s.text, 'Hello\nSubject: keep me\n');
  assert.equal(s.html, '<p>Hello</p>');
  assert.deepEqual(stripLegacyDisplay({ text: 'Hello\n\nSubject: x\n', html: null }), { text: 'Hello\n\nSubject: x\n', html: null });
});

test('encoded words: B and Q, adjacent words joined, unknown charsets kept as written', () => {
  assert.equal(decodeEncodedWords('=?ISO-8859-1?Q?Gr=FC=DFe_aus?= =?UTF-8?B?TcO8bmNoZW4=?='), 'Grüße ausMünchen');
  assert.equal(decodeEncodedWords('plain =?x-unknown?Q?a?='), 'plain =?x-unknown?Q?a?=');
});

test('addProtectedHeaders: the real headers and hp="cipher" on the root, HP-Outer for the placeholder; read back the same', async () => {
  const { addProtectedHeaders, obscuredSubject } = await import('./header-protection-write');
  const long = `Befund: ${'Überweisung '.repeat(12)}— ok`;
  const entity = crlf('Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\nSGk=\n');
  const out = addProtectedHeaders(entity, { subject: long, from: 'a@clinic.test', to: ['b@clinic.test', 'c@clinic.test'], cc: [] }, 'cipher');
  const raw = new TextDecoder().decode(out);
  assert.ok(raw.split('\r\n').every((l) => l.length <= 78), 'header lines are folded');
  assert.match(raw, /\r\nHP-Outer: Subject: \[\.\.\.\]\r\n/);
  assert.match(raw, /\r\nContent-Type: text\/plain; charset=utf-8; hp="cipher"\r\n/);
  assert.ok(raw.endsWith('\r\n\r\nSGk=\r\n'));
  const hp = readHeaderProtection(out, parseEntity(crlf(`From: Dr A <A@Clinic.test>\nTo: c@clinic.test, "B" <b@clinic.test>\nSubject: ${obscuredSubject}\n\n`)).headers);
  assert.equal(hp?.fields.subject, long);
  assert.equal(hp?.fields.to, 'b@clinic.test, c@clinic.test');
  // Display names, case and order of addresses are no difference; the placeholder is.
  assert.deepEqual(hp?.outside, { subject: '[...]' });
  assert.equal(readHeaderProtection(addProtectedHeaders(entity, { subject: 'x', from: null, to: [], cc: [] }, 'clear'), null)?.hp, 'clear');
});
