/**
 * The BiDi shim's two repairs of Firefox ESR's messages, replayed from what the shim's logs showed
 * (LOCKPANE_BIDI_LOG): a moz-extension document whose realm is never announced, and a navigate answer
 * carrying the id of the navigation before it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NavigationIds } from './firefox-bidi-navigations';
import { RealmAnnouncer, type RealmInfo } from './firefox-bidi-realms';

const ext = 'moz-extension://6c0c7a11-0c4e-4b9a-9d3e-10c4a9a1e2e5';
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const event = (method: string, params: object) => ({ type: 'event', method, params });

function announcer(realms: RealmInfo[]) {
  const asked: object[] = [];
  const emitted: { params: RealmInfo }[] = [];
  const a = new RealmAnnouncer(async (_m, params) => (asked.push(params), { type: 'success', result: { realms } }), (e) => emitted.push(e as { params: RealmInfo }));
  return { a, asked, emitted };
}

test('a committed document whose realm Firefox never announced gets it announced from script.getRealms', async () => {
  const { a, asked, emitted } = announcer([
    { realm: 'new', origin: ext, type: 'window', context: 'f1' },
    { realm: 'sb', origin: ext, type: 'window', context: 'f1', sandbox: '__playwright_utility_world__' },
  ]);
  a.observe(event('script.realmCreated', { realm: 'blank', origin: 'http://127.0.0.1:1', context: 'f1', type: 'window' }));
  a.observe(event('script.realmDestroyed', { realm: 'blank' }));
  a.observe(event('browsingContext.navigationCommitted', { context: 'f1', url: `${ext}/editor.html` }));
  await wait(400);
  a.stop();
  assert.deepEqual(asked, [{ context: 'f1', type: 'window' }]);
  assert.deepEqual(emitted.map((e) => e.params), [{ realm: 'new', origin: ext, type: 'window', context: 'f1' }]);
});

test('a realm Firefox announced (before or after the commit) is neither asked for nor announced again', async () => {
  const { a, asked, emitted } = announcer([{ realm: 'early', origin: ext, type: 'window', context: 'f1' }]);
  a.observe(event('script.realmCreated', { realm: 'early', origin: ext, context: 'f1', type: 'window' }));
  a.observe(event('browsingContext.navigationCommitted', { context: 'f1' }));
  await wait(400);
  a.observe(event('browsingContext.navigationCommitted', { context: 'f2' }));
  a.observe(event('script.realmCreated', { realm: 'late', origin: ext, context: 'f2', type: 'window' }));
  await wait(400);
  a.stop();
  assert.deepEqual(asked, [{ context: 'f1', type: 'window' }]); // f1's early realm was already known: nothing emitted
  assert.deepEqual(emitted, []);
});

test('a navigate answer naming an older navigation gets the id of the navigation it started', () => {
  const n = new NavigationIds();
  n.sent({ id: 88, method: 'browsingContext.navigate', params: { context: 'top' } });
  const started = event('browsingContext.navigationStarted', { context: 'top', navigation: 'right' });
  assert.equal(n.received(started, JSON.stringify(started)), JSON.stringify(started));
  const answer = { type: 'success', id: 88, result: { navigation: 'stale', url: 'http://127.0.0.1:8080/?_task=mail&_action=compose' } };
  const fixed = JSON.parse(n.received(answer, JSON.stringify(answer))) as typeof answer;
  assert.equal(fixed.result.navigation, 'right');
  assert.equal(fixed.result.url, answer.result.url);
});

test('a navigate answer that names a navigation it started, or started none, passes unchanged', () => {
  const n = new NavigationIds();
  n.sent({ id: 1, method: 'browsingContext.navigate', params: { context: 'top' } });
  n.received(event('browsingContext.navigationStarted', { context: 'top', navigation: 'a' }), '');
  const good = JSON.stringify({ type: 'success', id: 1, result: { navigation: 'a' } });
  assert.equal(n.received(JSON.parse(good) as object, good), good);
  n.sent({ id: 2, method: 'browsingContext.navigate', params: { context: 'top' } }); // a fragment: no navigationStarted
  const fragment = JSON.stringify({ type: 'success', id: 2, result: { navigation: 'x' } });
  assert.equal(n.received(JSON.parse(fragment) as object, fragment), fragment);
});
