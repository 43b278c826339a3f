/** Interop with GnuPG: keys, encryption, signatures, passwords and PGP/MIME in both directions, through `lockpane sop`. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hasPeer, requirePeer } from '../../testing/peers';
import * as pgp from '../index';
import { buildEncrypted, buildSigned, decryptPgpMime, verifyPgpMime } from '../mime';
import { firstPart, Gpg, randomBytes, sopOk, sop, tempDir } from '../../testing/pgp-interop';

const t = tempDir('gpg');
let gpg: Gpg;
let gpgFpr = '';
const ok = hasPeer('gpg');

before(async () => {
  if (!ok) return;
  gpg = new Gpg(t.dir);
  gpgFpr = await gpg.genKey('Gina <gina@example.test>');
  t.write('gina.cert', (await gpg.ok(['--armor', '--export', gpgFpr])).stdout);
  t.write('gina.key', (await gpg.ok(['--passphrase', '', '--armor', '--export-secret-keys', gpgFpr])).stdout);
  t.write('alice.key', await sopOk('lockpane', ['generate-key', 'Alice <alice@example.test>']));
  t.write('alice.cert', await sopOk('lockpane', ['extract-cert'], readFileSync(t.file('alice.key'))));
  await gpg.ok(['--import', t.file('alice.cert')]);
});
after(() => { if (ok) gpg.cleanup(); t.cleanup(); });

test('gpg encrypts+signs to our key (armored and binary); we decrypt and verify', async (c) => {
  if (!requirePeer(c, 'gpg')) return;
  for (const armor of [true, false]) {
    const plain = 'from gpg with love\n';
    const enc = await gpg.ok([...(armor ? ['--armor'] : []), '-u', gpgFpr, '-r', 'alice@example.test', '--sign', '--encrypt'], plain);
    const r = await sop('lockpane', ['decrypt', '--verify-with', t.file('gina.cert'), '--verifications-out', t.file(`v-gpg-${armor}`), t.file('alice.key')], enc.stdout);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.toString(), plain);
    assert.match(readFileSync(t.file(`v-gpg-${armor}`), 'utf8'), new RegExp(` ${gpgFpr} mode:`));
  }
});

test('we encrypt+sign to gpg key and to ourselves (multi-recipient); gpg decrypts and reports GOODSIG', async (c) => {
  if (!requirePeer(c, 'gpg')) return;
  const plain = 'from lockpane\n';
  const enc = await sopOk('lockpane', ['encrypt', '--sign-with', t.file('alice.key'), t.file('gina.cert'), t.file('alice.cert')], plain);
  const r = await gpg.ok(['--status-fd', '2', '--decrypt'], enc);
  assert.equal(r.stdout.toString(), plain);
  assert.match(r.stderr, /\[GNUPG:\] GOODSIG/);
  assert.match(r.stderr, /\[GNUPG:\] DECRYPTION_OKAY/);
  const self = await sopOk('lockpane', ['decrypt', t.file('alice.key')], enc);
  assert.equal(self.toString(), plain);
});

test('keys cross over: we decrypt with the gpg-made secret key; gpg decrypts with our secret key', async (c) => {
  if (!requirePeer(c, 'gpg')) return;
  const toGina = await gpg.ok(['--armor', '-r', gpgFpr, '--encrypt'], 'for gina');
  assert.equal((await sopOk('lockpane', ['decrypt', t.file('gina.key')], toGina.stdout)).toString(), 'for gina');
  const facts = await pgp.describeKey(await pgp.readKey(readFileSync(t.file('gina.key'))));
  assert.equal(facts.fingerprint, gpgFpr);
  assert.ok(facts.canEncrypt && facts.canSign);
  const home2 = new Gpg(t.file('second'));
  try {
    await home2.ok(['--import', t.file('alice.key')]);
    const enc = await sopOk('lockpane', ['encrypt', '--no-armor', t.file('alice.cert')], 'for alice');
    const r = await home2.ok(['--decrypt'], enc);
    assert.equal(r.stdout.toString(), 'for alice');
    const signed = await home2.ok(['--armor', '-u', 'alice@example.test', '--detach-sign'], 'signed by our key in gpg');
    t.write('alice-by-gpg.sig', signed.stdout);
    const v = await sop('lockpane', ['verify', t.file('alice-by-gpg.sig'), t.file('alice.cert')], 'signed by our key in gpg');
    assert.equal(v.code, 0, v.stderr);
  } finally {
    home2.cleanup();
  }
});

test('detached signatures both ways; SHA-1 signatures are never good', async (c) => {
  if (!requirePeer(c, 'gpg')) return;
  const data = randomBytes(100_000, 7);
  t.write('data.bin', data);
  const gsig = await gpg.ok(['-u', gpgFpr, '--detach-sign', '--output', '-', t.file('data.bin')]);
  t.write('gpg.sig', gsig.stdout);
  const v = await sop('lockpane', ['verify', t.file('gpg.sig'), t.file('gina.cert')], data);
  assert.equal(v.code, 0, v.stderr);
  assert.match(v.stdout.toString(), new RegExp(gpgFpr));
  const osig = await sopOk('lockpane', ['sign', t.file('alice.key')], data);
  t.write('ours.sig', osig);
  const gv = await gpg.run(['--status-fd', '2', '--verify', t.file('ours.sig'), t.file('data.bin')]);
  assert.equal(gv.code, 0, gv.stderr);
  assert.match(gv.stderr, /\[GNUPG:\] GOODSIG/);
  const sha1 = await gpg.ok(['-u', gpgFpr, '--digest-algo', 'SHA1', '--detach-sign', '--output', '-', t.file('data.bin')]);
  t.write('sha1.sig', sha1.stdout);
  assert.equal((await sop('lockpane', ['verify', t.file('sha1.sig'), t.file('gina.cert')], data)).code, 3);
  const report = await pgp.verify({ data, signature: sha1.stdout, verificationKeys: await pgp.readKeys(readFileSync(t.file('gina.cert'))) });
  assert.equal(report.signatures[0]!.status, 'unsupported');
});

test('cleartext signatures both ways', async (c) => {
  if (!requirePeer(c, 'gpg')) return;
  const text = 'Meet at noon.\n- bring the keys\nFrom the top\n';
  const gcs = await gpg.ok(['-u', gpgFpr, '--clearsign'], text);
  const v = await sop('lockpane', ['inline-verify', t.file('gina.cert')], gcs.stdout);
  assert.equal(v.code, 0, v.stderr);
  assert.equal(v.stdout.toString().replace(/\r\n/g, '\n').trimEnd(), text.trimEnd());
  const ocs = await sopOk('lockpane', ['inline-sign', '--as=clearsigned', t.file('alice.key')], text);
  const gv = await gpg.run(['--status-fd', '2', '--decrypt'], ocs);
  assert.equal(gv.code, 0, gv.stderr);
  assert.match(gv.stderr, /\[GNUPG:\] GOODSIG/);
  assert.equal(gv.stdout.toString().replace(/\r\n/g, '\n').trimEnd(), text.trimEnd());
});

test('password encryption both ways', async (c) => {
  if (!requirePeer(c, 'gpg')) return;
  t.write('pw', 'correct horse battery\n');
  const g = await gpg.ok(['--passphrase', 'correct horse battery', '--symmetric', '--armor'], 'pw from gpg');
  assert.equal((await sopOk('lockpane', ['decrypt', '--with-password', t.file('pw')], g.stdout)).toString(), 'pw from gpg');
  const o = await sopOk('lockpane', ['encrypt', '--with-password', t.file('pw')], 'pw from us');
  const d = await gpg.ok(['--passphrase', 'correct horse battery', '--decrypt'], o);
  assert.equal(d.stdout.toString(), 'pw from us');
});

test('3 MB of binary data both ways', async (c) => {
  if (!requirePeer(c, 'gpg')) return;
  const data = randomBytes(3 * 1024 * 1024, 99);
  const o = await sopOk('lockpane', ['encrypt', '--no-armor', t.file('gina.cert')], data);
  const d = await gpg.ok(['--decrypt'], o);
  assert.ok(Buffer.from(d.stdout).equals(Buffer.from(data)));
  const g = await gpg.ok(['-r', 'alice@example.test', '--encrypt'], data);
  const back = await sopOk('lockpane', ['decrypt', t.file('alice.key')], g.stdout);
  assert.ok(back.equals(Buffer.from(data)));
});

test('PGP/MIME: ours verified and decrypted by gpg; gpg-made multipart/signed and multipart/encrypted read by us', async (c) => {
  if (!requirePeer(c, 'gpg')) return;
  const alice = await pgp.readKey(readFileSync(t.file('alice.key'))) as pgp.PgpPrivateKey;
  const gina = await pgp.readKey(readFileSync(t.file('gina.cert')));
  const entity = 'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nHi Gina,=0D=0Athe plan stands.\r\n';
  // ours → gpg: cut the parts with plain string search (not our parser)
  const signed = await buildSigned({ entity, signingKeys: [alice] });
  const mime = new TextDecoder().decode(signed.entity);
  const boundary = /boundary="([^"]+)"/.exec(signed.contentType)![1]!;
  t.write('part.txt', firstPart(mime, boundary));
  const sigStart = mime.indexOf('-----BEGIN PGP SIGNATURE-----');
  t.write('part.sig', mime.slice(sigStart, mime.indexOf('-----END PGP SIGNATURE-----') + 27));
  const gv = await gpg.run(['--status-fd', '2', '--verify', t.file('part.sig'), t.file('part.txt')]);
  assert.equal(gv.code, 0, gv.stderr);
  assert.match(gv.stderr, /GOODSIG/);
  const enc = await buildEncrypted({ entity, encryptionKeys: [gina], signingKeys: [alice] });
  const encText = new TextDecoder().decode(enc.entity);
  const armored = encText.slice(encText.indexOf('-----BEGIN PGP MESSAGE-----'), encText.indexOf('-----END PGP MESSAGE-----') + 25);
  const gd = await gpg.ok(['--status-fd', '2', '--decrypt'], armored);
  assert.equal(gd.stdout.toString(), entity);
  assert.match(gd.stderr, /GOODSIG/);

  // gpg → ours (built as RECIPES.md describes: gpg signs the CRLF entity, the MIME is assembled around it)
  const gsig = await gpg.ok(['-u', gpgFpr, '--armor', '--digest-algo', 'SHA256', '--detach-sign'], entity);
  const gmime = 'From: gina@example.test\r\nMIME-Version: 1.0\r\nContent-Type: multipart/signed; micalg=pgp-sha256;\r\n protocol="application/pgp-signature"; boundary="GB"\r\n\r\n' +
    `--GB\r\n${entity}\r\n--GB\r\nContent-Type: application/pgp-signature\r\n\r\n${gsig.stdout.toString()}\r\n--GB--\r\n`;
  const ours = await verifyPgpMime(gmime, { verificationKeys: [gina], expectedSenderEmail: 'gina@example.test' });
  assert.equal(ours.signatures[0]!.status, 'good');
  assert.equal(ours.signatures[0]!.senderMatches, true);
  assert.equal(new TextDecoder().decode(ours.signedEntity), entity);
  const lfOnly = await verifyPgpMime(gmime.replace(/\r\n/g, '\n'), { verificationKeys: [gina] });
  assert.equal(lfOnly.signatures[0]!.status, 'good');
  const genc = await gpg.ok(['-u', gpgFpr, '-r', 'alice@example.test', '--armor', '--sign', '--encrypt'], entity);
  const emime = 'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="EB"\r\n\r\n' +
    '--EB\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n' +
    `--EB\r\nContent-Type: application/octet-stream; name="encrypted.asc"\r\n\r\n${genc.stdout.toString()}\r\n--EB--\r\n`;
  const dec = await decryptPgpMime(emime, { decryptionKeys: [alice], verificationKeys: [gina] });
  assert.equal(new TextDecoder().decode(dec.data), entity);
  assert.equal(dec.signatures[0]!.status, 'good');
});
