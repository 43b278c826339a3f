/**
 * What a real worker answers fits the reply schema of each message, so the clients' reply check
 * (shared/reply.ts) never refuses a correct answer: one profile driven through the real router and every
 * handler, each ok reply checked against its schema.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryBackend } from '../../keyring/testing/memory-backend';
import { replySchemaOf, type MessageName } from '../shared/catalogue';
import { readReply } from '../shared/reply';
import { allHandlers } from './handler-map';
import { memoryArea } from './kv';
import { createRouter } from './router';
import { createServices } from './services';
import type { ScriptRegistrar } from './sites';

const id = 'ekndomebbkmcdbphkccpepjnfhgbljgf';
const own = `chrome-extension://${id}`;
const page = { id, url: `${own}/options.html` };
const content = { id, url: 'https://mail.example/inbox', origin: 'https://mail.example', tab: { id: 3 }, frameId: 0 };
const frame = (path: string) => ({ id, url: `${own}${path}`, tab: { id: 3 }, frameId: 5, documentId: 'doc' });
const registrar: ScriptRegistrar = { hasHostPermission: async () => true, registerContentScript: async () => undefined, unregisterContentScript: async () => undefined };

test('every reply of a real worker passes the reply schema of its message', async () => {
  const services = createServices({
    local: memoryArea(), session: memoryArea(), registrar, version: '1.2.3', keyringBackend: new MemoryBackend(),
    toContent: async (_t, _f, m) => (m.name === 'content.insert' ? { inserted: true } : m.name === 'content.openEditor' ? { opened: true } : undefined),
    readManaged: async () => ({}),
  });
  const route = createRouter({ ownId: id, ownOrigin: own, handlers: allHandlers(services), isSiteEnabled: async () => true, onError: (e) => { throw e; } });
  const checked: string[] = [];
  async function send<N extends MessageName>(name: N, body: unknown, sender: object = page) {
    const reply = await route({ lockpane: 1, name, body }, sender);
    assert.ok(reply.ok, `${name}: ${JSON.stringify(reply).slice(0, 300)}`);
    checked.push(name);
    return readReply(name, reply, replySchemaOf(name));
  }

  await send('worker.ping', {});
  await send('worker.status', { verbose: false });
  await send('sites.enable', { origin: 'https://mail.example' });
  await send('sites.list', {});
  await send('site.hello', {}, content);
  await send('settings.indicator', {});
  await send('settings.setIndicator', { phrase: 'amber birch cobalt', color: '#1b5e20' });
  await send('settings.get', {});
  await send('settings.set', { values: { signByDefault: false } });
  await send('policy.status', {});
  const { key } = await send('keys.generate', { name: 'Ann', email: 'ann@example.test', passphrase: 'ann pass 12' });
  await send('keys.list', {});
  await send('keys.unlock', { fingerprint: key.fingerprint, passphrase: 'ann pass 12' });
  const { armored } = await send('keys.exportPublic', { fingerprint: key.fingerprint });
  await send('keys.importPreview', { text: armored });
  await send('keys.import', { text: armored });
  await send('keys.setAcceptance', { fingerprint: key.fingerprint, event: 'verify' });
  await send('keys.setExpiry', { fingerprint: key.fingerprint, passphrase: 'ann pass 12', days: 30 });
  await send('keys.conflicts', {});
  await send('trust.roots', {});
  const backup = await send('backup.create', { password: 'backup pass 1' });
  await send('backup.preview', { text: backup.armored, password: 'backup pass 1' });

  const { token } = await send('editor.open', { to: ['ann@example.test'], cc: [] }, content);
  const editor = frame('/editor.html');
  await send('editor.claim', { token }, editor);
  await send('editor.resolve', { token, to: ['ann@example.test'], cc: [] }, editor);
  await send('editor.saveDraft', { token, to: ['ann@example.test'], cc: [], body: 'draft' }, editor);
  await send('editor.loadDraft', { token }, editor);
  await send('editor.discardDraft', { token }, editor);
  const encrypted = await send('editor.encrypt', { token, to: ['ann@example.test'], cc: [], body: 'hello', sign: true }, editor);
  assert.equal(encrypted.state, 'inserted');
  await send('editor.takeReply', {}, content);

  const signed = await services.keyring.exportPublic(key.fingerprint);
  const reader = frame('/reader.html');
  const keyToken = (await send('reader.open', { kind: 'pgp-key', armored: signed }, content)).token;
  await send('reader.claim', { token: keyToken }, reader);
  assert.equal((await send('reader.decrypt', { token: keyToken }, reader)).state, 'key');
  await send('reader.importKey', { token: keyToken }, reader);
  await send('reader.reply', { token: keyToken, quote: 'q' }, reader);
  await send('keys.revoke', { fingerprint: key.fingerprint, passphrase: 'ann pass 12' });
  await send('keys.lockAll', {});
  assert.ok(checked.length >= 35, String(checked.length));
});
