/**
 * The worker's S/MIME path on real material made by openssl (keyring/testing/openssl-pki.ts):
 * PKCS#12 and PEM import into passphrase envelopes, unlock (and its session mirror), chain status for
 * recipient resolution, the reader on messages openssl encrypted/signed, and editor output that
 * openssl decrypts and verifies.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it, type TestContext } from 'node:test';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { TestPki, type User } from '../../../keyring/testing/openssl-pki';
import { requirePeer, hasPeer } from '../../../keyring/testing/peers';
import type { ReaderResult } from '../../shared/reader-result';
import { createComposeService } from '../compose/compose-service';
import { createKeyringService } from '../keyring/service';
import { memoryArea, type KeyValueArea } from '../kv';
import { isSignedEntity } from '../reader/read-cms';
import { readMessage } from '../reader/read-message';
import type { ReaderPayload } from '../services';
import { createSmimeService } from './smime-service';

const iterations = 2000; // the real default (600,000) costs ~0.5 s per unlock; the store minimum is lowered to match
let pki: TestPki;
let alice: User;
let bob: User;
let stranger: User;
let otherPki: TestPki;

before(() => {
  if (!hasPeer('openssl')) return;
  pki = new TestPki();
  alice = pki.user('alice');
  bob = pki.user('bob');
  otherPki = new TestPki('Other CA');
  stranger = otherPki.user('stranger', { email: 'carol@example.test' });
});
after(() => { pki?.cleanup(); otherPki?.cleanup(); });

function person(backend = new MemoryBackend(), session: KeyValueArea = memoryArea(), local: KeyValueArea = memoryArea()) {
  const keyring = createKeyringService(backend, session, { store: { minKdfIterations: iterations }, envelopeIterations: iterations });
  const smime = createSmimeService(keyring, local);
  const compose = createComposeService(keyring, local, smime);
  return { keyring, smime, compose, backend, session, local };
}
type Person = ReturnType<typeof person>;

const b64 = (path: string) => readFileSync(path);
const pem = (path: string) => readFileSync(path, 'utf8');

async function code(p: Promise<unknown>): Promise<string> {
  try { await p; } catch (e) { return (e as { code?: string }).code ?? String(e); }
  return 'no error';
}

/** A profile holding its own PKCS#12 (protected with `passphrase`), the CA as root, and the others' certificates. */
async function profile(me: User, passphrase: string, others: User[], withRoot = true): Promise<Person> {
  const p = person();
  await p.keyring.import({ bytes: b64(me.p12), password: 'test', protectWith: passphrase }, 'user');
  for (const o of others) await p.keyring.import({ text: pem(o.crt) }, 'user');
  if (withRoot) await (await p.keyring.store()).addUserRoot(pem(pki.caCrt));
  return p;
}

function payload(armored: string, sender: string | null): ReaderPayload {
  return { kind: 'cms', armored, origin: 'https://mail.example', sender, contentFrameId: 0 };
}

function content(r: ReaderResult) {
  assert.equal(r.state, 'content', JSON.stringify(r).slice(0, 300));
  return (r as Extract<ReaderResult, { state: 'content' }>).content;
}

/** A MIME entity file as openssl would be given it. */
function part(name: string, text: string): string {
  return pki.write(name, `Content-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`);
}

describe('S/MIME import', () => {
  it('PKCS#12: the key goes into an envelope, the CA comes along as an entry; wrong and missing passwords are typed', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const p = person();
    assert.equal(await code(p.keyring.import({ bytes: b64(bob.p12), password: 'wrong', protectWith: 'bob pass phrase' }, 'user')), 'wrong-passphrase');
    assert.equal(await code(p.keyring.import({ bytes: b64(bob.p12), protectWith: 'bob pass phrase' }, 'user')), 'missing-argument');
    assert.equal(await code(p.keyring.import({ bytes: b64(bob.p12), password: 'test' }, 'user')), 'missing-argument');
    // The legacy (3DES/SHA-1) form reads too.
    assert.equal(await code(p.keyring.import({ bytes: b64(bob.legacyP12), password: 'nope', protectWith: 'x' }, 'user')), 'wrong-passphrase');

    const preview = await p.keyring.preview({ bytes: b64(bob.p12), password: 'test', protectWith: 'bob pass phrase' });
    assert.deepEqual(preview.map((i) => [i.kind, i.hasPrivate, i.alreadyKnown]).sort(), [['x509', false, false], ['x509', true, false]]);
    assert.equal((await p.keyring.list()).length, 0, 'a preview writes nothing');

    const results = await p.keyring.import({ bytes: b64(bob.p12), password: 'test', protectWith: 'bob pass phrase' }, 'user');
    const own = results.find((r) => r.key.hasPrivate)!.key;
    assert.deepEqual(own.emails, ['bob@example.test']);
    assert.equal(own.unlocked, false);
    const stored = (await p.keyring.store()).getCertificate(own.fingerprint)!;
    assert.equal(stored.privateKey?.format, 'lockpane-pkcs8-v1');
    assert.ok(!JSON.stringify(stored).includes('PRIVATE KEY'));
    const ca = results.find((r) => !r.key.hasPrivate)!.key;
    assert.ok(ca.names[0]!.includes('Lockpane Test CA'));
    // Nothing in storage is the plain PKCS#8 (the envelope only).
    const pkcs8 = readFileSync(bob.key, 'utf8').replace(/-----[^-]+-----|\s/g, '').slice(0, 40);
    assert.ok(![...p.backend.dump()].some(([, v]) => v.includes(pkcs8)));
  });

  it('PEM private key with its certificate', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const p = person();
    const results = await p.keyring.import({ text: pem(alice.pem), protectWith: 'alice pass phrase' }, 'user');
    assert.equal(results.length, 1);
    assert.equal(results[0]!.key.hasPrivate, true);
    assert.equal(await code(p.keyring.import({ text: pem(alice.pem) }, 'user')), 'missing-argument');
  });
});

