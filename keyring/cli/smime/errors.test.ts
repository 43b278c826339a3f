/**
 * Every bad input to `lockpane smime` is named in the user's terms (empty file, truncated PEM block,
 * truncated message, a certificate where a key is needed, wrong password, input that is not a MIME
 * entity), with its exit code and nothing on stdout. No library wording ("PFX is not valid DER",
 * "certificate: not DER", "Maximum ASN.1 content length exceeded") reaches the user.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { runLockpaneSource as lockpane } from '../../testing/cli';
import { hasPeer, requirePeer } from '../../testing/peers';
import { TestPki, type User } from '../../testing/openssl-pki';

let pki: TestPki;
let bob: User;
const part = 'Content-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n';
const libraryWording = /PFX is not valid DER|certificate: not DER|Maximum ASN\.1|schema was not verified/;

before(() => {
  if (!hasPeer('openssl')) return;
  pki = new TestPki();
  bob = pki.user('bob');
  pki.write('part.txt', part);
  pki.write('pw.txt', 'test\n');
  pki.write('wrong.txt', 'wrong\n');
  pki.write('empty.pem', '');
  pki.write('blank.pem', '\n\n');
  pki.write('notes.txt', 'my key is somewhere else\n');
  pki.write('bob-truncated.crt', readFileSync(bob.crt).subarray(0, 600));
  pki.write('bob-truncated-key.pem', readFileSync(bob.key).subarray(0, 300));
  pki.write('bob.der', pki.openssl(['x509', '-in', bob.crt, '-outform', 'DER']));
});
after(() => pki?.cleanup());

type Case = { what: string; args: string[]; stdin: () => Uint8Array | string; code: number; message: RegExp };

const cases = (): Case[] => {
  const mime = pki.openssl(['cms', '-encrypt', '-in', 'part.txt', '-aes-256-cbc', bob.crt]);
  const der = pki.openssl(['cms', '-encrypt', '-in', 'part.txt', '-aes-256-cbc', '-outform', 'DER', bob.crt]);
  return [
    { what: 'empty .pem key file', args: ['decrypt', pki.file('empty.pem')], stdin: () => mime, code: 41, message: /empty\.pem: the key file is empty/ },
    { what: 'key file of blank lines', args: ['decrypt', pki.file('blank.pem')], stdin: () => mime, code: 41, message: /the key file is empty/ },
    { what: 'truncated PEM key', args: ['decrypt', pki.file('bob-truncated-key.pem')], stdin: () => mime, code: 41, message: /truncated PEM block "PRIVATE KEY": it has no "-----END PRIVATE KEY-----" line/ },
    { what: 'text file as key', args: ['decrypt', pki.file('notes.txt')], stdin: () => mime, code: 41, message: /not a key file: expected PEM .* or PKCS#12/ },
    { what: 'PEM certificate as key', args: ['decrypt', bob.crt], stdin: () => mime, code: 41, message: /no private key in the PEM input \(it holds CERTIFICATE\)/ },
    { what: 'DER certificate as key', args: ['decrypt', pki.file('bob.der')], stdin: () => mime, code: 41, message: /this is a certificate, not a key file/ },
    { what: 'wrong PKCS#12 password', args: ['decrypt', '--password-file', pki.file('wrong.txt'), bob.p12], stdin: () => mime, code: 67, message: /password is wrong/ },
    { what: 'missing PKCS#12 password', args: ['decrypt', bob.p12], stdin: () => mime, code: 67, message: /needs its password/ },
    { what: 'truncated DER message', args: ['decrypt', bob.pem], stdin: () => der.subarray(0, 200), code: 41, message: /the message is truncated: it ends before its CMS structure does/ },
    { what: 'truncated MIME message', args: ['decrypt', bob.pem], stdin: () => mime.subarray(0, 601), code: 41, message: /the message is truncated/ },
    { what: 'truncated message, inspect', args: ['inspect'], stdin: () => der.subarray(0, 200), code: 41, message: /the message is truncated/ },
    { what: 'truncated PEM certificate', args: ['encrypt', pki.file('bob-truncated.crt')], stdin: () => part, code: 41, message: /truncated PEM block "CERTIFICATE": it has no "-----END CERTIFICATE-----" line/ },
    { what: 'empty certificate file', args: ['encrypt', pki.file('empty.pem')], stdin: () => part, code: 41, message: /the certificate file is empty/ },
    { what: 'text file as certificate', args: ['encrypt', pki.file('notes.txt')], stdin: () => part, code: 41, message: /not a certificate: expected PEM/ },
    { what: 'private key as certificate', args: ['encrypt', bob.key], stdin: () => part, code: 41, message: /no certificate in the PEM input \(it holds PRIVATE KEY\)/ },
    { what: 'truncated trust root', args: ['verify', '--trust-root', pki.file('bob-truncated.crt')], stdin: () => part, code: 41, message: /truncated PEM block "CERTIFICATE"/ },
    { what: 'header-less input to encrypt', args: ['encrypt', bob.crt], stdin: () => 'Hello, just text\n', code: 41, message: /stdin is not a MIME entity: its first line is not a header field/ },
    { what: 'header-less input to sign', args: ['sign', bob.pem], stdin: () => 'Hello\n\nmore\n', code: 41, message: /stdin is not a MIME entity/ },
    { what: 'empty input to encrypt', args: ['encrypt', bob.crt], stdin: () => '', code: 41, message: /stdin is empty/ },
  ];
};

test('each bad input names what is wrong, with its exit code and nothing on stdout', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  for (const c of cases()) {
    const r = await lockpane(['smime', ...c.args], c.stdin());
    assert.equal(r.code, c.code, `${c.what}: ${r.stderr}`);
    assert.match(r.stderr, c.message, c.what);
    assert.doesNotMatch(r.stderr, libraryWording, c.what);
    assert.equal(r.stdout.length, 0, `${c.what}: nothing on stdout`);
  }
});

test('a MIME entity without Content-Type is sealed with a note; a leading blank line (no headers) is a valid entity', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  const noType = await lockpane(['smime', 'encrypt', bob.crt], 'Subject: hi\r\n\r\nbody\r\n');
  assert.equal(noType.code, 0, noType.stderr);
  assert.match(noType.stderr, /no Content-Type header/);
  const f = pki.write('nt.eml', noType.stdout);
  assert.equal(pki.openssl(['cms', '-decrypt', '-in', f, '-recip', bob.crt, '-inkey', bob.key]).toString(), 'Subject: hi\r\n\r\nbody\r\n');
  const bare = await lockpane(['smime', 'encrypt', bob.crt], '\r\nbody only\r\n');
  assert.equal(bare.code, 0, bare.stderr);
  const folded = await lockpane(['smime', 'encrypt', bob.crt], 'Content-Type: text/plain;\r\n charset=utf-8\r\n\r\nx\r\n');
  assert.equal(folded.code, 0, folded.stderr);
  assert.equal(folded.stderr, '');
});

test('a mail that quotes a PEM BEGIN line in its text is still read as a mail, not as a truncated PEM block', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  const quoting = 'Content-Type: text/plain\r\n\r\nPaste yours after this line:\r\n-----BEGIN CERTIFICATE-----\r\n';
  const signed = await lockpane(['smime', 'sign', '--password-file', pki.file('pw.txt'), bob.p12], quoting);
  assert.equal(signed.code, 0, signed.stderr);
  const v = await lockpane(['smime', 'verify', '--trust-root', pki.caCrt], signed.stdout);
  assert.equal(v.code, 0, v.stderr);
  assert.equal(v.stdout.toString(), quoting);
});
