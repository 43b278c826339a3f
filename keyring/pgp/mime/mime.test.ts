/** PGP/MIME build/parse round trips, exact canonicalisation, and the header-protection vectors' PGP/MIME. */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as pgp from '../index';
import { buildEncrypted, buildSigned, decryptPgpMime, parsePgpMime, verifyPgpMime } from './index';

const entity = 'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nHello Bob,=0D=0A\r\nsigned & sealed.\r\n';
let alice: pgp.PgpPrivateKey;
let bob: pgp.PgpPrivateKey;
before(async () => {
  alice = await pgp.readKey((await pgp.generateKey({ userIDs: [{ email: 'alice@example.test' }] })).privateKeyArmored) as pgp.PgpPrivateKey;
  bob = await pgp.readKey((await pgp.generateKey({ userIDs: [{ email: 'bob@example.test' }] })).privateKeyArmored) as pgp.PgpPrivateKey;
});

const withHeaders = (m: { entity: Uint8Array }) =>
  new Uint8Array([...new TextEncoder().encode('From: alice@example.test\r\nTo: bob@example.test\r\nSubject: t\r\nMIME-Version: 1.0\r\n'), ...m.entity]);

test('multipart/signed: verifies, signed bytes are exact, survives CRLF→LF, tampering is caught', async () => {
  const signed = await buildSigned({ entity, signingKeys: [alice] });
  assert.match(signed.contentType, /^multipart\/signed; micalg="pgp-sha\d+"; protocol="application\/pgp-signature"/);
  const raw = withHeaders(signed);
  const v = await verifyPgpMime(raw, { verificationKeys: [alice], expectedSenderEmail: 'alice@example.test' });
  assert.equal(new TextDecoder().decode(v.signedEntity), entity);
  assert.equal(v.signatures[0]!.status, 'good');
  assert.equal(v.signatures[0]!.senderMatches, true);

  const lf = new TextDecoder().decode(raw).replace(/\r\n/g, '\n');
  const v2 = await verifyPgpMime(lf, { verificationKeys: [alice] });
  assert.equal(v2.signatures[0]!.status, 'good');

  const tampered = new TextDecoder().decode(raw).replace('signed & sealed', 'signed & stolen');
  const v3 = await verifyPgpMime(tampered, { verificationKeys: [alice] });
  assert.equal(v3.signatures[0]!.status, 'bad');
});

test('multipart/encrypted (signed inside): decrypts to the entity with a good signature', async () => {
  const enc = await buildEncrypted({ entity, encryptionKeys: [bob.toPublic()], signingKeys: [alice] });
  assert.match(enc.contentType, /^multipart\/encrypted; protocol="application\/pgp-encrypted"/);
  const parsed = await parsePgpMime(withHeaders(enc));
  assert.equal(parsed.kind, 'encrypted');
  const r = await decryptPgpMime(withHeaders(enc), { decryptionKeys: [bob], verificationKeys: [alice] });
  assert.equal(new TextDecoder().decode(r.data), entity);
  assert.equal(r.signatures[0]!.status, 'good');
  // nested: encrypt a multipart/signed entity, decrypt, then verify the inner part
  const inner = await buildSigned({ entity, signingKeys: [alice] });
  const outer = await buildEncrypted({ entity: inner.entity, encryptionKeys: [bob.toPublic()] });
  const d = await decryptPgpMime(withHeaders(outer), { decryptionKeys: [bob] });
  const v = await verifyPgpMime(d.data, { verificationKeys: [alice] });
  assert.equal(v.signatures[0]!.status, 'good');
});

test('not PGP/MIME, and malformed multiparts, are typed', async () => {
  assert.equal((await parsePgpMime('Content-Type: text/plain\r\n\r\nhi\r\n')).kind, 'none');
  await assert.rejects(parsePgpMime('Content-Type: multipart/signed; protocol="application/pgp-signature"\r\n\r\n--x\r\n'), { name: 'LockpaneError' });
  await assert.rejects(parsePgpMime('Content-Type: multipart/signed; protocol="application/pgp-signature"; boundary=x\r\n\r\n--x\r\nA\r\n--x--\r\n'), { name: 'LockpaneError' });
});

test('header-protection vectors (draft-bre Alice → Bob): signed verifies, encrypted decrypts', async () => {
  const fx = path.join(__dirname, '../fixtures/pgp-mime');
  const load = (f: string) => readFileSync(path.join(fx, f));
  const aliceBre = await pgp.readKey(readFileSync(path.join(__dirname, '../fixtures/draft-bre-samples/alice.asc')));
  const bobBre = await pgp.readKey(readFileSync(path.join(__dirname, '../fixtures/draft-bre-samples/bob-secret.asc'))) as pgp.PgpPrivateKey;
  const s = await verifyPgpMime(load('pgpmime-signed.eml'), { verificationKeys: [aliceBre], expectedSenderEmail: 'alice@openpgp.example' });
  assert.equal(s.signatures[0]!.status, 'good');
  assert.equal(s.signatures[0]!.senderMatches, true);
  const e = await decryptPgpMime(load('pgpmime-sign+enc.eml'), { decryptionKeys: [bobBre], verificationKeys: [aliceBre] });
  assert.match(new TextDecoder().decode(e.data), /BarCorp contract signed, let's go!/);
  assert.equal(e.signatures[0]!.status, 'good');
});

test('fuzz: random and mutated MIME to parsePgpMime/verifyPgpMime gives only LockpaneErrors', async () => {
  const fc = (await import('fast-check')).default;
  const { LockpaneError } = await import('../../errors');
  const signed = await buildSigned({ entity, signingKeys: [alice] });
  const base = withHeaders(signed);
  const check = async (bytes: Uint8Array) => {
    try {
      await parsePgpMime(bytes);
      await verifyPgpMime(bytes, { verificationKeys: [alice] });
    } catch (e) {
      if (!(e instanceof LockpaneError)) throw new Error(`untyped error: ${String(e)}`, { cause: e });
    }
  };
  await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 1500 }), check), { numRuns: 60 });
  await fc.assert(fc.asyncProperty(fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 5 }), fc.nat({ max: 300 }),
    async (edits, cut) => {
      const m = base.slice(0, Math.max(1, base.length - cut));
      for (const e of edits) m[e.at % m.length] = e.value;
      await check(m);
    }), { numRuns: 80 });
});
