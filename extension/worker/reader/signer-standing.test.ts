/**
 * Issue #23 item 4: a signature by a key that claims a contact's address but is not the key the keyring
 * holds for it (a held key change, a rejected key, a conflicting key with no held record, an S/MIME
 * certificate from another authority) is shown as such, never under the contact's name, and never as a
 * good signature. Real keys and signatures through the reader handlers, a real keyring; S/MIME signed by
 * openssl.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it, type TestContext } from 'node:test';
import { generateKey, readKey, signCleartext, unlockKey } from '../../../keyring/pgp';
import { TestPki, type User } from '../../../keyring/testing/openssl-pki';
import { hasPeer, requirePeer } from '../../../keyring/testing/peers';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import type { ReaderContent, SignatureView } from '../../shared/reader-result';
import type { ContentContext, FrameContext } from '../../shared/sender';
import { readerPayloadSchema } from '../frame-payloads';
import { createFrameTokens } from '../frame-tokens';
import { readerHandlers, replyAddress } from '../handlers/reader';
import { createKeyringService } from '../keyring/service';
import { memoryArea } from '../kv';
import type { Services } from '../services';
import { createSmimeService } from '../smime/smime-service';
import { createRawStore } from './raw-store';
import { bobKeyring } from '../../testing/bob-keyring';
import { opensslMail, textEntity } from '../../testing/peer-mail';

const content = { cls: 'content', origin: 'http://mail.test', tabId: 3, frameId: 7, url: 'http://mail.test/' } as ContentContext;
const frame = { cls: 'frame', path: '/reader.html', tabId: 3, frameId: 9, documentId: 'D' } as FrameContext;
const iterations = 2000;

type Person = { armored: string; privateArmored: string; fingerprint: string };
async function person(name: string, email: string): Promise<Person> {
  const k = await generateKey({ userIDs: [{ name, email }], passphrase: 'x' });
  return { armored: k.publicKeyArmored, privateArmored: k.privateKeyArmored, fingerprint: (await readKey(k.publicKeyArmored)).getFingerprint().toUpperCase() };
}
async function clearSigned(p: Person, text: string): Promise<string> {
  return signCleartext({ text, signingKeys: [await unlockKey(await readKey(p.privateArmored), 'x')] });
}

function reader(keyring: ReturnType<typeof createKeyringService>, smime = createSmimeService(keyring, memoryArea())) {
  const session = memoryArea();
  const services = { keyring, smime, readerTokens: createFrameTokens(session, readerPayloadSchema), rawMessages: createRawStore(session) } as unknown as Services;
  return readerHandlers(services);
}
type Handlers = ReturnType<typeof reader>;

async function signatureOf(h: Handlers, armored: string, sender = 'carol@example.test'): Promise<SignatureView> {
  const { token } = await h['reader.open']({ kind: 'pgp-signed', armored, sender }, content);
  await h['reader.claim']({ token }, frame);
  const r = await h['reader.decrypt']({ token }, frame);
  assert.equal(r.state, 'content');
  const [sig, ...more] = (r as { content: ReaderContent }).content.signatures;
  assert.equal(more.length, 0);
  return sig!;
}

describe('OpenPGP: a key that is not the contact\'s key is never shown as the contact', () => {
  let carol: Person;
  let mallory: Person;
  before(async () => {
    carol = await person('Carol', 'carol@example.test');
    // The attacker's key claims Carol's name and address.
    mallory = await person('Carol', 'carol@example.test');
  });

  async function bobWithVerifiedCarol() {
    const keyring = createKeyringService(new MemoryBackend(), memoryArea(), { store: { minKdfIterations: iterations }, envelopeIterations: iterations });
    await keyring.import({ text: carol.armored }, 'user');
    await keyring.setAcceptance(carol.fingerprint, 'verify');
    return { keyring, h: reader(keyring) };
  }

  it('held key change: not "valid", no signer name, names the verified contact from the keyring, no reply address', async () => {
    const { keyring, h } = await bobWithVerifiedCarol();
    const imported = await keyring.import({ text: mallory.armored }, 'wkd');
    assert.equal(imported[0]!.key.acceptance, 'undecided');
    assert.equal((await keyring.store()).conflicts().length, 1);

    const genuine = await signatureOf(h, await clearSigned(carol, 'From the real Carol'));
    assert.equal(genuine.status, 'verified');
    assert.equal(genuine.signer, 'Carol <carol@example.test>');
    assert.equal(genuine.notContact, undefined);

    const held = await signatureOf(h, await clearSigned(mallory, 'Please pay the invoice to this account'));
    assert.equal(held.status, 'not-contact-key');
    assert.equal(held.signer, null);
    assert.equal(held.fingerprint, mallory.fingerprint);
    assert.deepEqual(held.notContact, { why: 'held', kind: 'openpgp', address: 'carol@example.test', contact: 'Carol <carol@example.test>', contactVerified: true });
    assert.equal(replyAddress([held]), null);
  });

  it('rejected key (the user kept the known key): not-contact-key, why rejected; a rejected key for an unknown address names nobody', async () => {
    const { keyring, h } = await bobWithVerifiedCarol();
    await keyring.import({ text: mallory.armored }, 'wkd');
    const store = await keyring.store();
    await store.resolveConflict(store.conflicts()[0]!.id, { candidate: 'reject' });
    assert.equal(store.acceptanceOf(mallory.fingerprint), 'rejected');
    const sig = await signatureOf(h, await clearSigned(mallory, 'Still me'));
    assert.equal(sig.status, 'not-contact-key');
    assert.equal(sig.signer, null);
    assert.deepEqual(sig.notContact, { why: 'rejected', kind: 'openpgp', address: 'carol@example.test', contact: 'Carol <carol@example.test>', contactVerified: true });

    const dave = await person('Dave', 'dave@example.test');
    await keyring.import({ text: dave.armored }, 'user');
    await keyring.setAcceptance(dave.fingerprint, 'reject');
    const lone = await signatureOf(h, await clearSigned(dave, 'Hi'), 'dave@example.test');
    assert.equal(lone.status, 'not-contact-key');
    assert.deepEqual(lone.notContact, { why: 'rejected', kind: 'openpgp', address: 'dave@example.test', contact: null, contactVerified: false });
  });

  it('conflicting key with no held record: an accepted key the user did not verify, while the address has a verified one', async () => {
    // Mallory's key came first (trust on first use); Carol's real key then arrived and was held, and the user
    // verified it directly in the keyring: Mallory's key is not named in any conflict record.
    const keyring = createKeyringService(new MemoryBackend(), memoryArea(), { store: { minKdfIterations: iterations }, envelopeIterations: iterations });
    const h = reader(keyring);
    await keyring.import({ text: mallory.armored }, 'wkd');
    assert.equal((await keyring.store()).acceptanceOf(mallory.fingerprint), 'unverified');
    // Before Carol's key is known, Mallory's key is simply the key for that address.
    assert.equal((await signatureOf(h, await clearSigned(mallory, 'first'))).status, 'valid');
    await keyring.import({ text: carol.armored }, 'user');
    await keyring.setAcceptance(carol.fingerprint, 'verify');
    const store = await keyring.store();
    assert.ok(store.conflicts().every((c) => c.candidate !== mallory.fingerprint));

    const sig = await signatureOf(h, await clearSigned(mallory, 'second'));
    assert.equal(sig.status, 'not-contact-key');
    assert.equal(sig.signer, null);
    assert.deepEqual(sig.notContact, { why: 'conflicting', kind: 'openpgp', address: 'carol@example.test', contact: 'Carol <carol@example.test>', contactVerified: true });
    assert.equal((await signatureOf(h, await clearSigned(carol, 'real'))).status, 'verified');
  });

  it('a held key\'s broken signature is still invalid, and still not named as the contact', async () => {
    const { keyring, h } = await bobWithVerifiedCarol();
    await keyring.import({ text: mallory.armored }, 'wkd');
    const signed = (await clearSigned(mallory, 'Pay 100 EUR')).replace('Pay 100 EUR', 'Pay 900 EUR');
    const sig = await signatureOf(h, signed);
    assert.equal(sig.status, 'invalid');
    assert.equal(sig.signer, null);
    assert.equal(sig.notContact?.why, 'held');
  });
});

describe('S/MIME: a certificate that conflicts with the one relied on for the address', () => {
  let pki: TestPki;
  let otherPki: TestPki;
  let alice: User;
  let impostor: User;
  let bobCert: User;
  before(() => {
    if (!hasPeer('openssl')) return;
    pki = new TestPki();
    otherPki = new TestPki('Other Test CA');
    alice = pki.user('alice');
    bobCert = pki.user('bob');
    impostor = otherPki.user('alice');
  });
  after(() => { pki?.cleanup(); otherPki?.cleanup(); });

  const h = { from: 'alice@example.test', to: 'bob@example.test', subject: 'signed' };
  const sha256Of = (crt: string) => execFileSync('openssl', ['x509', '-in', crt, '-noout', '-fingerprint', '-sha256']).toString().trim().split('=')[1]!.replace(/:/g, '').toUpperCase();

  async function signatureOfMail(handlers: Handlers, mail: Uint8Array): Promise<SignatureView> {
    const { token } = await handlers['reader.openRaw']({ base64: Buffer.from(mail).toString('base64'), sender: 'alice@example.test' }, content);
    await handlers['reader.claim']({ token }, frame);
    const r = await handlers['reader.decrypt']({ token }, frame);
    assert.equal(r.state, 'content');
    return (r as { content: ReaderContent }).content.signatures[0]!;
  }

  it('unknown certificate from another authority, then held as a change, then turned down: never shown as Alice', async (t: TestContext) => {
    if (!requirePeer(t, 'openssl')) return;
    const { keyring, smime } = await bobKeyring(bobCert, pki.caCrt);
    await keyring.import({ text: readFileSync(alice.crt, 'utf8') }, 'user');
    const handlers = reader(keyring, smime);
    const sign = (u: User, text: string) => opensslMail(h, ['-sign', '-signer', u.crt, '-inkey', u.key, '-md', 'sha256'], textEntity(text));

    const genuine = await signatureOfMail(handlers, sign(alice, 'From the real Alice'));
    assert.equal(genuine.status, 'verified');
    assert.equal(genuine.signer, 'alice@example.test');

    const conflicting = await signatureOfMail(handlers, sign(impostor, 'New certificate, same Alice'));
    assert.equal(conflicting.status, 'not-contact-key');
    assert.equal(conflicting.signer, null);
    assert.equal(conflicting.fingerprint, sha256Of(impostor.crt));
    assert.deepEqual(conflicting.notContact, { why: 'conflicting', kind: 'x509', address: 'alice@example.test', contact: 'alice@example.test', contactVerified: true });

    const imported = await keyring.import({ text: readFileSync(impostor.crt, 'utf8') }, 'smime-signature');
    assert.equal(imported[0]!.key.fingerprint, sha256Of(impostor.crt));
    const store = await keyring.store();
    assert.equal(store.conflicts().length, 1);
    const held = await signatureOfMail(handlers, sign(impostor, 'Held now'));
    assert.equal(held.status, 'not-contact-key');
    assert.equal(held.notContact?.why, 'held');

    await store.resolveConflict(store.conflicts()[0]!.id, { candidate: 'reject' });
    const turnedDown = await signatureOfMail(handlers, sign(impostor, 'Turned down'));
    assert.equal(turnedDown.status, 'not-contact-key');
    assert.equal(turnedDown.notContact?.why, 'conflicting');

    // A renewal by the same authority is not a change: a second certificate for Alice from Bob's CA.
    const renewed = pki.user('alice2', { email: 'alice@example.test' });
    const renewal = await signatureOfMail(handlers, sign(renewed, 'Renewed'));
    assert.equal(renewal.status, 'verified');
    assert.equal(renewal.notContact, undefined);
  });
});
