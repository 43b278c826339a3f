/**
 * What arrives with mail is offered in the reader and imported on a click (issue #5): the signer
 * certificate carried in S/MIME signatures made by openssl (smime and cms, opaque, detached, inside an
 * encrypted mail, and the armored PEM path), never with -nocerts; gpg-exported public keys attached to
 * a mail (key-only mails, several keys in one file, binary, inside PGP/MIME), corrupt key files as typed
 * errors; a different key or certificate for a known address held as a key change. Handlers run with a
 * real keyring; senders are faked as the router would classify them.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it, type TestContext } from 'node:test';
import { TestPki, type User } from '../../../keyring/testing/openssl-pki';
import { hasPeer, requirePeer } from '../../../keyring/testing/peers';
import type { MailOffer, ReaderContent } from '../../shared/reader-result';
import { createComposeService } from '../compose/compose-service';
import { readerPayloadSchema } from '../frame-payloads';
import { createFrameTokens } from '../frame-tokens';
import { memoryArea } from '../kv';
import { createRawStore } from '../reader/raw-store';
import {
  mailWithAttachments, opensslMail, opensslSmimeMail, PeerGpg, pgpMimeEncrypted, pgpMimeSigned, textEntity, withAttachmentsEntity,
} from '../../testing/peer-mail';
import type { Services } from '../services';
import { bobKeyring } from '../../testing/bob-keyring';
import { readerHandlers } from './reader';
import { routedCode, testContent, testReaderFrame } from '../../testing/routed';

const content = testContent;
const frame = testReaderFrame;
const contentSender = { url: 'http://mail.test/', origin: 'http://mail.test', tab: { id: 3 }, frameId: 7 };
const h = { from: 'alice@example.test', to: 'bob@example.test', subject: 'offers' };

let pki: TestPki;
let otherPki: TestPki;
let alice: User;
let bobCert: User;
let gpg: PeerGpg;
let aliceArmored: string;
let carolArmored: string;
let daveBinary: Buffer;

before(() => {
  if (!hasPeer('gpg') || !hasPeer('openssl')) return;
  pki = new TestPki();
  otherPki = new TestPki('Other Test CA');
  alice = pki.user('alice');
  bobCert = pki.user('bob');
  gpg = new PeerGpg();
  aliceArmored = gpg.generate('Alice <alice@example.test>');
  carolArmored = gpg.generate('Carol <carol@example.test>');
  gpg.generate('Dave <dave@example.test>');
  daveBinary = gpg.gpg(['--export', 'dave@example.test']);
});
after(() => { gpg?.cleanup(); pki?.cleanup(); otherPki?.cleanup(); });

/** Bob: an OpenPGP key, his S/MIME certificate, and the test CA as a root he trusts. */
async function makeBob() {
  const { keyring, smime, fingerprint, publicKey } = await bobKeyring(bobCert, pki.caCrt);
  const session = memoryArea();
  const services = { keyring, smime, readerTokens: createFrameTokens(session, readerPayloadSchema), rawMessages: createRawStore(session) } as unknown as Services;
  const compose = createComposeService(keyring, memoryArea(), smime);
  gpg.importKey(publicKey);
  return { keyring, smime, compose, services, h: readerHandlers(services), pgpFingerprint: fingerprint };
}
type Bob = Awaited<ReturnType<typeof makeBob>>;

async function openMail(bob: Bob, mail: Uint8Array, sender = 'alice@example.test'): Promise<{ token: string; shown: ReaderContent }> {
  const { token } = await bob.h['reader.openRaw']({ base64: Buffer.from(mail).toString('base64'), sender }, content);
  await bob.h['reader.claim']({ token }, frame);
  const r = await bob.h['reader.decrypt']({ token }, frame);
  assert.equal(r.state, 'content');
  return { token, shown: (r as { content: ReaderContent }).content };
}

function sha256Of(crt: string): string {
  return execFileSync('openssl', ['x509', '-in', crt, '-noout', '-fingerprint', '-sha256']).toString().trim().split('=')[1]!.replace(/:/g, '').toUpperCase();
}