describe('S/MIME unlock', () => {
  it('wrong passphrase is typed; an unlock survives a worker restart via the session mirror; lock-all ends it', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const p = await profile(bob, 'bob pass phrase', []);
    const [locked] = await p.keyring.lockedOwnCertificates();
    assert.ok(locked);
    assert.equal(await code(p.keyring.unlock(locked.fingerprint, 'not it')), 'wrong-passphrase');
    await p.keyring.unlock(locked.fingerprint, 'bob pass phrase');
    assert.equal((await p.keyring.unlockedOwnCertificates()).length, 1);
    assert.equal((await p.keyring.list()).find((k) => k.fingerprint === locked.fingerprint)?.unlocked, true);

    const restarted = person(p.backend, p.session, p.local);
    const ids = await restarted.keyring.unlockedOwnCertificates();
    assert.equal(ids.length, 1);
    assert.equal(ids[0]!.certificate.subject.includes('bob'), true);
    assert.equal(ids[0]!.chain.length, 0, 'the self-signed root is not sent along');
    await restarted.keyring.unlocks.lockAll();
    assert.equal((await person(p.backend, p.session, p.local).keyring.unlockedOwnCertificates()).length, 0);
  });
});

describe('S/MIME chain status and recipient resolution', () => {
  it('a certificate under a user root is usable; without the root, or from another CA, it is untrusted with the reason', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const p = await profile(alice, 'alice pass phrase', [bob, stranger], false);
    const before = await p.compose.resolve(['bob@example.test'], []);
    assert.equal(before.protocol, null);
    assert.match(before.recipients[0]!.reason ?? '', /^untrusted: /);
    await (await p.keyring.store()).addUserRoot(pem(pki.caCrt));
    const afterRoot = await p.compose.resolve(['bob@example.test', 'carol@example.test'], []);
    assert.equal(afterRoot.recipients[0]!.smime !== null, true);
    assert.equal(afterRoot.recipients[1]!.smime, null);
    assert.match(afterRoot.recipients[1]!.reason ?? '', /^untrusted/);
    const bobOnly = await p.compose.resolve(['bob@example.test'], []);
    assert.deepEqual([bobOnly.protocol, bobOnly.from], ['smime', 'alice@example.test']);
  });
});

