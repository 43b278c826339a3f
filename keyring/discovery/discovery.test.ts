/**
 * WKD and VKS against a real HTTP server on 127.0.0.1 serving a real WKD directory layout and VKS
 * answers built from keys generated here. The only test seam is name resolution: the injected
 * fetch sends https://<host>/<path> to the local server as /__host/<host>/<path>, and fails like a
 * DNS error for hosts the server does not serve.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import * as openpgp from 'openpgp';
import { isLockpaneError } from '../errors';
import { MemoryBackend } from '../testing/memory-backend';
import { KeyringStore } from '../store/keyring-store';
import { makePgpKey, type TestPgpKey } from '../testing/identities';
import type { FetchLike } from './fetch';
import { VksClient } from './vks';
import { lookupWkd, wkdHash, wkdUrls } from './wkd';
import { autocryptFromMessage } from './autocrypt';
import { discoverKeys } from './lookup';
import { overallFailure } from './outcome';

const files = new Map<string, { body: Uint8Array | string; type: string }>();
const hosts = new Set<string>();
const requests: string[] = [];
let server: Server;
let origin = '';
const keys: Record<string, TestPgpKey> = {};

const binary = async (armored: string): Promise<Uint8Array> => (await openpgp.readKey({ armoredKey: armored })).write() as Uint8Array;

async function serveWkd(host: string, path: string, body: Uint8Array | string, type = 'application/octet-stream'): Promise<void> {
  hosts.add(host);
  files.set(`/__host/${host}${path}`, { body, type });
}

const fetchVia: FetchLike = async (url, init) => {
  const u = new URL(url);
  if (u.protocol === 'http:' && u.hostname === '127.0.0.1') return fetch(url, init);
  if (!hosts.has(u.hostname)) throw new TypeError(`getaddrinfo ENOTFOUND ${u.hostname}`);
  return fetch(`${origin}/__host/${u.hostname}${u.pathname}${u.search}`, init);
};

before(async () => {
  for (const [id, email] of [['alice', 'Alice.Smith@Example.org'], ['bob', 'bob@direct.test'], ['carol', 'carol@example.org'], ['mallory', 'mallory@evil.test'], ['alice2', 'alice.smith@example.org']] as const) {
    keys[id] = await makePgpKey(id, email);
  }
  // example.org: advanced method (openpgpkey.example.org) for Alice, with a policy file.
  await serveWkd('openpgpkey.example.org', `/.well-known/openpgpkey/example.org/hu/${await wkdHash('alice.smith')}`, await binary(keys.alice!.publicArmored));
  await serveWkd('openpgpkey.example.org', '/.well-known/openpgpkey/example.org/policy', '# WKD policy\nprotocol-version: 5\nmailbox-only\nsubmission-address: submit@example.org\n', 'text/plain');
  // Carol is only in the direct directory of example.org: advanced answers 404, then direct.
  await serveWkd('example.org', `/.well-known/openpgpkey/hu/${await wkdHash('carol')}`, await binary(keys.carol!.publicArmored));
  await serveWkd('example.org', '/.well-known/openpgpkey/policy', '', 'text/plain');
  // direct.test has no openpgpkey subdomain at all.
  await serveWkd('direct.test', `/.well-known/openpgpkey/hu/${await wkdHash('bob')}`, await binary(keys.bob!.publicArmored));
  // A directory that serves Mallory's key under Dave's hash, and an oversized answer.
  await serveWkd('openpgpkey.example.org', `/.well-known/openpgpkey/example.org/hu/${await wkdHash('dave')}`, await binary(keys.mallory!.publicArmored));
  await serveWkd('openpgpkey.example.org', `/.well-known/openpgpkey/example.org/hu/${await wkdHash('huge')}`, new Uint8Array(2 * 1024 * 1024));
  // The VKS server (under a path prefix, as a configurable base URL may have).
  files.set(`/vks-base/vks/v1/by-email/${encodeURIComponent('carol@example.org')}`, { body: keys.carol!.publicArmored, type: 'application/pgp-keys' });
  files.set(`/vks-base/vks/v1/by-fingerprint/${keys.bob!.fingerprint}`, { body: keys.bob!.publicArmored, type: 'application/pgp-keys' });
  files.set(`/vks-base/vks/v1/by-fingerprint/${keys.carol!.fingerprint}`, { body: keys.mallory!.publicArmored, type: 'application/pgp-keys' });
  files.set(`/vks-base/vks/v1/by-keyid/${keys.bob!.fingerprint.slice(-16)}`, { body: keys.bob!.publicArmored, type: 'application/pgp-keys' });
  files.set(`/vks-base/vks/v1/by-email/${encodeURIComponent('mallory@example.org')}`, { body: keys.mallory!.publicArmored, type: 'application/pgp-keys' });
  files.set(`/vks-base/vks/v1/by-email/${encodeURIComponent('junk@example.org')}`, { body: 'this is not a key', type: 'application/pgp-keys' });

  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${url.pathname}${url.search}`);
    const f = files.get(url.pathname);
    if (url.pathname.startsWith('/broken/')) { res.writeHead(500).end('oops'); return; }
    if (!f || req.method !== 'GET') { res.writeHead(404).end('not found'); return; }
    const body = typeof f.body === 'string' ? Buffer.from(f.body) : Buffer.from(f.body);
    res.writeHead(200, { 'content-type': f.type, 'content-length': body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }));

describe('WKD', () => {
  it('hashes as the draft specifies (its own example) and builds both URLs', async () => {
    assert.equal(await wkdHash('Joe.Doe'), 'iy9q119eutrkn8s1mk4r39qejnbu3n5q');
    const urls = await wkdUrls('Joe.Doe@Example.ORG');
    assert.equal(urls.direct.key, 'https://example.org/.well-known/openpgpkey/hu/iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe');
    assert.equal(urls.advanced.key, 'https://openpgpkey.example.org/.well-known/openpgpkey/example.org/hu/iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe');
  });

  it('finds a key by the advanced method, with its policy', async () => {
    const r = await lookupWkd('Alice.Smith@Example.org', { fetch: fetchVia });
    assert.equal(r.method, 'advanced');
    assert.deepEqual(r.candidates.map((c) => [c.source, c.entry.fingerprint, c.entry.emails]), [['wkd-advanced', keys.alice!.fingerprint, ['alice.smith@example.org']]]);
    assert.deepEqual(r.policy, { mailboxOnly: true, daneOnly: false, authSubmit: false, protocolVersion: 5, submissionAddress: 'submit@example.org' });
    assert.ok(requests.includes(`/__host/openpgpkey.example.org/.well-known/openpgpkey/example.org/hu/${await wkdHash('alice.smith')}?l=Alice.Smith`));
  });

  it('falls back to the direct method when the advanced host does not exist or has no key', async () => {
    const bob = await lookupWkd('bob@direct.test', { fetch: fetchVia });
    assert.equal(bob.method, 'direct');
    assert.equal(bob.candidates[0]?.entry.fingerprint, keys.bob!.fingerprint);
    assert.match(bob.attempts[0]!.outcome, /not reachable/);
    const carol = await lookupWkd('carol@example.org', { fetch: fetchVia });
    assert.deepEqual([carol.method, carol.attempts[0]!.outcome], ['direct', 'HTTP 404']);
    assert.equal(carol.candidates[0]?.source, 'wkd-direct');
  });

  it('drops a served key that does not bind the address, and reports nothing found', async () => {
    const r = await lookupWkd('dave@example.org', { fetch: fetchVia });
    assert.deepEqual([r.method, r.candidates], [null, []]);
    assert.equal(r.attempts[0]!.outcome, 'no key for this address');
    assert.deepEqual((await lookupWkd('nobody@nowhere.test', { fetch: fetchVia })).candidates, []);
  });

  it('refuses an answer over the size limit', async () => {
    await assert.rejects(lookupWkd('huge@example.org', { fetch: fetchVia }), (e) => isLockpaneError(e, 'too-large'));
    await assert.rejects(lookupWkd('Alice.Smith@Example.org', { fetch: fetchVia, maxBytes: 100 }), (e) => isLockpaneError(e, 'too-large'));
  });

  it('a discovered key is a candidate: accepted on first use, but a different key for a known address is a conflict', async () => {
    const store = await KeyringStore.open(new MemoryBackend());
    const wkd = await lookupWkd('Alice.Smith@Example.org', { fetch: fetchVia });
    assert.equal(store.size, 0, 'looking up stores nothing');
    assert.equal((await store.importEntry(wkd.candidates[0]!.entry, wkd.candidates[0]!.source)).acceptance, 'unverified');
    const other = await makePgpKey('Alice', 'alice.smith@example.org');
    const mail = `From: Alice <alice.smith@example.org>\r\nTo: me@example.org\r\nAutocrypt: addr=alice.smith@example.org; keydata=${Buffer.from(await binary(other.publicArmored)).toString('base64')}\r\n\r\nhi\r\n`;
    const ac = await autocryptFromMessage(mail);
    const r = await store.importEntry(ac.candidate!.entry, 'autocrypt');
    assert.equal(r.acceptance, 'undecided');
    assert.deepEqual(r.conflicts[0]!.known, [keys.alice!.fingerprint]);
  });
});

describe('VKS', () => {
  const vks = () => new VksClient({ fetch: fetchVia, baseUrl: `${origin}/vks-base` });

  it('looks up by email, fingerprint and key ID; 404 is simply nothing', async () => {
    assert.deepEqual((await vks().byEmail('Carol@example.org')).map((c) => [c.source, c.entry.fingerprint]), [['vks', keys.carol!.fingerprint]]);
    assert.equal((await vks().byFingerprint(keys.bob!.fingerprint.toLowerCase()))[0]?.entry.fingerprint, keys.bob!.fingerprint);
    assert.equal((await vks().byKeyId(`0x${keys.bob!.fingerprint.slice(-16)}`))[0]?.entry.fingerprint, keys.bob!.fingerprint);
    assert.deepEqual(await vks().byEmail('unknown@example.org'), []);
  });

  it('drops answers that do not match the question', async () => {
    assert.deepEqual(await vks().byFingerprint(keys.carol!.fingerprint), [], 'the server answered with another key');
    assert.deepEqual(await vks().byEmail('mallory@example.org'), [], 'the key does not bind the address asked for');
  });

  it('requires HTTPS except on loopback, bounds the answer, and reports an unreachable server', async () => {
    assert.throws(() => new VksClient({ fetch: fetchVia, baseUrl: 'http://keys.example.org' }), (e) => isLockpaneError(e, 'unsupported-option'));
    await assert.rejects(new VksClient({ fetch: fetchVia, baseUrl: `${origin}/vks-base`, maxBytes: 64 }).byEmail('carol@example.org'), (e) => isLockpaneError(e, 'too-large'));
    await assert.rejects(new VksClient({ fetch: fetchVia, baseUrl: 'https://no-such-server.test' }).byEmail('carol@example.org'), (e) => isLockpaneError(e, 'not-found'));
  });
});

describe('one lookup across sources', () => {
  const vksBase = () => `${origin}/vks-base`;

  it('asks WKD and the key servers, and merges the same key from several sources', async () => {
    const r = await discoverKeys('carol@example.org', { wkd: true, keyServers: [vksBase()] }, { fetch: fetchVia });
    assert.deepEqual(r.found.map((f) => [f.fingerprint, f.sources]), [[keys.carol!.fingerprint, ['wkd-direct', 'vks']]]);
    assert.deepEqual(r.outcomes.map((o) => [o.source, o.result]), [['wkd', 'found'], ['vks', 'found']]);
  });

  it('asks only what is enabled', async () => {
    const before = requests.length;
    const r = await discoverKeys('carol@example.org', { wkd: false, keyServers: [] }, { fetch: fetchVia });
    assert.deepEqual([r.found, r.outcomes, requests.length - before], [[], [], 0]);
  });

  it('tells nothing-there from no answer, a broken answer and an oversized one', async () => {
    const none = await discoverKeys('unknown@example.org', { wkd: true, keyServers: [vksBase()] }, { fetch: fetchVia });
    assert.deepEqual([none.found, overallFailure(none.outcomes)], [[], 'not-found']);
    const broken = await discoverKeys('junk@example.org', { wkd: false, keyServers: [vksBase(), `${origin}/broken`] }, { fetch: fetchVia });
    assert.deepEqual(broken.outcomes.map((o) => o.result), ['bad-response', 'bad-response']);
    const down = await discoverKeys('carol@example.org', { wkd: false, keyServers: ['https://no-such-server.test'] }, { fetch: fetchVia });
    assert.deepEqual([down.outcomes[0]!.result, overallFailure(down.outcomes)], ['unreachable', 'unreachable']);
    const huge = await discoverKeys('huge@example.org', { wkd: true, keyServers: [] }, { fetch: fetchVia });
    assert.equal(overallFailure(huge.outcomes), 'too-large');
  });

  it('gives up on a server that does not answer in time', async () => {
    const silent: FetchLike = (_url, init) => new Promise((_resolve, reject) => {
      init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
    const started = Date.now();
    const r = await discoverKeys('carol@example.org', { wkd: true, keyServers: ['https://keys.example.org'] }, { fetch: silent, timeoutMs: 50 });
    assert.deepEqual(r.outcomes.map((o) => o.result), ['timeout', 'timeout']);
    assert.equal(overallFailure(r.outcomes), 'timeout');
    assert.ok(Date.now() - started < 5000);
  });

  it('refuses a malformed address before asking anyone', async () => {
    const before = requests.length;
    await assert.rejects(discoverKeys('not-an-address', { wkd: true, keyServers: [vksBase()] }, { fetch: fetchVia }), (e) => isLockpaneError(e, 'bad-data'));
    assert.equal(requests.length, before);
  });
});
