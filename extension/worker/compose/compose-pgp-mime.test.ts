/**
 * PGP/MIME sending (the Roundcube `_pgpmime` path): the entity Lockpane encrypts carries the real Subject
 * (RFC 9788 hp="cipher"), the text and each file byte for byte; gpg decrypts the armor to exactly that
 * entity with a good signature; postal-mime (an independent parser) reads it; our reader opens the
 * multipart/encrypted mail the web mail builds around it, with the protected Subject and the files.
 */
import assert from 'node:assert/strict';
import { after, describe, it, type TestContext } from 'node:test';
import PostalMime from 'postal-mime';
import { headerValues, parseEntity } from '../../../keyring/mime/entity';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { requirePeer } from '../../../keyring/testing/peers';
import { Gpg, randomBytes, tempDir } from '../../../keyring/testing/pgp-interop';
import type { ReaderContent } from '../../shared/reader-result';
import { createKeyringService } from '../keyring/service';
import { memoryArea } from '../kv';
import { readRaw } from '../reader/read-raw';
import { createSmimeService } from '../smime/smime-service';
import { pgpMimeMaxFileBytes } from '../../shared/limits';
import { pgpMimeEntity } from './compose-pgp-mime';
import { createComposeService, type Encrypted } from './compose-service';

const subject = 'Results: HIV test, J. Doe — Befund für Frau Müller';
const body = 'Befund anbei.\nZeile mit Leerzeichen am Ende   \nFrom here on: Grüße\n';
const binary = randomBytes(70_000, 7);
const files = [
  { id: 'f1', name: 'befund.bin', bytes: binary },
  { id: 'f2', name: 'Überweisung (Kopie).txt', bytes: new TextEncoder().encode('a\r\nb\nc\r') },
];
const t = tempDir('pgp-mime-send');
after(() => t.cleanup());

function person() {
  const keyring = createKeyringService(new MemoryBackend(), memoryArea(), { store: { minKdfIterations: 2000 }, envelopeIterations: 2000 });
  const smime = createSmimeService(keyring, memoryArea());
  return { keyring, smime, compose: createComposeService(keyring, memoryArea(), smime) };
}

async function pair() {
  const alice = person();
  const bob = person();
  const a = await alice.keyring.generate({ name: 'Alice', email: 'alice@example.test', passphrase: 'alice pw', algorithm: 'curve25519' });
  const b = await bob.keyring.generate({ name: 'Bob', email: 'bob@example.test', passphrase: 'bob pw', algorithm: 'curve25519' });
  await alice.keyring.import({ text: await bob.keyring.exportPublic(b.key.fingerprint) }, 'user');
  await bob.keyring.import({ text: await alice.keyring.exportPublic(a.key.fingerprint) }, 'user');
  return { alice, bob, aliceFp: a.key.fingerprint, bobFp: b.key.fingerprint };
}

/** What Roundcube's send.php builds around the armor (multipart/encrypted, Version: 1, encrypted.asc). */
function roundcubeMail(armored: string, outerSubject: string): Uint8Array {
  const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
  return new TextEncoder().encode(crlf(`From: Alice <alice@example.test>\nTo: bob@example.test\nSubject: ${outerSubject}\nMIME-Version: 1.0\n`
    + 'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted";\n boundary="=_b1"\n\n'
    + 'This is an OpenPGP/MIME encrypted message (RFC 2440 and 3156)\n--=_b1\nContent-Type: application/pgp-encrypted\n'
    + 'Content-Description: PGP/MIME version identification\n\nVersion: 1\n--=_b1\nContent-Transfer-Encoding: 7bit\n'
    + `Content-Type: application/octet-stream; name=encrypted.asc\nContent-Disposition: inline; filename=encrypted.asc\n\n${armored}\n--=_b1--\n`));
}

function sent(r: unknown): Encrypted {
  assert.ok(r && typeof r === 'object' && !('state' in r), JSON.stringify(r).slice(0, 200));
  return r as Encrypted;
}

