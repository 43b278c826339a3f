import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProtocolError } from '../shared/result';
import { memoryArea } from './kv';
import { contentScriptId, createSites, type ScriptRegistrar } from './sites';

function fakeRegistrar(granted: string[]) {
  const registered = new Map<string, string[]>();
  const registrar: ScriptRegistrar = {
    hasHostPermission: async (p) => granted.includes(p),
    registerContentScript: async (id, patterns) => void registered.set(id, patterns),
    unregisterContentScript: async (id) => void registered.delete(id),
  };
  return { registrar, registered };
}

test('enabling needs the host permission, and registers the content script for granted origins only', async () => {
  const { registrar, registered } = fakeRegistrar(['https://mail.example/*']);
  const sites = createSites(memoryArea(), registrar);
  await assert.rejects(sites.enable('https://other.example'), (e: unknown) => e instanceof ProtocolError && e.code === 'permission-missing');
  assert.deepEqual(await sites.enable('https://Mail.Example/inbox'), ['https://mail.example']);
  assert.deepEqual(registered.get(contentScriptId), ['https://mail.example/*']);
  assert.equal(await sites.isEnabled('https://mail.example'), true);
  assert.equal(await sites.isEnabled('https://mail.example.evil.test'), false);
  await sites.disable('https://mail.example');
  assert.equal(registered.has(contentScriptId), false);
});

test('a revoked permission drops the registration on the next sync', async () => {
  const granted = ['http://127.0.0.1/*'];
  const { registrar, registered } = fakeRegistrar(granted);
  const sites = createSites(memoryArea(), registrar);
  await sites.enable('http://127.0.0.1:8080');
  assert.deepEqual(registered.get(contentScriptId), ['http://127.0.0.1/*']);
  granted.length = 0;
  await sites.sync();
  assert.equal(registered.has(contentScriptId), false);
});

test('non-web origins are refused', async () => {
  const sites = createSites(memoryArea(), fakeRegistrar([]).registrar);
  for (const bad of ['javascript:alert(1)', 'file:///etc', 'chrome-extension://abc', 'not a url']) {
    await assert.rejects(sites.enable(bad), (e: unknown) => e instanceof ProtocolError && e.code === 'bad-request');
  }
});
