/**
 * The raw-message reader on mails real peers made (gpg, openssl cms): PGP/MIME signed (exact bytes, LF
 * fallback, tampering, someone else's signature), encrypted+signed, per-file encrypted attachments,
 * S/MIME opaque/detached/enveloped/AuthEnveloped and as an smime.p7m attachment.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { TestPki, type User } from '../../../keyring/testing/openssl-pki';
import { hasPeer, requirePeer } from '../../../keyring/testing/peers';
import type { ReaderContent, ReaderResult } from '../../shared/reader-result';
import { readRaw, type RawRead } from './read-raw';
import { bobKeyring } from '../../testing/bob-keyring';
import { opensslMail, PeerGpg, pgpInline, pgpMimeEncrypted, pgpMimeSigned, pgpWithFiles, smimeAsAttachment, tamper, textEntity } from '../../testing/peer-mail';

const h = { from: 'alice@example.test', to: 'bob@example.test', subject: 'raw test' };
let gpg: PeerGpg;
let mallory: PeerGpg;
let pki: TestPki;
let aliceCert: User;
let bobCert: User;
let bob: Awaited<ReturnType<typeof makeBob>>;

const makeBob = () => bobKeyring(bobCert, pki.caCrt);

const ready = () => hasPeer('gpg') && hasPeer('openssl');

before(async () => {
  if (!ready()) return;
  pki = new TestPki();
  aliceCert = pki.user('alice');
  bobCert = pki.user('bob');
  bob = await makeBob();
  gpg = new PeerGpg();
  const alicePub = gpg.generate('Alice <alice@example.test>');
  gpg.importKey(bob.publicKey);
  mallory = new PeerGpg();
  const malloryPub = mallory.generate('Mallory <mallory@example.test>');
  for (const k of [alicePub, malloryPub]) await bob.keyring.import({ text: k }, 'mail');
});
after(() => { gpg?.cleanup(); mallory?.cleanup(); pki?.cleanup(); });

async function read(raw: Uint8Array, sender = 'alice@example.test'): Promise<RawRead> {
  return readRaw(raw, sender, bob.keyring, bob.smime, {});
}

async function unlocked(): Promise<void> {
  await bob.keyring.unlock(bob.fingerprint, 'bob passphrase');
}

function shown(r: ReaderResult): ReaderContent {
  assert.equal(r.state, 'content');
  return (r as { content: ReaderContent }).content;
}

describe('raw messages from real peers', () => {
  it('PGP/MIME signed by gpg: valid over the exact bytes, sender matches; LF-only copy verifies by fallback', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const mail = pgpMimeSigned(gpg, h, textEntity('Signed hello from gpg'));
    const c = shown((await read(mail)).result);
    assert.equal(c.encrypted, false);
    assert.match(c.text ?? '', /Signed hello from gpg/);
    assert.equal(c.signatures.length, 1);
    assert.equal(c.signatures[0]!.status, 'valid');
    assert.equal(c.signatures[0]!.senderMatches, true);
    const lf = Buffer.from(mail.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    assert.equal(shown((await read(lf)).result).signatures[0]!.status, 'valid');
  });

  it('a PGP/MIME signed part inside another mail with text of its own is partially signed (SECURITY A2.3); alone it is not', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const signed = pgpMimeSigned(gpg, h, textEntity('Genuinely signed'));
    assert.equal(shown((await read(signed)).result).partiallySigned, false);
    const wrapped = Buffer.concat([
      Buffer.from('From: alice@example.test\r\nContent-Type: multipart/mixed; boundary="w"\r\n\r\n--w\r\nContent-Type: text/plain\r\n\r\nPay the bearer 1000 EUR.\r\n--w\r\n'),
      signed.subarray(signed.indexOf('MIME-Version')), Buffer.from('\r\n--w--\r\n'),
    ]);
    const c = shown((await read(wrapped)).result);
    assert.equal(c.signatures[0]!.status, 'valid');
    assert.equal(c.partiallySigned, true);
    assert.doesNotMatch(c.text ?? '', /Pay the bearer/);
  });

  it('PGP/MIME signed, one byte of the signed part changed: invalid; signed by someone else: mismatch', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const bad = tamper(pgpMimeSigned(gpg, h, textEntity('Pay 100 EUR')), '100 EUR');
    assert.equal(shown((await read(bad)).result).signatures[0]!.status, 'invalid');
    const other = pgpMimeSigned(mallory, h, textEntity('I am Alice, honestly'), 'mallory@example.test');
    const sig = shown((await read(other)).result).signatures[0]!;
    assert.equal(sig.senderMatches, false);
    assert.match(sig.signer ?? '', /mallory/);
  });

  it('PGP/MIME encrypted+signed and inline PGP: needs the passphrase, then plaintext and a good signature', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const mail = pgpMimeEncrypted(gpg, h, textEntity('Secret PGP/MIME body'));
    const first = await readRaw(mail, 'alice@example.test', bob.keyring, bob.smime, {});
    assert.equal(first.result.state, 'needs-passphrase');
    const again = await readRaw(mail, 'alice@example.test', bob.keyring, bob.smime, { fingerprint: bob.fingerprint, passphrase: 'bob passphrase' });
    assert.equal(again.result.state, 'content');
    const c = shown((await read(mail)).result);
    assert.equal(c.encrypted, true);
    assert.match(c.text ?? '', /Secret PGP\/MIME body/);
    assert.equal(c.signatures[0]!.status, 'valid');
    const inline = shown((await read(pgpInline(gpg, h, 'Inline secret'))).result);
    assert.match(inline.text ?? '', /Inline secret/);
  });

  it('per-file encrypted attachments: listed without .pgp, bytes decrypted exactly', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    await unlocked();
    const pdf = Buffer.alloc(300_000, 7);
    pdf.write('%PDF-1.7 test', 0);
    const r = await read(pgpWithFiles(gpg, h, 'See the files', [{ name: 'report.pdf', data: pdf }, { name: 'notes.txt', data: Buffer.from('n\u00f6tes') }]));
    const c = shown(r.result);
    assert.match(c.text ?? '', /See the files/);
    assert.deepEqual(c.attachments.map((a) => [a.filename, a.size]), [['report.pdf', pdf.length], ['notes.txt', 6]]);
    assert.deepEqual(Buffer.from(r.files[0]!), pdf);
    assert.equal(c.signatures[0]!.status, 'valid');
  });

  it('S/MIME by openssl: opaque and detached signed, enveloped (OAEP, PKCS#1), AuthEnveloped GCM, as smime.p7m attachment; tampered detached is invalid', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const inner = textEntity('S/MIME peer text');
    const signArgs = ['-sign', '-signer', aliceCert.crt, '-inkey', aliceCert.key, '-md', 'sha256'];
    const opaque = shown((await read(opensslMail(h, [...signArgs, '-nodetach'], inner))).result);
    assert.match(opaque.text ?? '', /S\/MIME peer text/);
    assert.equal(opaque.signatures[0]!.status, 'verified');
    assert.equal(opaque.signatures[0]!.senderMatches, true);
    const detached = opensslMail(h, signArgs, inner);
    assert.equal(shown((await read(detached)).result).signatures[0]!.status, 'verified');
    assert.equal(shown((await read(tamper(detached, 'peer text'))).result).signatures[0]!.status, 'invalid');
    assert.equal(shown((await read(detached, 'carol@example.test')).result).signatures[0]!.senderMatches, false);

    const [cert] = await bob.keyring.lockedOwnCertificates();
    assert.ok(cert);
    await bob.keyring.unlock(cert.fingerprint, 'bob passphrase');
    const signed = opensslMail(h, signArgs, inner);
    for (const enc of [
      ['-aes-256-cbc', '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'],
      ['-aes-256-cbc'],
      ['-aes-256-gcm', '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'],
    ]) {
      const c = shown((await read(opensslMail(h, ['-encrypt', enc[0]!, '-recip', bobCert.crt, ...enc.slice(1)], signed))).result);
      assert.equal(c.encrypted, true, enc.join(' '));
      assert.match(c.text ?? '', /S\/MIME peer text/);
      assert.equal(c.signatures[0]!.status, 'verified');
      assert.equal(c.integrityProtected, enc[0] === '-aes-256-gcm');
    }
    const der = opensslMail(h, ['-encrypt', '-aes-256-cbc', '-recip', bobCert.crt, '-outform', 'DER'], signed);
    const att = shown((await read(smimeAsAttachment(h, der))).result);
    assert.match(att.text ?? '', /S\/MIME peer text/);
    assert.doesNotMatch(att.text ?? '', /open the attachment/);
  });

  it('Lockpane\'s own Roundcube S/MIME (smime.p7m stored as application/octet-stream, files inside): text and files listed and kept', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const file = Buffer.from('%PDF-1.4 inner file');
    const inner = Buffer.from('Content-Type: multipart/mixed; boundary="in"\r\n\r\n--in\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBody with a file\r\n'
      + `--in\r\nContent-Type: application/pdf; name="lab.pdf"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="lab.pdf"\r\n\r\n${file.toString('base64')}\r\n--in--\r\n`);
    const der = opensslMail(h, ['-encrypt', '-aes-256-gcm', '-recip', bobCert.crt, '-outform', 'DER'], inner);
    const mail = Buffer.from(smimeAsAttachment(h, der).toString('latin1').replace('application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"', 'application/octet-stream; name=smime.p7m'), 'latin1');
    const r = await read(mail);
    const c = shown(r.result);
    assert.match(c.text ?? '', /Body with a file/);
    assert.equal(c.integrityProtected, true);
    assert.deepEqual(c.attachments.map((a) => a.filename), ['lab.pdf']);
    assert.deepEqual(Buffer.from(r.files[0]!), file);
  });

  it('a mail with nothing protected is refused with a typed error', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    await assert.rejects(read(Buffer.from('From: a@b\r\nSubject: x\r\n\r\nhello\r\n')), (e: { code?: string }) => e.code === 'bad-data');
  });
});
