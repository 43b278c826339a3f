/**
 * No draft is lost to another editor on the same web mail (drafts were one per origin before): a second
 * editor's autosave does not overwrite the first one's draft, sending one message removes only its own
 * draft, and an editor that restored a draft saves over that one instead of making a copy. Driven through
 * the real router and handlers, as the frames drive them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { replySchemaOf, type MessageName } from '../../shared/catalogue';
import { readReply } from '../../shared/reply';
import { allHandlers } from '../handler-map';
import { memoryArea } from '../kv';
import { createRouter } from '../router';
import { createServices } from '../services';
import type { ScriptRegistrar } from '../sites';

const id = 'ekndomebbkmcdbphkccpepjnfhgbljgf';
const own = `chrome-extension://${id}`;
const origin = 'https://mail.example';
const content = { id, url: `${origin}/inbox`, origin, tab: { id: 3 }, frameId: 0 };
const page = { id, url: `${own}/options.html` };
const registrar: ScriptRegistrar = { hasHostPermission: async () => true, registerContentScript: async () => undefined, unregisterContentScript: async () => undefined };

async function worker() {
  const local = memoryArea();
  const services = createServices({
    local, session: memoryArea(), registrar, version: 't', keyringBackend: new MemoryBackend(),
    toContent: async (_t, _f, m) => (m.name === 'content.insert' ? { inserted: true } : undefined), readManaged: async () => ({}),
  });
  const route = createRouter({ ownId: id, ownOrigin: own, handlers: allHandlers(services), isSiteEnabled: async () => true, onError: (e) => { throw e; } });
  async function send<N extends MessageName>(name: N, body: unknown, sender: object) {
    const reply = await route({ lockpane: 1, name, body }, sender);
    assert.ok(reply.ok, `${name}: ${JSON.stringify(reply).slice(0, 300)}`);
    return readReply(name, reply, replySchemaOf(name));
  }
  await send('sites.enable', { origin }, page);
  const { key } = await send('keys.generate', { name: 'Ann', email: 'ann@example.test', passphrase: 'ann pass 12' }, page);
  await send('keys.unlock', { fingerprint: key.fingerprint, passphrase: 'ann pass 12' }, page);
  let frames = 10;
  /** A new secure editor in its own frame document, claimed as the editor frame does. */
  async function editor() {
    const frame = { id, url: `${own}/editor.html`, tab: { id: 3 }, frameId: frames, documentId: `doc-${frames++}` };
    const { token } = await send('editor.open', { to: ['ann@example.test'], cc: [] }, content);
    const claim = await send('editor.claim', { token }, frame);
    return {
      claim,
      save: (body: string) => send('editor.saveDraft', { token, to: ['ann@example.test'], cc: [], body }, frame),
      restore: async () => {
        const r = await send('editor.loadDraft', { token }, frame);
        return r.state === 'draft' ? r.body : r.state;
      },
      send: (body: string) => send('editor.encrypt', { token, to: ['ann@example.test'], cc: [], body, sign: false }, frame),
    };
  }
  const storedDrafts = () => [...local.data.keys()].filter((k) => k.startsWith('draft:')).length;
  return { editor, storedDrafts };
}

test('a second editor\'s autosave keeps the first editor\'s draft, and sending it removes only its own', async () => {
  const w = await worker();
  const first = await w.editor();
  await first.save('the long letter to the insurer');
  const second = await w.editor();
  assert.equal(second.claim.draft.exists, true, 'the second editor offers the first one\'s draft');
  await second.save('a quick note');
  await second.send('a quick note');
  const third = await w.editor();
  assert.equal(await third.restore(), 'the long letter to the insurer');
  assert.equal(w.storedDrafts(), 1, 'the sent note\'s draft is gone, the letter\'s stays');
});

test('an editor that restored a draft saves over it: no copy, and sending removes it', async () => {
  const w = await worker();
  await (await w.editor()).save('version 1');
  const again = await w.editor();
  assert.equal(await again.restore(), 'version 1');
  await again.save('version 2');
  assert.equal(w.storedDrafts(), 1);
  const later = await w.editor();
  assert.equal(await later.restore(), 'version 2');
  await later.send('version 2');
  assert.equal(w.storedDrafts(), 0);
  assert.equal((await w.editor()).claim.draft.exists, false);
});

test('an editor never offers its own draft, only another one', async () => {
  const w = await worker();
  const only = await w.editor();
  await only.save('mine');
  assert.equal(await only.restore(), 'none');
});
