/**
 * Header protection on S/MIME mail from the editor (RFC 9788): the real Subject, From, To and Cc go on the
 * signed-and-encrypted entity's root (hp="cipher", HP-Outer records the placeholder), the web mail gets
 * "[...]". Proven with openssl (decrypt, verify), postal-mime as an independent parser, our reader, and the
 * shape of the header-protection vectors; inline OpenPGP keeps the Subject in clear and says so.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import PostalMime from 'postal-mime';
import { decryptPgpMime } from '../../../keyring/pgp/mime';
import * as pgp from '../../../keyring/pgp';
import { headerValues, parseEntity } from '../../../keyring/mime/entity';
import { readHeaderProtection } from '../../../keyring/mime/header-protection';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { TestPki, type User } from '../../../keyring/testing/openssl-pki';
import { hasPeer, requirePeer } from '../../../keyring/testing/peers';
import type { ReaderContent } from '../../shared/reader-result';
import { smimeAsAttachment } from '../../testing/peer-mail';
import { createKeyringService } from '../keyring/service';
import { memoryArea } from '../kv';
import { readRaw } from '../reader/read-raw';
import { readMessage } from '../reader/read-message';
import { createSmimeService } from '../smime/smime-service';
import { createComposeService, type Encrypted } from './compose-service';

const subject = 'Results: HIV test, J. Doe — Befund für Frau Müller';
const root = path.resolve(__dirname, '../../..');
let pki: TestPki;
let alice: User;
let bob: User;

before(() => {
  if (!hasPeer('openssl')) return;
  pki = new TestPki();
  alice = pki.user('alice');
  bob = pki.user('bob');
});
after(() => pki?.cleanup());

async function profile(me: User, passphrase: string, other: User) {
  const keyring = createKeyringService(new MemoryBackend(), memoryArea(), { store: { minKdfIterations: 2000 }, envelopeIterations: 2000 });
  const smime = createSmimeService(keyring, memoryArea());
  const compose = createComposeService(keyring, memoryArea(), smime);
  await keyring.import({ bytes: readFileSync(me.p12), password: 'test', protectWith: passphrase }, 'user');
  await keyring.import({ text: readFileSync(other.crt, 'utf8') }, 'user');
  await (await keyring.store()).addUserRoot(readFileSync(pki.caCrt, 'utf8'));
  await keyring.unlock((await keyring.lockedOwnCertificates())[0]!.fingerprint, passphrase);
  return { keyring, smime, compose };
}

function sent(r: Awaited<ReturnType<ReturnType<typeof createComposeService>['encrypt']>>): Encrypted {
  assert.ok(!('state' in r), JSON.stringify(r).slice(0, 200));
  return r as Encrypted;
}

const headerNames = (entity: Uint8Array) => parseEntity(entity).headers.map((h) => h.name.toLowerCase());

describe('header protection when sending', () => {
  it('S/MIME (PEM): openssl decrypts and verifies; postal-mime and our reader see the real Subject inside', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const a = await profile(alice, 'alice pw', bob);
    const b = await profile(bob, 'bob pw', alice);
    const out = sent(await a.compose.encrypt({ to: ['bob@example.test'], cc: [], body: 'Befund anbei.', sign: true, subject }));
    assert.deepEqual(out.outerSubject, { value: '[...]', protected: true });
    assert.ok(!out.armored.includes('HIV'));

    const envelope = pki.openssl(['cms', '-decrypt', '-inform', 'PEM', '-recip', bob.crt, '-inkey', bob.key], out.armored);
    const signedContent = new Uint8Array(pki.openssl(['cms', '-verify', '-CAfile', pki.caCrt], envelope));
    const parsed = await PostalMime.parse(signedContent);
    assert.equal(parsed.subject, subject);
    assert.equal(parsed.from?.address, 'alice@example.test');
    assert.deepEqual(parsed.to?.map((x) => x.address), ['bob@example.test']);
    assert.equal(parsed.text?.trim(), 'Befund anbei.');
    const e = parseEntity(signedContent);
    assert.match(headerValues(e.headers, 'content-type')[0] ?? '', /^text\/plain; charset=utf-8; hp="cipher"$/);
    assert.deepEqual(headerValues(e.headers, 'hp-outer'), ['Subject: [...]']);

    const c = await readMessage({ kind: 'cms', armored: out.armored, origin: 'https://mail.example', sender: 'alice@example.test', contentFrameId: 0 }, b.keyring, {}, b.smime);
    const content = (c as { content: ReaderContent }).content;
    assert.equal(content.protectedHeaders?.fields.subject, subject);
    assert.equal(content.signatures[0]?.status, 'verified');
    assert.equal(content.text?.trim(), 'Befund anbei.');
  });

  it('generic mode with a file field (smimeInline): S/MIME without files stays an inline PEM block; with files it is smime.p7m', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const a = await profile(alice, 'alice pw', bob);
    const inline = sent(await a.compose.encrypt({ to: ['bob@example.test'], cc: [], body: 'Nur Text.', sign: false, subject, canAttach: true, smimeInline: true }));
    assert.match(inline.armored, /^-----BEGIN PKCS7-----/);
    assert.deepEqual(inline.files, []);
    const staged = { id: 'f1', name: 'befund.txt', bytes: new TextEncoder().encode('Befund') };
    const withFile = sent(await a.compose.encrypt({ to: ['bob@example.test'], cc: [], body: 'Mit Datei.', sign: false, subject, canAttach: true, smimeInline: true, files: [staged] }));
    assert.deepEqual(withFile.files.map((f) => f.name), ['smime.p7m']);
  });

  it('S/MIME as smime.p7m (the upload path): the mail says "[...]" outside, the reader shows the real Subject and a note', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const a = await profile(alice, 'alice pw', bob);
    const b = await profile(bob, 'bob pw', alice);
    const out = sent(await a.compose.encrypt({ to: ['bob@example.test'], cc: ['alice@example.test'], body: 'Mit Anhang.', sign: false, subject, canAttach: true }));
    const p7m = out.files[0]!;
    assert.equal(p7m.name, 'smime.p7m');
    const mail = smimeAsAttachment({ from: 'Alice <alice@example.test>', to: 'bob@example.test', subject: out.outerSubject!.value }, p7m.bytes);
    const entity = new Uint8Array(pki.openssl(['cms', '-decrypt', '-inform', 'DER', '-recip', bob.crt, '-inkey', bob.key], p7m.bytes));
    assert.equal((await PostalMime.parse(entity)).subject, subject);
    assert.equal((await PostalMime.parse(entity)).cc?.[0]?.address, 'alice@example.test');
    const r = await readRaw(new Uint8Array(mail), 'alice@example.test', b.keyring, b.smime, {});
    const c = (r.result as { content: ReaderContent }).content;
    assert.equal(c.protectedHeaders?.fields.subject, subject);
    // Only the placeholder differs: the display name "Alice" outside is no difference in address.
    assert.deepEqual(c.protectedHeaders?.outside, { subject: '[...]', cc: '' });
  });

  it('our protected entity has the shape of the vectors\' (the same fields read the same way)', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const a = await profile(alice, 'alice pw', bob);
    const out = sent(await a.compose.encrypt({ to: ['bob@example.test'], cc: [], body: 'x', sign: false, subject }));
    const ours = new Uint8Array(pki.openssl(['cms', '-decrypt', '-inform', 'PEM', '-recip', bob.crt, '-inkey', bob.key], out.armored));
    const vectorRaw = readFileSync(path.join(root, 'keyring/mime/fixtures/header-protection/pgpmime-sign+enc.eml'));
    const bobKey = await pgp.readKey(readFileSync(path.join(root, 'keyring/pgp/fixtures/draft-bre-samples/bob-secret.asc'), 'utf8')) as pgp.PgpPrivateKey;
    const theirs = (await decryptPgpMime(vectorRaw, { decryptionKeys: [bobKey] })).data;
    const hpOurs = readHeaderProtection(ours, null);
    const hpTheirs = readHeaderProtection(theirs, null);
    assert.ok(hpOurs && hpTheirs);
    for (const f of ['subject', 'from', 'to'] as const) {
      assert.ok(hpTheirs.fields[f] !== undefined && hpOurs.fields[f] !== undefined, f);
      assert.ok(headerNames(ours).includes(f) && headerNames(theirs).includes(f), f);
    }
    assert.equal(hpOurs.fields.subject, subject);
    // The outer Subject both use: a placeholder instead of the real one.
    assert.equal(parseEntity(vectorRaw).headers.find((h) => h.name === 'Subject')?.value, '...');
    assert.equal(out.outerSubject?.value, '[...]');
  });
});
