/**
 * The raw-message reader handlers with a real keyring: openRaw → claim → decrypt (a PGP/MIME mail) → the
 * decrypted attachment in 2 MiB pieces; the raw store's bounds (memory, storage.session mirror, files), and
 * what a worker restart keeps. Senders are faked as the router would classify them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encrypt, readKey } from '../../../keyring/pgp';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { readerAttachmentChunkBytes } from '../../shared/catalogue';
import { readerPayloadSchema } from '../frame-payloads';
import { createFrameTokens } from '../frame-tokens';
import { createKeyringService } from '../keyring/service';
import { memoryArea } from '../kv';
import { createRawStore } from '../reader/raw-store';
import type { Services } from '../services';
import { createSmimeService } from '../smime/smime-service';
import { readerHandlers } from './reader';
import { replySubject } from '../compose/reply-subject';
import { routedCode, testContent, testReaderFrame } from '../../testing/routed';

const content = testContent;
const frame = testReaderFrame;
const frameSender = { url: 'chrome-extension://ekndomebbkmcdbphkccpepjnfhgbljgf/reader.html', tab: { id: 3 }, frameId: 9, documentId: 'D' };

async function setUp(session = memoryArea()) {
  const keyring = createKeyringService(new MemoryBackend(), memoryArea(), { store: { minKdfIterations: 2000 }, envelopeIterations: 2000 });
  const services = {
    keyring, smime: createSmimeService(keyring, memoryArea()), readerTokens: createFrameTokens(session, readerPayloadSchema), rawMessages: createRawStore(session),
  } as unknown as Services;
  return { keyring, services, h: readerHandlers(services) };
}

test('openRaw → claim → decrypt a PGP/MIME mail → its 5 MB attachment comes back exactly, piece by piece', async () => {
  const { keyring, h } = await setUp();
  const { key } = await keyring.generate({ name: 'Bob', email: 'bob@example.test', passphrase: 'bob passphrase', algorithm: 'curve25519' });
  const file = new Uint8Array(5 * 1024 * 1024 + 3).map((_, i) => (i * 31) & 0xff);
  const inner = `Content-Type: multipart/mixed; boundary="m"\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nhello raw\r\n--m\r\n`
    + `Content-Type: application/octet-stream; name="f.bin"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="f.bin"\r\n\r\n`
    + `${Buffer.from(file).toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n--m--\r\n`;
  const armored = await encrypt({ data: new TextEncoder().encode(inner), encryptionKeys: [await readKey(await keyring.exportPublic(key.fingerprint))] }) as string;
  const mail = 'From: alice@example.test\r\nContent-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="b"\r\n\r\n'
    + `--b\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n--b\r\nContent-Type: application/octet-stream; name="encrypted.asc"\r\n\r\n${armored}\r\n--b--\r\n`;
  const base64 = Buffer.from(mail).toString('base64');

  // Only a content script opens readers: a frame's context does not type-check here, and the router refuses a frame.
  // @ts-expect-error a frame context is not a content context
  void (() => h['reader.openRaw']({ base64 }, frame));
  assert.equal(await routedCode(h, 'reader.openRaw', { base64 }, frameSender), 'forbidden-sender');
  await assert.rejects(h['reader.openRaw']({ base64: 'not base64!' }, content), /not valid base64/);
  const keyOnly = 'Content-Type: multipart/mixed; boundary="k"\r\n\r\n--k\r\nContent-Type: text/plain\r\n\r\nmy key\r\n--k\r\n'
    + 'Content-Type: application/pgp-keys; name="OpenPGP_0x1234.asc"\r\n\r\n-----BEGIN PGP PUBLIC KEY BLOCK-----\r\n\r\nxx\r\n-----END PGP PUBLIC KEY BLOCK-----\r\n--k--\r\n';
  // A mail whose only piece is an attached key gets a reader (the key is offered there); one with nothing at all does not.
  assert.ok((await h['reader.openRaw']({ base64: Buffer.from(keyOnly).toString('base64') }, content)).token);
  const plain = 'Content-Type: multipart/mixed; boundary="k"\r\n\r\n--k\r\nContent-Type: text/plain\r\n\r\njust text\r\n--k--\r\n';
  await assert.rejects(h['reader.openRaw']({ base64: Buffer.from(plain).toString('base64') }, content), /no OpenPGP or S\/MIME part/);
  const { token } = await h['reader.openRaw']({ base64, sender: 'Alice@Example.test' }, content);
  const claim = await h['reader.claim']({ token }, frame);
  assert.deepEqual(claim, { kind: 'raw-message', origin: 'http://mail.test', bytes: mail.length, sender: 'alice@example.test' });
  await assert.rejects(h['reader.attachment']({ token, index: 0, offset: 0 }, frame), /unlock your key again/);
  const locked = await h['reader.decrypt']({ token }, frame);
  assert.equal(locked.state, 'needs-passphrase');
  const r = await h['reader.decrypt']({ token, fingerprint: key.fingerprint, passphrase: 'bob passphrase' }, frame);
  assert.equal(r.state, 'content');
  assert.deepEqual(r.state === 'content' ? r.content.attachments : null, [{ filename: 'f.bin', mimeType: 'application/octet-stream', size: file.length }]);

  const pieces: Buffer[] = [];
  for (let offset = 0, done = false; !done;) {
    const p = await h['reader.attachment']({ token, index: 0, offset }, frame);
    assert.equal(p.total, file.length);
    const bytes = Buffer.from(p.base64, 'base64');
    assert.ok(bytes.length <= readerAttachmentChunkBytes);
    pieces.push(bytes);
    offset += bytes.length;
    done = p.done;
  }
  assert.equal(pieces.length, 3);
  assert.deepEqual(Buffer.concat(pieces), Buffer.from(file));
  await assert.rejects(h['reader.attachment']({ token, index: 1, offset: 0 }, frame), /no such attachment/);
  await assert.rejects(h['reader.attachment']({ token, index: 0, offset: file.length + 1 }, frame), /offset beyond/);
});

test('raw store: small messages survive a worker restart through storage.session, large ones do not; memory and files are bounded', async () => {
  const session = memoryArea();
  const limits = { memoryChars: 100, mirrorEachChars: 40, mirrorTotalChars: 60, filesBytes: 10 };
  const store = createRawStore(session, limits);
  const b64 = (n: number) => Buffer.alloc((n / 4) * 3, 1).toString('base64');
  await store.put('small1', b64(32));
  await store.put('small2', b64(32)); // mirror total 64 > 60: small1's mirror goes
  await store.put('large', b64(48)); // not mirrored
  const restarted = createRawStore(session, limits);
  assert.equal((await restarted.get('small2'))?.length, 24);
  assert.equal(await restarted.get('small1'), null);
  assert.equal(await restarted.get('large'), null);
  await store.put('big', b64(96)); // memory 208 > 100: oldest dropped until it fits (big itself stays)
  assert.equal(await store.get('small1'), null);
  assert.equal((await store.get('big'))?.length, 72);
  await assert.rejects(store.put('x', 'abc'), /not base64/);
  // A full session area (quota) keeps the message in memory only.
  const full = { ...memoryArea(), set: async () => { throw new Error('QUOTA_BYTES quota exceeded'); } };
  const quota = createRawStore(full, limits);
  await quota.put('q', b64(8));
  assert.equal((await quota.get('q'))?.length, 6);
  store.keepFiles('a', [new Uint8Array(6)]);
  store.keepFiles('b', [new Uint8Array(6)]);
  assert.equal(store.files('a'), null);
  assert.equal(store.files('b')?.[0]?.length, 6);
});

test('a reply to a raw message gets "Re: <subject>" once', () => {
  assert.equal(replySubject('Befund'), 'Re: Befund');
  assert.equal(replySubject('RE: Befund'), 'RE: Befund');
  assert.equal(replySubject(null), null);
  assert.equal(replySubject(''), null);
});
