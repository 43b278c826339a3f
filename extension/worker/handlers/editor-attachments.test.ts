import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decrypt, readKey } from '../../../keyring/pgp';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { fromBase64, toBase64 } from '../../../keyring/bytes';
import { attachmentLimits } from '../../shared/compose-types';
import type { ContentMessage } from '../../shared/content-messages';
import type { ContentContext, FrameContext } from '../../shared/sender';
import { mixedEntity } from '../compose/mime-mixed';
import { memoryArea } from '../kv';
import { createServices } from '../services';
import type { ScriptRegistrar } from '../sites';
import { editorHandlers } from './editor';

const registrar: ScriptRegistrar = { hasHostPermission: async () => false, registerContentScript: async () => undefined, unregisterContentScript: async () => undefined };
const content = { cls: 'content', origin: 'https://mail.example.test', tabId: 7, frameId: 0, url: 'https://mail.example.test/' } as unknown as ContentContext;
const frame = { cls: 'frame', path: '/editor.html', tabId: 7, frameId: 3, documentId: 'd' } as FrameContext;

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'no error';
}

/** A profile whose content script collects what the worker sends it (and attaches every file). */
function profile() {
  const sent: ContentMessage[] = [];
  const services = createServices({
    local: memoryArea(), session: memoryArea(), registrar, version: 't', keyringBackend: new MemoryBackend(),
    toContent: async (_tab, _frame, m) => {
      sent.push(m);
      if (m.name === 'content.insert') return m.subject === undefined ? { inserted: true } : { inserted: true, subjectSet: true };
      if (m.name === 'content.attach') return m.index === m.total - 1 ? { state: 'attached' } : { state: 'partial' };
      return undefined;
    },
    readManaged: async () => ({}),
  });
  return { services, h: editorHandlers(services), sent };
}

test('attachments: staged in chunks, encrypted and signed to <name>.pgp, handed to the page as ciphertext chunks only', async () => {
  const alice = profile();
  const a = await alice.services.keyring.generate({ name: 'Alice', email: 'alice@example.test', passphrase: 'alice pass 1', algorithm: 'curve25519' });
  const bobProfile = profile();
  const b = await bobProfile.services.keyring.generate({ name: 'Bob', email: 'bob@example.test', passphrase: 'bob pass 12', algorithm: 'curve25519' });
  await alice.services.keyring.import({ text: await bobProfile.services.keyring.exportPublic(b.key.fingerprint) }, 'test');
  await alice.services.keyring.setAcceptance(b.key.fingerprint, 'verify');

  const { token } = await alice.h['editor.open']({ to: ['bob@example.test'], cc: [], canAttach: true }, content);
  assert.equal((await alice.h['editor.claim']({ token }, frame)).canAttach, true);
  // 2.5 chunks of every byte value, so chunk joins are exercised.
  const secret = new Uint8Array(attachmentLimits.chunkBytes * 2.5).map((_, i) => (i * 131) & 0xff);
  const size = secret.length;
  const chunk = attachmentLimits.chunkBytes;
  const total = Math.ceil(size / chunk);
  for (let index = 0; index < total; index++) {
    await alice.h['editor.stage']({ token, id: 'f1', name: 'report.bin', size, index, total, data: toBase64(secret.subarray(index * chunk, (index + 1) * chunk)) }, frame);
  }
  // Out of order and over-announced chunks are refused with typed errors.
  assert.equal(await code(alice.h['editor.stage']({ token, id: 'f2', name: 'x', size: 3, index: 1, total: 2, data: 'AAAA' }, frame)), 'bad-data');
  assert.equal(await code(alice.h['editor.stage']({ token, id: 'f3', name: 'x', size: 2, index: 0, total: 1, data: 'AAAA' }, frame)), 'bad-data');

  const r = await alice.h['editor.encrypt']({ token, to: ['bob@example.test'], cc: [], body: 'see attached', sign: true, passphrase: 'alice pass 1', fingerprint: a.key.fingerprint, attachments: ['f1'] }, frame);
  assert.equal(r.state, 'inserted');
  assert.ok(r.state === 'inserted' && r.attachments);
  assert.deepEqual(r.attachments.map((x) => x.name), ['report.bin.pgp']);
  assert.equal(await code(alice.h['editor.attach']({ token, id: 'nope' }, frame)), 'not-found');
  assert.deepEqual(await alice.h['editor.attach']({ token, id: 'f1' }, frame), { attached: true, name: 'report.bin.pgp' });
  // Once attached it is gone from the worker.
  assert.equal(await code(alice.h['editor.attach']({ token, id: 'f1' }, frame)), 'not-found');

  const chunks = alice.sent.filter((m) => m.name === 'content.attach');
  assert.ok(chunks.length >= 3);
  const cipher = Buffer.concat(chunks.map((m) => (m.name === 'content.attach' ? Buffer.from(fromBase64(m.data)) : Buffer.alloc(0))));
  assert.equal(cipher.includes(Buffer.from(secret.subarray(0, 64))), false);
  // Bob decrypts the exact bytes and Alice's signature verifies.
  await bobProfile.services.keyring.unlock(b.key.fingerprint, 'bob pass 12');
  const out = await decrypt({ message: new Uint8Array(cipher), decryptionKeys: await bobProfile.services.keyring.unlockedOwnKeys(), verificationKeys: [await readKey(await alice.services.keyring.exportPublic(a.key.fingerprint))] });
  assert.ok(Buffer.from(out.data).equals(Buffer.from(secret)));
  assert.equal(out.signatures.length, 1);
  assert.equal(out.signatures[0]?.status, 'good');
});

