/**
 * Handlers that ask the page's content script something: a malformed answer is a typed error or a safe
 * fallback, and loses nothing (the ciphertext stays with the user, a held reply editor is dropped).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import type { ContentMessage } from '../../shared/content-messages';
import type { ContentContext, FrameContext } from '../../shared/sender';
import { memoryArea } from '../kv';
import { createServices } from '../services';
import type { ScriptRegistrar } from '../sites';
import { editorHandlers } from './editor';
import { readerHandlers } from './reader';
import { siteHandlers } from './sites';

const registrar: ScriptRegistrar = { hasHostPermission: async () => false, registerContentScript: async () => undefined, unregisterContentScript: async () => undefined };
const content = { cls: 'content', origin: 'https://mail.example.test', tabId: 7, frameId: 0, url: 'https://mail.example.test/' } as unknown as ContentContext;
const editor = { cls: 'frame', path: '/editor.html', tabId: 7, frameId: 3, documentId: 'd' } as FrameContext;
const reader = { cls: 'frame', path: '/reader.html', tabId: 7, frameId: 4, documentId: 'r' } as FrameContext;

function profile(answer: (m: ContentMessage) => unknown) {
  const sent: ContentMessage[] = [];
  const session = memoryArea();
  const services = createServices({
    local: memoryArea(), session, registrar, version: 't', keyringBackend: new MemoryBackend(),
    toContent: async (_tab, _frame, m) => {
      sent.push(m);
      return answer(m);
    },
    readManaged: async () => ({}),
  });
  return { services, session, sent, editor: editorHandlers(services), reader: readerHandlers(services), sites: siteHandlers(services) };
}

test('editor.encrypt: a malformed "inserted" answer leaves the ciphertext with the user, never reports it inserted', async () => {
  for (const answer of [{ inserted: 'yes' }, { inserted: true, extra: 1 }, 'ok', undefined]) {
    const p = profile(() => answer);
    const a = await p.services.keyring.generate({ name: 'Alice', email: 'alice@example.test', passphrase: 'alice pass 1', algorithm: 'curve25519' });
    const { token } = await p.editor['editor.open']({ to: ['alice@example.test'], cc: [] }, content);
    await p.editor['editor.claim']({ token }, editor);
    const r = await p.editor['editor.encrypt']({ token, to: ['alice@example.test'], cc: [], body: 'secret words', sign: false, passphrase: 'alice pass 1', fingerprint: a.key.fingerprint }, editor);
    assert.equal(r.state, 'ciphertext', JSON.stringify(answer));
    assert.ok(r.state === 'ciphertext' && r.armored.startsWith('-----BEGIN PGP MESSAGE-----'));
    assert.equal(p.sent.length, 1);
  }
});

test('reader.reply: a malformed answer is a typed bad-reply error and the held reply editor is dropped', async () => {
  const p = profile(() => ({ opened: 'maybe' }));
  const { token } = await p.reader['reader.open']({ kind: 'pgp-message', armored: '-----BEGIN PGP MESSAGE-----\n\nx\n-----END PGP MESSAGE-----' }, content);
  await p.reader['reader.claim']({ token }, reader);
  await assert.rejects(p.reader['reader.reply']({ token, quote: 'hi' }, reader), (e: { code?: string }) => e.code === 'bad-reply');
  assert.equal(await p.services.pendingReplies.take(7, 'https://mail.example.test'), null);
  // A well-formed "navigating" answer keeps it held for the web mail's reply form.
  const q = profile(() => ({ opened: false, navigating: true }));
  const t2 = (await q.reader['reader.open']({ kind: 'pgp-message', armored: 'x' }, content)).token;
  await q.reader['reader.claim']({ token: t2 }, reader);
  assert.deepEqual(await q.reader['reader.reply']({ token: t2, quote: 'hi' }, reader), { opened: true });
  assert.notEqual(await q.services.pendingReplies.take(7, 'https://mail.example.test'), null);
});

test('sites.composeHere: a malformed answer is "not opened"', async () => {
  for (const answer of [{ opened: 1 }, { opened: true, also: 'x' }, null]) {
    assert.deepEqual(await profile(() => answer).sites['sites.composeHere']({ tabId: 3 }, { cls: 'page', path: '/popup.html' }), { opened: false });
  }
  assert.deepEqual(await profile(() => ({ opened: true })).sites['sites.composeHere']({ tabId: 3 }, { cls: 'page', path: '/popup.html' }), { opened: true });
});