function gpgFingerprint(uid: string): string {
  return /^fpr:+([0-9A-F]{40}):/m.exec(gpg.gpg(['--with-colons', '--list-keys', uid]).toString())![1]!;
}

const offersOf = (c: ReaderContent): MailOffer[] => c.mailOffers ?? [];
const fingerprintsOf = (c: ReaderContent): string[] => offersOf(c).map((o) => (o.kind === 'unreadable' ? `unreadable:${o.filename}` : o.fingerprint));
const signArgs = () => ['-sign', '-signer', alice.crt, '-inkey', alice.key, '-md', 'sha256'];

describe('certificates carried in S/MIME signatures', () => {
  it('openssl smime (opaque) and cms (detached) carry Alice\'s certificate: offered once, imported on click, then known and usable', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const bob = await makeBob();
    const fp = sha256Of(alice.crt);
    const opaque = opensslSmimeMail(h, [...signArgs(), '-nodetach'], textEntity('Opaque signed with my certificate'));
    const { token, shown } = await openMail(bob, opaque);
    assert.match(shown.text ?? '', /Opaque signed/);
    assert.equal(shown.signatures[0]!.status, 'verified');
    const [offer, ...more] = offersOf(shown);
    assert.equal(more.length, 0);
    assert.ok(offer?.kind === 'x509');
    const { subject, ...rest } = offer;
    assert.deepEqual(rest, { kind: 'x509', source: 'smime-signature', fingerprint: fp, emails: ['alice@example.test'], chain: 'valid', senderMatches: true, changesKey: false });
    assert.match(subject, /CN=alice/);

    // The frame names an offer; anything the message does not carry is refused.
    await assert.rejects(bob.h['reader.importOffer']({ token, kind: 'x509', fingerprint: 'AB'.repeat(32) }, frame), (e: { code?: string }) => e.code === 'not-found');
    await assert.rejects(bob.h['reader.importOffer']({ token, kind: 'openpgp', fingerprint: fp }, frame), (e: { code?: string }) => e.code === 'not-found');
    // Only a reader frame imports: a content script's context does not type-check here, and the router refuses one.
    // @ts-expect-error a content context is not a frame context
    void (() => bob.h['reader.importOffer']({ token, kind: 'x509', fingerprint: fp }, content));
    assert.equal(await routedCode(bob.h, 'reader.importOffer', { token, kind: 'x509', fingerprint: fp }, contentSender), 'forbidden-sender');
    const before = await bob.compose.resolve(['alice@example.test'], []);
    assert.equal(before.recipients[0]!.smime, null);
    const r = await bob.h['reader.importOffer']({ token, kind: 'x509', fingerprint: fp }, frame);
    assert.equal(r.heldAsChange, false);
    assert.deepEqual(r.imported.map((k) => [k.kind, k.fingerprint, k.hasPrivate]), [['x509', fp, false]]);
    assert.ok((await bob.keyring.list('alice@example.test')).some((k) => k.fingerprint === fp));
    const resolved = await bob.compose.resolve(['alice@example.test'], []);
    assert.notEqual(resolved.recipients[0]!.smime, null);
    assert.equal(resolved.protocol, 'smime');

    // Known now: the same certificate in another message is not offered again.
    const detached = opensslMail(h, signArgs(), textEntity('Detached signed'));
    assert.equal((await openMail(bob, detached)).shown.mailOffers, undefined);
  });

  it('-nocerts: the signature carries no certificate, so nothing is offered; a bad signature offers nothing either', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const bob = await makeBob();
    const bare = await openMail(bob, opensslMail(h, [...signArgs(), '-nocerts'], textEntity('No certificate inside')));
    assert.equal(bare.shown.signatures[0]!.status, 'unknown-signer');
    assert.equal(bare.shown.mailOffers, undefined);
    const smimeBare = await openMail(bob, opensslSmimeMail(h, [...signArgs(), '-nocerts', '-nodetach'], textEntity('No certificate either')));
    assert.equal(smimeBare.shown.mailOffers, undefined);
    // A tampered detached mail: the carried certificate proves nothing, it is not offered.
    const mail = opensslMail(h, signArgs(), textEntity('Pay 100 EUR'));
    const at = mail.indexOf('100 EUR');
    mail[at] = 0x39;
    const bad = await openMail(bob, mail);
    assert.equal(bad.shown.signatures[0]!.status, 'invalid');
    assert.equal(bad.shown.mailOffers, undefined);
  });

  it('inside an S/MIME encrypted mail: offered after decryption; importable after the key is locked again, until a worker restart', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const bob = await makeBob();
    const signed = opensslMail(h, signArgs(), textEntity('Signed, then encrypted'));
    const mail = opensslMail(h, ['-encrypt', '-aes-256-gcm', '-recip', bobCert.crt, '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'], signed);
    const { token } = await bob.h['reader.openRaw']({ base64: mail.toString('base64'), sender: 'alice@example.test' }, content);
    const [cert] = await bob.keyring.lockedOwnCertificates();
    const locked = await bob.h['reader.decrypt']({ token }, frame);
    assert.equal(locked.state, 'needs-passphrase');
    const r = await bob.h['reader.decrypt']({ token, fingerprint: cert!.fingerprint, passphrase: 'bob passphrase' }, frame);
    const shown = (r as { content: ReaderContent }).content;
    assert.equal(shown.encrypted, true);
    assert.deepEqual(offersOf(shown).map((o) => [o.kind, o.kind === 'x509' ? o.chain : null]), [['x509', 'valid']]);
    // Locked again (timeout, "Lock now"): the offer was kept from the decryption, no passphrase is needed.
    await bob.keyring.unlocks.lockAll();
    assert.equal((await bob.keyring.lockedOwnCertificates()).length, 1);
    // A restarted worker (new handlers, same session storage) has to read the mail again: that needs the key.
    const restarted = readerHandlers(bob.services);
    await assert.rejects(restarted['reader.importOffer']({ token, kind: 'x509', fingerprint: sha256Of(alice.crt) }, frame), (e: { code?: string }) => e.code === 'key-locked');
    const imported = await bob.h['reader.importOffer']({ token, kind: 'x509', fingerprint: sha256Of(alice.crt) }, frame);
    assert.equal(imported.imported[0]!.fingerprint, sha256Of(alice.crt));
  });

  it('a certificate for Alice from another authority, when Bob already has one, is held as a key change, never a silent replacement', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const bob = await makeBob();
    const known = await bob.keyring.import({ text: readFileSync(alice.crt, 'utf8') }, 'user');
    const impostor = otherPki.user('alice');
    const mail = opensslMail(h, ['-sign', '-signer', impostor.crt, '-inkey', impostor.key, '-md', 'sha256'], textEntity('It is me, with a new certificate'));
    const { token, shown } = await openMail(bob, mail);
    const [offer] = offersOf(shown);
    assert.equal(offer?.kind, 'x509');
    assert.equal(offer?.kind === 'x509' && offer.chain, 'untrusted');
    assert.equal(offer?.kind === 'x509' && offer.changesKey, true);
    const r = await bob.h['reader.importOffer']({ token, kind: 'x509', fingerprint: sha256Of(impostor.crt) }, frame);
    assert.equal(r.heldAsChange, true);
    const conflicts = (await bob.keyring.store()).conflicts();
    assert.deepEqual(conflicts.map((c) => [c.kind, c.email, c.candidate, [...c.known]]), [['x509', 'alice@example.test', sha256Of(impostor.crt), [known[0]!.key.fingerprint]]]);
    // Resolution still uses the known, trusted certificate.
    const resolved = await bob.compose.resolve(['alice@example.test'], []);
    assert.equal(resolved.recipients[0]!.smime, known[0]!.key.fingerprint);
  });

  it('an armored PEM S/MIME block in the page (reader.open kind cms) offers the certificate too', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const bob = await makeBob();
    const pem = execFileSync('openssl', ['cms', ...signArgs(), '-nodetach', '-outform', 'PEM'], { input: textEntity('PEM signed') }).toString();
    const { token } = await bob.h['reader.open']({ kind: 'cms', armored: pem, sender: 'alice@example.test' }, content);
    await bob.h['reader.claim']({ token }, frame);
    const r = await bob.h['reader.decrypt']({ token }, frame);
    const shown = (r as { content: ReaderContent }).content;
    assert.deepEqual(fingerprintsOf(shown), [sha256Of(alice.crt)]);
    const imported = await bob.h['reader.importOffer']({ token, kind: 'x509', fingerprint: sha256Of(alice.crt) }, frame);
    assert.equal(imported.imported.length, 1);
  });
});

