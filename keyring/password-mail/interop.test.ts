/**
 * Real peers for the standard part. GnuPG 2.2.40 and Sequoia 1.12 (sqop 0.27) as shipped by Debian 12
 * predate RFC 9580: they read the gpg-compatible profile, and refuse the Argon2/SEIPDv2 one. Both facts are
 * asserted, so an upgrade of either peer shows up here (then the argon2 test should become a decryption).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { hasPeer, requirePeer } from '../testing/peers';
import { Gpg, randomBytes, sop, tempDir } from '../testing/pgp-interop';
import { gpgCompatibleProfile, parsePayload, sealPasswordMail } from '.';

const t = tempDir('pwmail');
let gpg: Gpg;
const password = 'dafo-mibu-teka-rosi-gune';
const pdf = randomBytes(50_000, 3);
const input = { subject: 'Befund', text: 'Guten Tag, anbei der Befund.', attachments: [{ name: 'befund.pdf', type: 'application/pdf', data: pdf }], password, senderKey: null };

before(() => { if (hasPeer('gpg')) gpg = new Gpg(t.dir); t.write('pw', password); });
after(() => { if (hasPeer('gpg')) gpg.cleanup(); t.cleanup(); });

test('gpg --decrypt reads the gpg-compatible part with the password, attachment byte-exact', async (c) => {
  if (!requirePeer(c, 'gpg')) return;
  const sealed = await sealPasswordMail({ ...input, profile: gpgCompatibleProfile });
  const r = await gpg.run(['--passphrase', password, '--decrypt'], sealed.armored);
  assert.equal(r.code, 0, r.stderr);
  const mail = parsePayload(new Uint8Array(r.stdout));
  assert.equal(mail.text, input.text);
  assert.deepEqual(mail.attachments[0]!.data, pdf);
  const wrong = await gpg.run(['--passphrase', 'wrong', '--decrypt'], sealed.armored);
  assert.notEqual(wrong.code, 0);
  assert.equal(wrong.stdout.length, 0);
});

test('sqop decrypt --with-password reads the gpg-compatible part', async (c) => {
  if (!requirePeer(c, 'sqop')) return;
  const sealed = await sealPasswordMail({ ...input, profile: gpgCompatibleProfile });
  const r = await sop('sqop', ['decrypt', '--with-password', t.file('pw')], sealed.armored);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(parsePayload(new Uint8Array(r.stdout)).attachments[0]!.data, pdf);
});

test('Debian 12 gpg 2.2 and sqop 0.27 refuse the Argon2 + SEIPDv2 profile (pre-RFC 9580 peers)', async (c) => {
  if (!requirePeer(c, 'gpg', 'sqop')) return;
  const sealed = await sealPasswordMail(input);
  const g = await gpg.run(['--passphrase', password, '--decrypt'], sealed.armored);
  assert.notEqual(g.code, 0);
  assert.match(g.stderr, /unknown version 6|no valid OpenPGP data/);
  const s = await sop('sqop', ['decrypt', '--with-password', t.file('pw')], sealed.armored);
  assert.notEqual(s.code, 0);
  assert.equal(s.stdout.length, 0);
});
