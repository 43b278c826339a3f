import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import * as sm from '../index';
import { TestPki, type User } from '../../testing/openssl-pki';

let pki: TestPki;
const ids: Record<string, sm.SmimeIdentity> = {};
const certs: Record<string, sm.Certificate> = {};
let users: Record<string, User>;
const entity = new TextEncoder().encode('Content-Type: text/plain; charset=utf-8\r\n\r\nHello encrypted world\r\n');
const isCode = (code: string) => (e: unknown): boolean => sm.isLockpaneErrorCode(e, code);

before(async () => {
  pki = new TestPki();
  users = { rsa: pki.user('rsa'), p256: pki.user('p256', { kind: 'p256' }), p384: pki.user('p384', { kind: 'p384' }), signOnly: pki.user('signonly', { keyUsage: 'critical,digitalSignature' }) };
  for (const [k, u] of Object.entries(users)) {
    ids[k] = (await sm.loadIdentities(new Uint8Array(readFileSync(u.pem)), undefined))[0]!;
    certs[k] = ids[k]!.certificate;
  }
});
after(() => pki.cleanup());

test('round trip: every cipher × key transport × identifier form, RSA and ECDH P-256/P-384 recipients together', async () => {
  for (const cipher of ['aes-256-gcm', 'aes-128-gcm', 'aes-256-cbc', 'aes-128-cbc'] as const) {
    for (const keyTransport of ['rsa-oaep', 'rsa-pkcs1'] as const) {
      for (const identifier of ['issuer-serial', 'ski'] as const) {
        const msg = await sm.encryptMime(entity, [certs.rsa!, certs.p256!, certs.p384!], { cipher, keyTransport, identifier });
        for (const who of ['rsa', 'p256', 'p384']) {
          const r = await sm.decryptMessage(msg, [ids[who]!]);
          assert.deepEqual(r.content, entity, `${cipher} ${keyTransport} ${identifier} ${who}`);
          assert.equal(r.integrityProtected, cipher.endsWith('gcm'));
        }
      }
    }
  }
});

test('DER output, and PEM CMS input, decrypt too', async () => {
  const der = await sm.encryptMime(entity, [certs.rsa!], { der: true, cipher: 'aes-256-gcm' });
  assert.equal(der[0], 0x30);
  assert.deepEqual((await sm.decryptMessage(der, [ids.rsa!])).content, entity);
  const pem = `-----BEGIN CMS-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CMS-----\n`;
  assert.deepEqual((await sm.decryptMessage(new TextEncoder().encode(pem), [ids.rsa!])).content, entity);
});

test('no matching recipient → cannot-decrypt; mismatched key for the named certificate → cannot-decrypt', async () => {
  const msg = await sm.encryptMime(entity, [certs.rsa!], {});
  await assert.rejects(sm.decryptMessage(msg, [ids.p256!]), isCode('cannot-decrypt'));
  const wrongKey = { ...ids.rsa!, key: (await sm.loadIdentities(new Uint8Array(readFileSync(users.signOnly!.pem)), undefined))[0]!.key };
  await assert.rejects(sm.decryptMessage(msg, [wrongKey]), isCode('cannot-decrypt'));
});

test('RSA PKCS#1 v1.5 with the wrong private key fails like damaged content (implicit rejection, no padding oracle)', async () => {
  const msg = await sm.encryptMime(entity, [certs.rsa!], { keyTransport: 'rsa-pkcs1', cipher: 'aes-256-gcm' });
  const wrongKey = { ...ids.rsa!, key: ids.signOnly!.key };
  await assert.rejects(sm.decryptMessage(msg, [wrongKey]), isCode('integrity-failure'));
  assert.deepEqual((await sm.decryptMessage(msg, [ids.rsa!])).content, entity);
});

test('AES-GCM tag or ciphertext altered → integrity-failure; CBC damage → bad-data or garbage, never the plaintext', async () => {
  const der = await sm.encryptMime(entity, [certs.rsa!], { der: true, cipher: 'aes-256-gcm' });
  const tag = der.slice();
  tag[tag.length - 1]! ^= 1;
  await assert.rejects(sm.decryptMessage(tag, [ids.rsa!]), isCode('integrity-failure'));
  const body = der.slice();
  body[body.length - 25]! ^= 1; // inside the ciphertext, before the 16-byte tag and its header
  await assert.rejects(sm.decryptMessage(body, [ids.rsa!]), isCode('integrity-failure'));
  const cbc = await sm.encryptMime(entity, [certs.rsa!], { der: true, cipher: 'aes-256-cbc' });
  const cut = cbc.slice(0, cbc.length - 16);
  await assert.rejects(sm.decryptMessage(cut, [ids.rsa!]), isCode('bad-data'));
});

test('structural damage and non-encrypted input are bad-data; missing recipients is no-recipient', async () => {
  const der = await sm.encryptMime(entity, [certs.rsa!], { der: true });
  await assert.rejects(sm.decryptMessage(der.subarray(0, 40), [ids.rsa!]), isCode('bad-data'));
  await assert.rejects(sm.decryptMessage(new TextEncoder().encode('Content-Type: text/plain\r\n\r\nhi'), [ids.rsa!]), isCode('bad-data'));
  const signed = await sm.signMime(entity, ids.rsa!, { opaque: true });
  await assert.rejects(sm.decryptMessage(signed, [ids.rsa!]), isCode('bad-data'));
  await assert.rejects(sm.encryptMime(entity, []), isCode('no-recipient'));
});

test('a certificate whose key usage forbids encryption is refused (key-not-usable) unless enforcement is off', async () => {
  await assert.rejects(sm.encryptMime(entity, [certs.signOnly!]), isCode('key-not-usable'));
  const msg = await sm.encryptMime(entity, [certs.signOnly!], { enforceUsage: false });
  assert.deepEqual((await sm.decryptMessage(msg, [ids.signOnly!])).content, entity);
});

test('LF-only input is canonicalised to CRLF before encryption (RFC 8551 §3.1.1)', async () => {
  const msg = await sm.encryptMime(new TextEncoder().encode('Content-Type: text/plain\n\nA\nB\n'), [certs.rsa!]);
  assert.equal(new TextDecoder().decode((await sm.decryptMessage(msg, [ids.rsa!])).content), 'Content-Type: text/plain\r\n\r\nA\r\nB\r\n');
});

test('AES-GCM: the in-place tag path (base64 input) still detects tampering, and raw DER input is never modified', async () => {
  const der = await sm.encryptMime(entity, [certs.rsa!], { der: true, cipher: 'aes-256-gcm' });
  const before = der.slice();
  assert.deepEqual((await sm.decryptMessage(der, [ids.rsa!])).content, entity);
  assert.deepEqual(der, before, 'the caller\'s DER is left as it was');
  const mime = (d: Uint8Array): Uint8Array => new TextEncoder().encode(
    `Content-Type: application/pkcs7-mime; smime-type=authEnveloped-data\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(d).toString('base64')}\r\n`);
  assert.deepEqual((await sm.decryptMessage(mime(der), [ids.rsa!])).content, entity);
  for (const at of [der.length - 1, der.length - 40]) {
    const bad = der.slice();
    bad[at]! ^= 1;
    await assert.rejects(sm.decryptMessage(mime(bad), [ids.rsa!]), isCode('integrity-failure'), `byte ${at}`);
  }
});