describe('PGP/MIME sending', () => {
  it('the entity: real Subject, From, To, Cc on the root (hp="cipher"), text and files byte-exact (postal-mime)', async () => {
    const entity = pgpMimeEntity({ body, files, headers: { subject, from: 'alice@example.test', to: ['bob@example.test'], cc: ['carol@example.test'] } });
    const root = parseEntity(entity);
    assert.match(headerValues(root.headers, 'content-type')[0] ?? '', /^multipart\/mixed; boundary="[^"]+"; hp="cipher"$/);
    assert.deepEqual(headerValues(root.headers, 'hp-outer'), ['Subject: [...]']);
    assert.ok(entity.every((b) => b < 0x80), 'the entity is 7-bit (RFC 3156 §3)');
    const parsed = await PostalMime.parse(entity);
    assert.equal(parsed.subject, subject);
    assert.equal(parsed.from?.address, 'alice@example.test');
    assert.deepEqual(parsed.to?.map((x) => x.address), ['bob@example.test']);
    assert.deepEqual(parsed.cc?.map((x) => x.address), ['carol@example.test']);
    assert.equal(parsed.text, body);
    assert.deepEqual(parsed.attachments.map((a) => a.filename), files.map((f) => f.name));
    for (const [i, f] of files.entries()) assert.deepEqual(new Uint8Array(parsed.attachments[i]!.content as ArrayBuffer), f.bytes, f.name);
  });

  it('without files the root is the text part itself; without a Subject there is no HP-Outer', () => {
    const entity = pgpMimeEntity({ body: 'x', files: [], headers: { subject: null, from: null, to: ['bob@example.test'], cc: [] } });
    const root = parseEntity(entity);
    assert.match(headerValues(root.headers, 'content-type')[0] ?? '', /^text\/plain; charset=utf-8; hp="cipher"$/);
    assert.deepEqual(headerValues(root.headers, 'hp-outer'), []);
    assert.deepEqual(headerValues(root.headers, 'subject'), []);
  });

  it('compose with pgpMime: gpg decrypts to the entity (good signature); the reader opens the mail with the protected Subject and exact files', async (c: TestContext) => {
    if (!requirePeer(c, 'gpg')) return;
    const { alice, bob, aliceFp, bobFp } = await pair();
    // gpg cannot import Lockpane's AEAD-protected secret keys: it reads the mail as Gina, a Cc recipient with a gpg key.
    const gpg = new Gpg(t.dir);
    const ginaFp = await gpg.genKey('Gina <gina@example.test>');
    await alice.keyring.import({ text: (await gpg.ok(['--armor', '--export', ginaFp])).stdout.toString() }, 'user');
    const out = sent(await alice.compose.encrypt({
      to: ['bob@example.test'], cc: ['gina@example.test'], body, sign: true, subject, files, canAttach: true, pgpMime: true, notice: 'Verschlüsselt (PGP/MIME).',
      unlock: { fingerprint: aliceFp, passphrase: 'alice pw' },
    }));
    assert.deepEqual(out.outerSubject, { value: '[...]', protected: true });
    assert.equal(out.armored, 'Verschlüsselt (PGP/MIME).');
    assert.deepEqual(out.files, []);
    assert.match(out.pgpMime ?? '', /^-----BEGIN PGP MESSAGE-----\n[\s\S]+-----END PGP MESSAGE-----\n?$/);

    try {
      await gpg.ok(['--import'], await alice.keyring.exportPublic(aliceFp));
      const d = await gpg.run(['--status-fd', '2', '--decrypt'], out.pgpMime);
      assert.equal(d.code, 0, d.stderr);
      assert.match(d.stderr, new RegExp(`\\[GNUPG:\\] VALIDSIG ${aliceFp.toUpperCase()}`));
      const inner = new Uint8Array(d.stdout);
      const parsed = await PostalMime.parse(inner);
      assert.equal(parsed.subject, subject);
      assert.equal(parsed.text, body);
      assert.deepEqual(new Uint8Array(parsed.attachments[0]!.content as ArrayBuffer), binary);
      assert.deepEqual(parsed.cc?.map((x) => x.address), ['gina@example.test']);
      assert.match(headerValues(parseEntity(inner).headers, 'content-type')[0] ?? '', /hp="cipher"$/);
    } finally {
      gpg.cleanup();
    }

    const mail = roundcubeMail(out.pgpMime ?? '', out.outerSubject?.value ?? '');
    for (const [who, p, fp, pw] of [['bob', bob, bobFp, 'bob pw'], ['alice (Sent copy)', alice, aliceFp, 'alice pw']] as const) {
      const r = await readRaw(mail, 'alice@example.test', p.keyring, p.smime, { fingerprint: fp, passphrase: pw });
      assert.equal(r.result.state, 'content', who);
      const content = (r.result as { content: ReaderContent }).content;
      assert.equal(content.protectedHeaders?.fields.subject, subject, who);
      assert.equal(content.protectedHeaders?.outside?.subject, '[...]', who);
      assert.equal(content.text, body, who);
      assert.ok(content.signatures.some((s) => s.status === 'verified' || s.status === 'valid'), JSON.stringify(content.signatures));
      assert.deepEqual(content.attachments.map((a) => a.filename), files.map((f) => f.name), who);
      assert.deepEqual(r.files[0], binary, who);
      assert.deepEqual(r.files[1], files[1]!.bytes, who);
    }
  });

  it('above pgpMimeMaxFileBytes of files the mail goes inline with .pgp files (one extension message could not carry it)', async () => {
    const { alice, aliceFp } = await pair();
    const big = { id: 'big', name: 'scan.bin', bytes: new Uint8Array(pgpMimeMaxFileBytes + 1) };
    const out = sent(await alice.compose.encrypt({
      to: ['bob@example.test'], cc: [], body, sign: false, subject, files: [big], canAttach: true, pgpMime: true, unlock: { fingerprint: aliceFp, passphrase: 'alice pw' },
    }));
    assert.equal(out.pgpMime, undefined);
    assert.deepEqual(out.files.map((f) => f.name), ['scan.bin.pgp']);
    assert.deepEqual(out.outerSubject, { value: subject, protected: false });
  });

  it('without pgpMime, OpenPGP stays inline with the Subject in clear (other sites)', async () => {
    const { alice, aliceFp } = await pair();
    const out = sent(await alice.compose.encrypt({ to: ['bob@example.test'], cc: [], body, sign: false, subject, unlock: { fingerprint: aliceFp, passphrase: 'alice pw' } }));
    assert.equal(out.pgpMime, undefined);
    assert.match(out.armored, /^-----BEGIN PGP MESSAGE-----/);
    assert.deepEqual(out.outerSubject, { value: subject, protected: false });
  });
});
