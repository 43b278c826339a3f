/**
 * A reply to a message with a protected Subject (RFC 9788), from a site that can only send inline OpenPGP
 * (SOGo, generic): the web mail's Subject field gets `Re: [...]`, never `Re: <protected Subject>`; the
 * editor learns it before and after sending. Protected forms are unchanged.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import type { ContentMessage } from '../../shared/content-messages';
import type { ContentContext, FrameContext } from '../../shared/sender';
import { encryptPgpMime } from '../compose/compose-pgp-mime';
import { clearReplySubject } from '../compose/reply-subject';
import { memoryArea } from '../kv';
import { createServices } from '../services';
import type { ScriptRegistrar } from '../sites';
import { editorHandlers } from './editor';
import { readerHandlers } from './reader';

const registrar: ScriptRegistrar = { hasHostPermission: async () => false, registerContentScript: async () => undefined, unregisterContentScript: async () => undefined };
const content = { cls: 'content', origin: 'https://sogo.example.test', tabId: 7, frameId: 0, url: 'https://sogo.example.test/SOGo/' } as unknown as ContentContext;
const editor = { cls: 'frame', path: '/editor.html', tabId: 7, frameId: 3, documentId: 'd' } as FrameContext;
const reader = { cls: 'frame', path: '/reader.html', tabId: 7, frameId: 4, documentId: 'r' } as FrameContext;
const secret = 'Results: HIV test, J. Doe';

test('clearReplySubject: a clear Subject that repeats the protected one (any case, spacing, with more text) becomes Re: [...]', () => {
  assert.deepEqual(clearReplySubject(`Re: ${secret}`, secret), { value: 'Re: [...]', keptOut: true });
  assert.deepEqual(clearReplySubject(`RE:  results: hiv  test, j. doe (follow-up)`, secret), { value: 'Re: [...]', keptOut: true });
  assert.deepEqual(clearReplySubject('Re: your appointment', secret), { value: 'Re: your appointment', keptOut: false });
  assert.deepEqual(clearReplySubject(`Re: ${secret}`, undefined), { value: `Re: ${secret}`, keptOut: false });
  assert.deepEqual(clearReplySubject('Re: [...]', '  '), { value: 'Re: [...]', keptOut: false });
});

async function replyEditor() {
  const sent: ContentMessage[] = [];
  const services = createServices({
    local: memoryArea(), session: memoryArea(), registrar, version: 't', keyringBackend: new MemoryBackend(),
    toContent: async (_tab, _frame, m) => {
      sent.push(m);
      if (m.name === 'content.openEditor') return { opened: true };
      if (m.name === 'content.insert') return { inserted: true, subjectSet: true };
      return undefined;
    },
    readManaged: async () => ({}),
  });
  const r = readerHandlers(services);
  const e = editorHandlers(services);
  const alice = await services.keyring.generate({ name: 'Alice', email: 'alice@example.test', passphrase: 'alice pass 1', algorithm: 'curve25519' });
  await services.keyring.unlock(alice.key.fingerprint, 'alice pass 1');
  // A PGP/MIME entity with the protected Subject, as Thunderbird or Lockpane send it, to Alice herself.
  const armored = await encryptPgpMime({ body: 'Befund anbei.', files: [], headers: { subject: secret, from: 'alice@example.test', to: ['alice@example.test'], cc: [] } },
    [(await services.keyring.unlockedOwnKeys())[0]!.toPublic()], []);
  const { token } = await r['reader.open']({ kind: 'pgp-message', armored }, content);
  await r['reader.claim']({ token }, reader);
  const shown = await r['reader.decrypt']({ token }, reader);
  assert.ok(shown.state === 'content' && shown.content.protectedHeaders?.fields.subject === secret);
  assert.deepEqual(await r['reader.reply']({ token, quote: 'Befund anbei.' }, reader), { opened: true });
  const opened = sent.find((m): m is ContentMessage & { name: 'content.openEditor' } => m.name === 'content.openEditor')!;
  return { e, sent, fingerprint: alice.key.fingerprint, editorToken: opened.editorToken };
}

test('inline reply: the editor shows Re: <protected Subject> and says it stays out; the web mail\'s Subject gets Re: [...]', async () => {
  const { e, sent, fingerprint, editorToken } = await replyEditor();
  const claim = await e['editor.claim']({ token: editorToken }, editor);
  assert.equal(claim.subject, `Re: ${secret}`);
  assert.equal(claim.protectedReply, true);
  assert.equal(claim.pgpMime, false);
  const r = await e['editor.encrypt']({ token: editorToken, to: ['alice@example.test'], cc: [], body: 'Danke.', sign: false, subject: `Re: ${secret}`, passphrase: 'alice pass 1', fingerprint }, editor);
  assert.deepEqual(r, { state: 'inserted', subject: 'placeholder' });
  const insert = sent.find((m): m is ContentMessage & { name: 'content.insert' } => m.name === 'content.insert')!;
  assert.equal(insert.subject, 'Re: [...]');
  assert.ok(!JSON.stringify(sent.filter((m) => m.name === 'content.insert')).includes('HIV'), 'the protected Subject never reaches the page');
});

test('sign-only reply: the readable signed mail and the Subject field carry Re: [...] too; a Subject the user wrote goes as written', async () => {
  const { e, sent, fingerprint, editorToken } = await replyEditor();
  await e['editor.claim']({ token: editorToken }, editor);
  const r = await e['editor.encrypt']({ token: editorToken, to: [], cc: [], body: 'Danke.', sign: true, signOnly: true, subject: `Re: ${secret}`, passphrase: 'alice pass 1', fingerprint }, editor);
  assert.deepEqual(r, { state: 'inserted', subject: 'placeholder' });
  const inserts = sent.filter((m): m is ContentMessage & { name: 'content.insert' } => m.name === 'content.insert');
  assert.equal(inserts[0]!.subject, 'Re: [...]');
  assert.ok(!inserts[0]!.text.includes('HIV'));

  const again = await replyEditor();
  await again.e['editor.claim']({ token: again.editorToken }, editor);
  const own = await again.e['editor.encrypt']({ token: again.editorToken, to: ['alice@example.test'], cc: [], body: 'x', sign: false, subject: 'Re: Termin', passphrase: 'alice pass 1', fingerprint: again.fingerprint }, editor);
  assert.deepEqual(own, { state: 'inserted', subject: 'clear' });
  assert.equal(again.sent.find((m): m is ContentMessage & { name: 'content.insert' } => m.name === 'content.insert')!.subject, 'Re: Termin');
});
