/**
 * The worker's discovery service, through the real services (keyring, settings, managed policy) with a
 * fake fetch that serves real keys generated here: a WKD directory (advanced and direct layouts) and a
 * VKS server. Also the sender rules: content scripts and foreign frames can never start a lookup.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as openpgp from 'openpgp';
import type { FetchLike, FetchResponse } from '../../../keyring/discovery/fetch';
import { wkdHash } from '../../../keyring/discovery/wkd';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { makePgpKey, type TestPgpKey } from '../../../keyring/testing/identities';
import { catalogue } from '../../shared/catalogue';
import type { SenderContext } from '../../shared/sender';
import { discoveryHandlers } from '../handlers/discovery';
import { memoryArea, type KeyValueArea } from '../kv';
import { createRouter, type HandlerMap } from '../router';
import { createServices } from '../services';
import { createDiscoveryService } from './discovery-service';
import type { ScriptRegistrar } from '../sites';

const page = { cls: 'page', path: '/options.html' } as const satisfies SenderContext;
const registrar: ScriptRegistrar = { hasHostPermission: async () => false, registerContentScript: async () => undefined, unregisterContentScript: async () => undefined };
const vksBase = 'https://keys.example.net';

type Served = { status: number; body: string | Uint8Array; headers?: Record<string, string> };

/** A tiny web: URL → answer. Unknown hosts fail like DNS; `slow` hosts never answer. */
function web(routes: Map<string, Served>, opts: { slow?: string[] } = {}) {
  const requests: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push(url);
    const u = new URL(url);
    if (opts.slow?.includes(u.hostname)) {
      return new Promise<FetchResponse>((_r, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }
    const hit = routes.get(url);
    if (!hit) {
      if (![...routes.keys()].some((k) => new URL(k).hostname === u.hostname)) throw new TypeError('Failed to fetch');
      return new Response('not found', { status: 404 });
    }
    return new Response(typeof hit.body === 'string' ? hit.body : new Uint8Array(hit.body), { status: hit.status, headers: hit.headers ?? {} });
  };
  return { fetch, requests };
}

const binary = async (armored: string) => (await openpgp.readKey({ armoredKey: armored })).write() as Uint8Array;
const advancedUrl = async (local: string, domain: string) => `https://openpgpkey.${domain}/.well-known/openpgpkey/${domain}/hu/${await wkdHash(local)}?l=${encodeURIComponent(local)}`;
const directUrl = async (local: string, domain: string) => `https://${domain}/.well-known/openpgpkey/hu/${await wkdHash(local)}?l=${encodeURIComponent(local)}`;
const vksUrl = (email: string) => `${vksBase}/vks/v1/by-email/${encodeURIComponent(email)}`;

function profile(fetch: FetchLike, opts: { managed?: Record<string, unknown>; session?: KeyValueArea } = {}) {
  return createServices({
    local: memoryArea(), session: opts.session ?? memoryArea(), registrar, version: 't', keyringBackend: new MemoryBackend(),
    toContent: async () => undefined, readManaged: async () => opts.managed ?? {}, fetch,
  });
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  return { code: 'no error', message: '' };
}

const keys: Record<string, TestPgpKey> = {};
async function key(id: string, email: string): Promise<TestPgpKey> {
  return (keys[`${id}:${email}`] ??= await makePgpKey(id, email));
}

describe('discovery service', () => {
  it('finds a key by WKD and VKS, stores nothing until import, then imports it as unverified (never verified)', async () => {
    const ada = await key('Ada', 'ada@example.org');
    const routes = new Map<string, Served>([
      [await advancedUrl('ada', 'example.org'), { status: 200, body: await binary(ada.publicArmored) }],
      [vksUrl('ada@example.org'), { status: 200, body: ada.publicArmored }],
    ]);
    const s = profile(web(routes).fetch);
    await s.settings.set({ values: { keyDiscovery: { wkd: true, keyServers: [vksBase] } } });
    const found = await s.discovery.lookup('Ada@Example.org');
    assert.equal(found.email, 'ada@example.org');
    assert.deepEqual(found.candidates.map((c) => [c.key.fingerprint, c.sources, c.relation, c.key.acceptance, c.key.hasPrivate]),
      [[ada.fingerprint, ['wkd-advanced', 'vks'], 'new', 'undecided', false]]);
    assert.deepEqual(found.candidates[0]!.key.names, ['Ada <ada@example.org>']);
    assert.deepEqual(found.outcomes.map((o) => [o.source, o.result]), [['wkd', 'found'], ['vks', 'found']]);
    assert.equal((await s.keyring.list()).length, 0, 'a lookup stores nothing');

    const imported = await s.discovery.import(found.candidates[0]!.id);
    assert.deepEqual([imported.key.fingerprint, imported.key.acceptance, imported.conflicts], [ada.fingerprint, 'unverified', []]);
    assert.equal((await s.compose.resolve(['ada@example.org'], [])).recipients[0]!.openpgp, ada.fingerprint, 'usable for encryption now');
    assert.equal((await failure(s.discovery.import(found.candidates[0]!.id))).code, 'not-found', 'a candidate is used once');

    const again = await s.discovery.lookup('ada@example.org');
    assert.deepEqual([again.candidates[0]!.relation, again.candidates[0]!.key.acceptance], ['same', 'unverified']);
  });

  it('falls back to the direct WKD method', async () => {
    const bo = await key('Bo', 'bo@direct.example');
    const s = profile(web(new Map([[await directUrl('bo', 'direct.example'), { status: 200, body: await binary(bo.publicArmored) }]])).fetch);
    const found = await s.discovery.lookup('bo@direct.example');
    assert.deepEqual(found.candidates.map((c) => c.sources), [['wkd-direct']]);
  });

  it('flags a different key for a known address as a change; importing it never replaces the accepted key', async () => {
    const old = await key('Cy', 'cy@example.org');
    const fresh = await key('Cy new', 'cy@example.org');
    const s = profile(web(new Map([[await advancedUrl('cy', 'example.org'), { status: 200, body: await binary(fresh.publicArmored) }]])).fetch);
    await s.keyring.import({ text: old.publicArmored }, 'user');
    const found = await s.discovery.lookup('cy@example.org');
    const c = found.candidates[0]!;
    assert.deepEqual([c.key.fingerprint, c.relation, c.known.map((k) => [k.fingerprint, k.acceptance])], [fresh.fingerprint, 'change', [[old.fingerprint, 'unverified']]]);
    const imported = await s.discovery.import(c.id);
    assert.equal(imported.key.acceptance, 'undecided');
    assert.deepEqual(imported.conflicts, [{ email: 'cy@example.org', known: [old.fingerprint] }]);
    assert.equal((await s.compose.resolve(['cy@example.org'], [])).recipients[0]!.openpgp, old.fingerprint, 'mail still goes to the accepted key');
 
    // A key the user rejected does not hold a newcomer: the found key is new and comes in unverified.
    const dee = await key('Dee', 'dee@example.org');
    const deeNew = await key('Dee new', 'dee@example.org');
    const t = profile(web(new Map([[await advancedUrl('dee', 'example.org'), { status: 200, body: await binary(deeNew.publicArmored) }]])).fetch);
    await t.keyring.import({ text: dee.publicArmored }, 'user');
    await t.keyring.setAcceptance(dee.fingerprint, 'reject');
    const c2 = (await t.discovery.lookup('dee@example.org')).candidates[0]!;
    assert.deepEqual([c2.relation, c2.known.map((k) => k.acceptance)], ['new', ['rejected']]);
    assert.deepEqual([(await t.discovery.import(c2.id)).key.acceptance], ['unverified']);
  });

  it('drops served keys that do not bind the address', async () => {
    const mallory = await key('Mallory', 'mallory@evil.example');
    const s = profile(web(new Map([[vksUrl('dee@example.org'), { status: 200, body: mallory.publicArmored }]])).fetch);
    await s.settings.set({ values: { keyDiscovery: { wkd: false, keyServers: [vksBase] } } });
    assert.equal((await failure(s.discovery.lookup('dee@example.org'))).code, 'not-found');
  });

  it('a candidate survives a worker restart (kept in storage.session)', async () => {
    const ed = await key('Ed', 'ed@example.org');
    const session = memoryArea();
    const routes = new Map([[await advancedUrl('ed', 'example.org'), { status: 200, body: await binary(ed.publicArmored) }]]);
    const before = profile(web(routes).fetch, { session });
    const { candidates } = await before.discovery.lookup('ed@example.org');
    const after = profile(web(new Map()).fetch, { session });
    assert.equal((await after.discovery.import(candidates[0]!.id)).key.fingerprint, ed.fingerprint);
  });

  it('typed errors: not found, unreachable, timeout, bad response, too large, unknown candidate', async () => {
    const fi = await key('Fi', 'fi@example.org');
    const routes = new Map<string, Served>([
      [vksUrl('broken@example.org'), { status: 500, body: 'oops' }],
      [vksUrl('junk@example.org'), { status: 200, body: 'not a key at all' }],
      [vksUrl('big@example.org'), { status: 200, body: fi.publicArmored, headers: { 'content-length': String(5 * 1024 * 1024) } }],
      [vksUrl('other@example.org'), { status: 404, body: '' }],
    ]);
    const s = profile(web(routes).fetch);
    await s.settings.set({ values: { keyDiscovery: { wkd: true, keyServers: [vksBase] } } });
    const nothing = await failure(s.discovery.lookup('nobody@example.org'));
    assert.equal(nothing.code, 'not-found');
    assert.match(nothing.message, /No key was found for nobody@example\.org/);
    assert.equal((await failure(s.discovery.lookup('broken@example.org'))).code, 'bad-response');
    assert.equal((await failure(s.discovery.lookup('junk@example.org'))).code, 'bad-response');
    assert.equal((await failure(s.discovery.lookup('big@example.org'))).code, 'too-large');
    assert.equal((await failure(s.discovery.import('AAAAAAAAAAAAAAAAAAAAAAAA'))).code, 'not-found');

    const down = profile(web(new Map()).fetch);
    await down.settings.set({ values: { keyDiscovery: { wkd: false, keyServers: [vksBase] } } });
    assert.equal((await failure(down.discovery.lookup('fi@example.org'))).code, 'network-error');

    // A server that never answers: the service's per-request timeout (here 50 ms) ends the lookup.
    const slow = profile(web(new Map()).fetch);
    await slow.settings.set({ values: { keyDiscovery: { wkd: false, keyServers: [vksBase] } } });
    const quick = createDiscoveryService({ keyring: slow.keyring, settings: slow.settings, session: memoryArea(), fetch: web(new Map(), { slow: ['keys.example.net'] }).fetch, timeoutMs: 50 });
    const timedOut = await failure(quick.lookup('fi@example.org'));
    assert.deepEqual([timedOut.code, /timeout/.test(timedOut.message)], ['network-error', true]);
  });

  it('discovery switched off by the user or by policy refuses every lookup without a request', async () => {
    const net = web(new Map());
    const user = profile(net.fetch);
    await user.settings.set({ values: { keyDiscovery: { wkd: false, keyServers: [] } } });
    const off = await failure(user.discovery.lookup('ada@example.org'));
    assert.equal(off.code, 'discovery-disabled');
    assert.match(off.message, /settings/);

    const managed = profile(net.fetch, { managed: { keyDiscovery: { wkd: false, keyServers: [] } } });
    await managed.policy.reload();
    const byPolicy = await failure(managed.discovery.lookup('ada@example.org'));
    assert.deepEqual([byPolicy.code, /organisation/.test(byPolicy.message)], ['discovery-disabled', true]);
    assert.equal((await failure(managed.settings.set({ values: { keyDiscovery: { wkd: true, keyServers: [] } } }))).code, 'locked-by-policy');
    assert.deepEqual(net.requests, []);
  });

  it('policy key servers are the ones asked', async () => {
    const gus = await key('Gus', 'gus@example.org');
    const net = web(new Map([[`https://keys.corp.example/vks/v1/by-email/${encodeURIComponent('gus@example.org')}`, { status: 200, body: gus.publicArmored }]]));
    const s = profile(net.fetch, { managed: { keyDiscovery: { wkd: false, keyServers: ['https://keys.corp.example'] } } });
    await s.policy.reload();
    const found = await s.discovery.lookup('gus@example.org');
    assert.deepEqual(found.candidates.map((c) => c.key.fingerprint), [gus.fingerprint]);
    assert.deepEqual(net.requests.map((u) => new URL(u).host), ['keys.corp.example']);
  });
});

describe('who may use discovery', () => {
  const id = 'ekndomebbkmcdbphkccpepjnfhgbljgf';
  const own = `chrome-extension://${id}`;

  it('the catalogue refuses content scripts, even on an enabled site, before any handler runs', async () => {
    const net = web(new Map());
    const s = profile(net.fetch);
    const stub = Object.fromEntries(Object.keys(catalogue).map((n) => [n, async () => { throw new Error(`unexpected ${n}`); }])) as unknown as HandlerMap;
    const route = createRouter({ ownId: id, ownOrigin: own, handlers: { ...stub, ...discoveryHandlers(s) }, isSiteEnabled: async () => true });
    const content = { id, url: 'https://mail.example/inbox', origin: 'https://mail.example', tab: { id: 3 }, frameId: 0 };
    for (const [name, body] of [['discovery.lookup', { email: 'ada@example.org' }], ['discovery.import', { id: 'AAAAAAAAAAAAAAAAAAAAAAAA' }]] as const) {
      const reply = await route({ lockpane: 1, name, body }, content);
      assert.deepEqual(reply.ok ? 'ok' : reply.error.code, 'forbidden-sender', name);
    }
    assert.deepEqual(catalogue['discovery.lookup'].from, ['frame', 'page']);
    assert.deepEqual(catalogue['discovery.import'].from, ['frame', 'page']);
    // A page-class sender gets through to the handler (here: discovery off → its own typed error).
    await s.settings.set({ values: { keyDiscovery: { wkd: false, keyServers: [] } } });
    const fromPage = await route({ lockpane: 1, name: 'discovery.lookup', body: { email: 'ada@example.org' } }, { id, url: `${own}/options.html` });
    assert.equal(fromPage.ok ? 'ok' : fromPage.error.code, 'discovery-disabled');
    assert.deepEqual(net.requests, []);
  });

  it('a frame must be the secure editor with a token it claimed', async () => {
    const s = profile(web(new Map()).fetch);
    const h = discoveryHandlers(s);
    const reader = { cls: 'frame', path: '/reader.html', tabId: 3, frameId: 5, documentId: 'd' } as const;
    const editor = { cls: 'frame', path: '/editor.html', tabId: 3, frameId: 5, documentId: 'd' } as const;
    assert.equal((await failure(h['discovery.lookup']({ email: 'ada@example.org' }, reader))).code, 'forbidden-sender');
    assert.equal((await failure(h['discovery.lookup']({ email: 'ada@example.org' }, editor))).code, 'token-invalid');
    const token = await s.editorTokens.issue('editor', 3, { origin: 'https://mail.example', to: [], cc: [], subject: null, contentFrameId: 0, quote: null });
    assert.equal((await failure(h['discovery.lookup']({ email: 'ada@example.org', token }, { ...editor, tabId: 4 }))).code, 'token-invalid', 'another tab');
    // Let through: the lookup runs (and, with nothing reachable here, fails as a network error).
    assert.equal((await failure(h['discovery.lookup']({ email: 'nobody@example.org', token }, editor))).code, 'network-error', 'the editor is let through');
    assert.equal((await failure(h['discovery.lookup']({ email: 'ada@example.org' }, page))).code, 'network-error');
  });
});
