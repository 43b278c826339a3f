import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LockpaneError } from '../../keyring/errors';
import { catalogue } from '../shared/catalogue';
import { createRouter, type HandlerMap } from './router';

const id = 'ekndomebbkmcdbphkccpepjnfhgbljgf';
const own = `chrome-extension://${id}`;
const page = { id, url: `${own}/options.html` };
const frame = { id, url: `${own}/reader.html`, tab: { id: 1 }, frameId: 2, documentId: 'doc' };
const content = (origin: string) => ({ id, url: `${origin}/mail`, origin, tab: { id: 1 }, frameId: 0 });

function handlers(calls: string[]): HandlerMap {
  const h = (name: string, value: unknown) => async () => {
    calls.push(name);
    return value as never;
  };
  const all = Object.fromEntries(Object.keys(catalogue).map((name) => [name, h(name, {})])) as unknown as HandlerMap;
  return {
    ...all,
    'worker.ping': async (_r, ctx) => ({ version: '1', senderClass: ctx.cls }),
    'worker.status': h('worker.status', { version: '1', startedAt: 'now', sites: 0 }),
    'site.hello': h('site.hello', { enabled: true }),
    'reader.open': h('reader.open', { token: 't' }),
    'reader.claim': async () => { throw new LockpaneError('cannot-decrypt', 'no key'); },
    'sites.list': h('sites.list', { origins: [] }),
    'sites.enable': h('sites.enable', { origins: [] }),
    'sites.disable': h('sites.disable', { origins: [] }),
    'settings.indicator': async () => { throw new Error('boom'); },
    'settings.setIndicator': h('settings.setIndicator', { phrase: 'p', color: '#000000' }),
  };
}

function router(calls: string[] = [], enabled = ['https://mail.example']) {
  return createRouter({ ownId: id, ownOrigin: own, handlers: handlers(calls), isSiteEnabled: async (o) => enabled.includes(o) });
}

test('routes a valid message and reports the sender class the worker decided', async () => {
  assert.deepEqual(await router()({ lockpane: 1, name: 'worker.ping', body: {} }, page), { ok: true, value: { version: '1', senderClass: 'page' } });
  assert.deepEqual(await router()({ lockpane: 1, name: 'worker.ping', body: {} }, frame), { ok: true, value: { version: '1', senderClass: 'frame' } });
});

test('refuses the wrong sender class before the handler runs', async () => {
  const calls: string[] = [];
  const r = router(calls);
  const fromPage = await r({ lockpane: 1, name: 'reader.open', body: { kind: 'pgp-message', armored: 'x' } }, page);
  assert.equal(fromPage.ok ? '' : fromPage.error.code, 'forbidden-sender');
  const fromContent = await r({ lockpane: 1, name: 'sites.enable', body: { origin: 'https://x.example' } }, content('https://mail.example'));
  assert.equal(fromContent.ok ? '' : fromContent.error.code, 'forbidden-sender');
  assert.deepEqual(calls, []);
});

test('a content script on an origin that is not enabled gets nothing', async () => {
  const calls: string[] = [];
  const reply = await router(calls)({ lockpane: 1, name: 'site.hello', body: {} }, content('https://evil.example'));
  assert.equal(reply.ok ? '' : reply.error.code, 'site-not-enabled');
  assert.deepEqual(calls, []);
});

test('claims in the body cannot change the sender class', async () => {
  const reply = await router()({ lockpane: 1, name: 'worker.ping', body: { senderClass: 'page' } }, content('https://mail.example'));
  assert.equal(reply.ok ? '' : reply.error.code, 'bad-request');
});

test('malformed, unknown and oversize messages get typed errors', async () => {
  const r = router();
  const codeOf = async (m: unknown, s: object = page) => {
    const reply = await r(m, s);
    return reply.ok ? 'ok' : reply.error.code;
  };
  assert.equal(await codeOf(null), 'bad-request');
  assert.equal(await codeOf('worker.ping'), 'bad-request');
  assert.equal(await codeOf({ name: 'worker.ping' }), 'bad-request');
  assert.equal(await codeOf({ lockpane: 1, name: 'nope' }), 'unknown-message');
  assert.equal(await codeOf({ lockpane: 1, name: '__proto__' }), 'unknown-message');
  assert.equal(await codeOf({ lockpane: 1, name: 'reader.open', body: { kind: 'pgp-message', armored: 'x'.repeat(9 * 1024 * 1024) } }, content('https://mail.example')), 'bad-request');
  assert.equal(await codeOf({ lockpane: 1, name: 'worker.ping' }, { id: 'other-extension', url: `${own}/options.html` }), 'forbidden-sender');
});

test('keyring errors keep their code; unexpected errors become "internal" without details', async () => {
  const claim = await router()({ lockpane: 1, name: 'reader.claim', body: { token: 'a'.repeat(43) } }, frame);
  assert.deepEqual(claim, { ok: false, error: { code: 'cannot-decrypt', message: 'no key' } });
  const boom = await router()({ lockpane: 1, name: 'settings.indicator', body: {} }, page);
  assert.equal(boom.ok ? '' : boom.error.code, 'internal');
  assert.ok(!JSON.stringify(boom).includes('boom'));
});