test('attachments are refused where the page cannot attach, and beyond the size limits', async () => {
  const p = profile();
  const { token } = await p.h['editor.open']({ to: [], cc: [] }, content);
  assert.equal((await p.h['editor.claim']({ token }, frame)).canAttach, false);
  assert.equal(await code(p.h['editor.stage']({ token, id: 'f1', name: 'a', size: 3, index: 0, total: 1, data: 'AAAA' }, frame)), 'bad-request');
  const q = profile();
  const t2 = (await q.h['editor.open']({ to: [], cc: [], canAttach: true }, content)).token;
  await q.h['editor.claim']({ token: t2 }, frame);
  assert.equal(await code(q.h['editor.stage']({ token: t2, id: 'f1', name: 'a', size: attachmentLimits.maxFileBytes + 1, index: 0, total: 1, data: '' }, frame)), 'too-large');
});

test('mixedEntity: text first, then each file base64 with its (RFC 2231 when needed) file name', () => {
  const text = new TextEncoder().encode('Content-Type: text/plain; charset=utf-8\r\n\r\nhi\r\n');
  const e = new TextDecoder().decode(mixedEntity(text, [{ id: 'a', name: 'Befund ü.pdf', bytes: new Uint8Array([1, 2, 3]) }, { id: 'b', name: 'x.txt', bytes: new Uint8Array([65]) }]));
  const boundary = /boundary="([^"]+)"/.exec(e)?.[1] ?? '';
  assert.ok(boundary.length > 10);
  assert.match(e, /filename\*=utf-8''Befund%20%C3%BC\.pdf/);
  assert.match(e, /filename="x\.txt"/);
  assert.ok(e.includes('AQID') && e.includes('QQ=='));
  assert.ok(e.trimEnd().endsWith(`--${boundary}--`));
  assert.ok(e.indexOf('hi') < e.indexOf('AQID'));
});

test('PGP/MIME pane: the editor learns it, the page gets the notice line, the placeholder Subject and the armor only; files stay inside', async () => {
  const alice = profile();
  const a = await alice.services.keyring.generate({ name: 'Alice', email: 'alice@example.test', passphrase: 'alice pass 1', algorithm: 'curve25519' });
  const bobProfile = profile();
  const b = await bobProfile.services.keyring.generate({ name: 'Bob', email: 'bob@example.test', passphrase: 'bob pass 12', algorithm: 'curve25519' });
  await alice.services.keyring.import({ text: await bobProfile.services.keyring.exportPublic(b.key.fingerprint) }, 'test');

  const plain = await alice.h['editor.open']({ to: ['bob@example.test'], cc: [], canAttach: true }, content);
  assert.equal((await alice.h['editor.claim']({ token: plain.token }, frame)).pgpMime, false);
  const { token } = await alice.h['editor.open']({ to: ['bob@example.test'], cc: [], canAttach: true, pgpMime: true, subject: 'Befund' }, content);
  assert.equal((await alice.h['editor.claim']({ token }, frame)).pgpMime, true);
  const secret = new TextEncoder().encode('file secret 4711');
  await alice.h['editor.stage']({ token, id: 'f1', name: 'befund.txt', size: secret.length, index: 0, total: 1, data: toBase64(secret) }, frame);
  const r = await alice.h['editor.encrypt']({
    token, to: ['bob@example.test'], cc: [], body: 'body secret 0815', sign: false, subject: 'Befund', pgpMimeNotice: 'Encrypted (PGP/MIME).',
    passphrase: 'alice pass 1', fingerprint: a.key.fingerprint, attachments: ['f1'],
  }, frame);
  assert.deepEqual(r, { state: 'inserted', subject: 'protected' });
  const inserts = alice.sent.filter((m) => m.name === 'content.insert');
  assert.equal(inserts.length, 1);
  const m = inserts[0]!;
  assert.ok(m.name === 'content.insert');
  assert.equal(m.text, 'Encrypted (PGP/MIME).');
  assert.equal(m.subject, '[...]');
  assert.match(m.pgpMime ?? '', /^-----BEGIN PGP MESSAGE-----/);
  assert.equal(alice.sent.some((x) => x.name === 'content.attach'), false);
  assert.ok(!JSON.stringify(alice.sent).includes('secret'));
  await bobProfile.services.keyring.unlock(b.key.fingerprint, 'bob pass 12');
  const inner = new TextDecoder().decode((await decrypt({ message: m.pgpMime ?? '', decryptionKeys: await bobProfile.services.keyring.unlockedOwnKeys() })).data);
  assert.match(inner, /^Subject: Befund\r\n/m);
  assert.match(inner, /filename="befund.txt"/);
});