describe('S/MIME reader', () => {
  it('openssl EnvelopedData (CBC, PEM) to Bob: passphrase asked, then decrypted, marked not integrity-protected', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const p = await profile(bob, 'bob pass phrase', [alice]);
    const armored = pki.openssl(['cms', '-encrypt', '-in', part('p1.txt', 'Hello Bob, grüße.'), '-aes-256-cbc', '-recip', bob.crt, '-outform', 'PEM']).toString();
    const first = await readMessage(payload(armored, 'alice@example.test'), p.keyring, {}, p.smime);
    assert.equal(first.state, 'needs-passphrase');
    const fp = (first as Extract<ReaderResult, { state: 'needs-passphrase' }>).keys[0]!.fingerprint;
    assert.equal(await code(readMessage(payload(armored, null), p.keyring, { fingerprint: fp, passphrase: 'bad' }, p.smime)), 'wrong-passphrase');
    const c = content(await readMessage(payload(armored, null), p.keyring, { fingerprint: fp, passphrase: 'bob pass phrase' }, p.smime));
    assert.equal(c.text?.trim(), 'Hello Bob, grüße.');
    assert.deepEqual([c.encrypted, c.integrityProtected, c.signatures.length], [true, false, 0]);
  });

  it('openssl signed then AES-GCM encrypted: verified under the root; sender mismatch flagged; without the root only valid', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const signed = pki.openssl(['cms', '-sign', '-in', part('p2.txt', 'Signed and sealed.'), '-signer', alice.crt, '-inkey', alice.key, '-md', 'sha256']);
    const armored = pki.openssl(['cms', '-encrypt', '-aes-256-gcm', '-recip', bob.crt, '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256', '-outform', 'PEM'], signed).toString();
    const p = await profile(bob, 'bob pass phrase', [alice]);
    const fp = (await p.keyring.lockedOwnCertificates())[0]!.fingerprint;
    await p.keyring.unlock(fp, 'bob pass phrase');
    const c = content(await readMessage(payload(armored, 'alice@example.test'), p.keyring, {}, p.smime));
    assert.equal(c.text?.trim(), 'Signed and sealed.');
    assert.deepEqual([c.integrityProtected, c.signatures.map((s) => [s.status, s.senderMatches, s.signer])], [true, [['verified', true, 'alice@example.test']]]);
    // What Alice's client advertised is now remembered for her certificate.
    assert.ok((await p.smime.capabilities.get(c.signatures[0]!.fingerprint!))!.length > 0);

    const mismatch = content(await readMessage(payload(armored, 'mallory@example.test'), p.keyring, {}, p.smime));
    assert.equal(mismatch.signatures[0]!.senderMatches, false);

    const noRoot = await profile(bob, 'bob pass phrase', [alice], false);
    await noRoot.keyring.unlock(fp, 'bob pass phrase');
    const unverified = content(await readMessage(payload(armored, 'alice@example.test'), noRoot.keyring, {}, noRoot.smime));
    assert.equal(unverified.signatures[0]!.status, 'valid');
    assert.match(unverified.signatures[0]!.reason ?? '', /trusted root/);
  });

  it('opaque signed-data inside EnvelopedData is verified and its content shown', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const opaque = pki.openssl(['cms', '-sign', '-nodetach', '-in', part('p4.txt', 'Opaque inside.'), '-signer', alice.crt, '-inkey', alice.key, '-md', 'sha256']);
    assert.equal(isSignedEntity(opaque), true);
    assert.equal(isSignedEntity(new TextEncoder().encode('Content-Type: text/plain\r\n\r\nx')), false);
    const armored = pki.openssl(['cms', '-encrypt', '-aes-256-cbc', '-recip', bob.crt, '-outform', 'PEM'], opaque).toString();
    const p = await profile(bob, 'bob pass phrase', [alice]);
    await p.keyring.unlock((await p.keyring.lockedOwnCertificates())[0]!.fingerprint, 'bob pass phrase');
    const c = content(await readMessage(payload(armored, 'alice@example.test'), p.keyring, {}, p.smime));
    assert.deepEqual([c.text?.trim(), c.integrityProtected, c.signatures.map((x) => x.status)], ['Opaque inside.', false, ['verified']]);
  });

  it('a signed-only PEM CMS (opaque) shows only the signed content; a tampered one is invalid or refused', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const p = await profile(bob, 'bob pass phrase', [alice]);
    const armored = pki.openssl(['cms', '-sign', '-nodetach', '-in', part('p3.txt', 'Only signed.'), '-signer', alice.crt, '-inkey', alice.key, '-md', 'sha256', '-outform', 'PEM']).toString();
    const c = content(await readMessage(payload(armored, 'alice@example.test'), p.keyring, {}, p.smime));
    assert.deepEqual([c.text?.trim(), c.encrypted, c.signatures[0]!.status], ['Only signed.', false, 'verified']);
    // Flip one byte inside the signed text ("Only" -> "Onlz") and re-armor.
    const der = pki.openssl(['cms', '-sign', '-nodetach', '-in', part('p3.txt', 'Only signed.'), '-signer', alice.crt, '-inkey', alice.key, '-md', 'sha256', '-outform', 'DER']);
    const at = der.indexOf(Buffer.from('Only signed.'));
    der[at + 3] = 'z'.charCodeAt(0);
    const tampered = `-----BEGIN PKCS7-----\n${der.toString('base64')}\n-----END PKCS7-----\n`;
    const r = await readMessage(payload(tampered, 'alice@example.test'), p.keyring, {}, p.smime);
    assert.equal(content(r).signatures[0]!.status, 'invalid');
  });
});