describe('public keys attached to mail', () => {
  it('a key-only mail gets a reader: the mail as sent, not encrypted, not signed, and the key offered with fingerprint and user ID', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const bob = await makeBob();
    const fpr = gpgFingerprint('alice@example.test');
    const mail = mailWithAttachments(h, 'Here is my key.', [{ name: `OpenPGP_0x${fpr.slice(-16)}.asc`, type: 'application/pgp-keys', data: Buffer.from(aliceArmored) }]);
    const { token, shown } = await openMail(bob, mail);
    assert.match(shown.text ?? '', /Here is my key\./);
    assert.equal(shown.encrypted, false);
    assert.deepEqual(shown.signatures, []);
    assert.deepEqual(shown.attachments.map((a) => a.filename), [`OpenPGP_0x${fpr.slice(-16)}.asc`]);
    assert.deepEqual(offersOf(shown), [{
      kind: 'openpgp', source: 'attachment', filename: `OpenPGP_0x${fpr.slice(-16)}.asc`, fingerprint: fpr, emails: ['alice@example.test'],
      userIds: ['Alice <alice@example.test>'], changesKey: false,
    }]);
    assert.equal((await bob.compose.resolve(['alice@example.test'], [])).recipients[0]!.openpgp, null);
    const r = await bob.h['reader.importOffer']({ token, kind: 'openpgp', fingerprint: fpr }, frame);
    assert.deepEqual(r.imported.map((k) => [k.fingerprint, k.acceptance, k.hasPrivate]), [[fpr, 'unverified', false]]);
    assert.equal(r.heldAsChange, false);
    const resolved = await bob.compose.resolve(['alice@example.test'], []);
    assert.notEqual(resolved.recipients[0]!.openpgp, null);
    assert.equal((await openMail(bob, mail)).shown.mailOffers, undefined);
  });

  it('the same key in the Autocrypt header and attached is offered once, as the sender\'s Autocrypt key', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const bob = await makeBob();
    const binary = gpg.gpg(['--export', 'alice@example.test']);
    const keydata = binary.toString('base64').replace(/.{1,72}/g, (line) => `\r\n ${line}`);
    const mail = Buffer.concat([
      Buffer.from(`Autocrypt: addr=alice@example.test; keydata=${keydata}\r\n`),
      mailWithAttachments(h, 'My key, twice.', [{ name: 'alice.asc', type: 'application/pgp-keys', data: Buffer.from(aliceArmored) }, { name: 'carol.asc', type: 'application/pgp-keys', data: Buffer.from(carolArmored) }]),
    ]);
    const { shown } = await openMail(bob, mail);
    assert.equal(shown.offeredKey?.fingerprint, gpgFingerprint('alice@example.test'));
    assert.deepEqual(fingerprintsOf(shown), [gpgFingerprint('carol@example.test')]);
  });

  it('several keys in one file, a binary key, a secret key file (public part only), and a corrupt key file with its typed error', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const bob = await makeBob();
    const both = gpg.gpg(['--armor', '--export', 'alice@example.test', 'carol@example.test']);
    const secret = gpg.gpg(['--armor', '--export-secret-keys', 'alice@example.test']);
    const corrupt = Buffer.from(aliceArmored.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!corrupted!!!!!!!'));
    const mail = mailWithAttachments(h, 'Keys for the team.', [
      { name: 'team.asc', type: 'application/octet-stream', data: both },
      { name: 'dave.gpg', type: 'application/octet-stream', data: daveBinary },
      { name: 'broken.asc', type: 'application/pgp-keys', data: corrupt },
      { name: 'mine-secret.asc', type: 'application/pgp-keys', data: secret },
      { name: 'not-a-key.asc', type: 'application/octet-stream', data: Buffer.from('-----BEGIN PGP SIGNATURE-----\n\nxx\n-----END PGP SIGNATURE-----\n') },
    ]);
    const { token, shown } = await openMail(bob, mail);
    const offers = offersOf(shown);
    const alice = gpgFingerprint('alice@example.test');
    const carol = gpgFingerprint('carol@example.test');
    const dave = gpgFingerprint('dave@example.test');
    assert.deepEqual(offers.filter((o) => o.kind === 'openpgp').map((o) => [o.fingerprint, o.kind === 'openpgp' && o.filename]), [[alice, 'team.asc'], [carol, 'team.asc'], [dave, 'dave.gpg']]);
    const broken = offers.find((o) => o.kind === 'unreadable');
    assert.equal(broken?.kind === 'unreadable' && broken.filename, 'broken.asc');
    assert.ok(broken?.kind === 'unreadable' && ['bad-armor', 'bad-data'].includes(broken.code), JSON.stringify(broken));
    assert.equal(offers.length, 4);
    // The secret key file yields only the public part (already offered from team.asc): importing never stores a secret.
    const r = await bob.h['reader.importOffer']({ token, kind: 'openpgp', fingerprint: alice }, frame);
    assert.equal(r.imported[0]!.hasPrivate, false);
    await bob.h['reader.importOffer']({ token, kind: 'openpgp', fingerprint: carol }, frame);
    assert.deepEqual((await bob.keyring.list()).filter((k) => k.kind === 'openpgp' && !k.hasPrivate).map((k) => k.fingerprint).sort(), [alice, carol].sort());
  });

  it('keys attached inside a PGP/MIME encrypted mail and a PGP/MIME signed mail are offered too', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const bob = await makeBob();
    const inner = withAttachmentsEntity('Encrypted, with my key.', [{ name: 'alice.asc', type: 'application/pgp-keys', data: Buffer.from(aliceArmored) }]);
    await bob.keyring.unlock(bob.pgpFingerprint, 'bob passphrase');
    // To this Bob's key by fingerprint: the peer's keyring holds every earlier test's Bob too.
    const enc = await openMail(bob, pgpMimeEncrypted(gpg, { ...h, to: bob.pgpFingerprint }, inner, null));
    assert.equal(enc.shown.encrypted, true);
    assert.deepEqual(fingerprintsOf(enc.shown), [gpgFingerprint('alice@example.test')]);
    const signedInner = withAttachmentsEntity('Signed, with my key.', [{ name: 'carol.asc', type: 'application/pgp-keys', data: Buffer.from(carolArmored) }]);
    const signed = await openMail(bob, pgpMimeSigned(gpg, h, signedInner));
    assert.deepEqual(fingerprintsOf(signed.shown), [gpgFingerprint('carol@example.test')]);
    const imported = await bob.h['reader.importOffer']({ token: enc.token, kind: 'openpgp', fingerprint: gpgFingerprint('alice@example.test') }, frame);
    assert.equal(imported.imported.length, 1);
  });

  it('a different key for an address whose key Bob verified is held as a key change', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg', 'openssl')) return;
    const bob = await makeBob();
    const other = new PeerGpg();
    try {
      const knownArmored = other.generate('Alice <alice@example.test>');
      const [known] = await bob.keyring.import({ text: knownArmored }, 'user');
      await bob.keyring.setAcceptance(known!.key.fingerprint, 'verify');
      const { token, shown } = await openMail(bob, mailWithAttachments(h, 'New key!', [{ name: 'alice.asc', type: 'application/pgp-keys', data: Buffer.from(aliceArmored) }]));
      const [offer] = offersOf(shown);
      assert.equal(offer?.kind === 'openpgp' && offer.changesKey, true);
      const r = await bob.h['reader.importOffer']({ token, kind: 'openpgp', fingerprint: gpgFingerprint('alice@example.test') }, frame);
      assert.equal(r.heldAsChange, true);
      assert.equal(r.imported[0]!.acceptance, 'undecided');
      const resolved = await bob.compose.resolve(['alice@example.test'], []);
      assert.equal(resolved.recipients[0]!.openpgp, known!.key.fingerprint);
    } finally {
      other.cleanup();
    }
  });
});