describe('S/MIME from the editor', () => {
  it('Alice signs and encrypts to Bob; openssl decrypts and verifies it; Bob\'s reader shows verified; GCM once Bob advertised it', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const a = await profile(alice, 'alice pass phrase', [bob]);
    const b = await profile(bob, 'bob pass phrase', [alice]);
    const body = 'Über den Berg.\nZweite Zeile, with trailing space ';
    const locked = await a.compose.encrypt({ to: ['bob@example.test'], cc: [], body, sign: true });
    assert.equal('state' in locked && locked.state, 'needs-passphrase');
    const aliceFp = (await a.keyring.lockedOwnCertificates())[0]!.fingerprint;
    const out = await a.compose.encrypt({ to: ['bob@example.test'], cc: [], body, sign: true, unlock: { fingerprint: aliceFp, passphrase: 'alice pass phrase' } });
    assert.ok('armored' in out);
    const armored = (out as { armored: string }).armored;
    assert.match(armored, /^-----BEGIN PKCS7-----\n[A-Za-z0-9+/=\n]+-----END PKCS7-----\n$/);
    assert.match(pki.openssl(['cms', '-cmsout', '-print', '-inform', 'PEM'], armored).toString(), /pkcs7-envelopedData|envelopedData/);

    // A real peer: openssl decrypts with Bob's key and verifies Alice's signature under the CA.
    const inner = pki.openssl(['cms', '-decrypt', '-inform', 'PEM', '-recip', bob.crt, '-inkey', bob.key], armored);
    const verified = pki.openssl(['cms', '-verify', '-CAfile', pki.caCrt], inner).toString();
    assert.match(verified, /Content-Type: text\/plain; charset=utf-8/);
    // The Sent copy: Alice can read her own message.
    pki.openssl(['cms', '-decrypt', '-inform', 'PEM', '-recip', alice.crt, '-inkey', alice.key], armored);

    await b.keyring.unlock((await b.keyring.lockedOwnCertificates())[0]!.fingerprint, 'bob pass phrase');
    const c = content(await readMessage(payload(armored, 'alice@example.test'), b.keyring, {}, b.smime));
    assert.equal(c.text, body);
    assert.deepEqual([c.integrityProtected, c.signatures[0]!.status, c.signatures[0]!.senderMatches], [false, 'verified', true]);

    // Bob answers signed; Alice's reader learns his capabilities, and her next message uses AES-GCM.
    const reply = await b.compose.encrypt({ to: ['alice@example.test'], cc: [], body: 'Got it.', sign: true });
    const r = content(await readMessage(payload((reply as { armored: string }).armored, 'bob@example.test'), a.keyring, {}, a.smime));
    assert.equal(r.signatures[0]!.status, 'verified');
    const second = await a.compose.encrypt({ to: ['bob@example.test'], cc: [], body: 'Now sealed with GCM.', sign: false });
    const c2 = content(await readMessage(payload((second as { armored: string }).armored, 'alice@example.test'), b.keyring, {}, b.smime));
    assert.deepEqual([c2.text, c2.integrityProtected, c2.signatures.length], ['Now sealed with GCM.', true, 0]);
  });

  it('signing with no S/MIME key of one\'s own is refused with a typed error', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const p = person();
    await p.keyring.import({ text: pem(bob.crt) }, 'user');
    await (await p.keyring.store()).addUserRoot(pem(pki.caCrt));
    assert.equal(await code(p.compose.encrypt({ to: ['bob@example.test'], cc: [], body: 'x', sign: true })), 'key-not-usable');
    const unsigned = await p.compose.encrypt({ to: ['bob@example.test'], cc: [], body: 'x', sign: false });
    assert.ok('armored' in unsigned);
  });
});

describe('S/MIME-only drafts', () => {
  it('a user with only a certificate saves drafts sealed to it and restores them after unlocking', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const p = await profile(alice, 'alice pass phrase', [bob]);
    const draft = { to: ['bob@example.test'], cc: [], body: 'Entwurf — not sent yet' };
    assert.deepEqual((await p.compose.saveDraft('https://mail.example', 'editor-one', draft)).exists, true);
    const stored = JSON.stringify(await p.local.get('draft:https://mail.example#editor-one'));
    assert.ok(!stored.includes('Entwurf') && stored.includes('"smime"'));
    const locked = await p.compose.loadDraft('https://mail.example', 'editor-two');
    assert.equal(locked.state, 'needs-passphrase');
    const fp = (locked as { keys: { fingerprint: string }[] }).keys[0]!.fingerprint;
    const restored = await p.compose.loadDraft('https://mail.example', 'editor-two', { fingerprint: fp, passphrase: 'alice pass phrase' });
    assert.deepEqual(restored, { state: 'draft', id: 'editor-one', ...draft });
  });
});
