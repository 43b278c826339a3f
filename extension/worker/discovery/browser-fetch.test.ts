import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptableFinalUrl, guardedFetch } from './browser-fetch';

test('a discovery fetch sends no credentials or referrer, and refuses a redirect away from HTTPS', async () => {
  const seen: RequestInit[] = [];
  const fake = (final: string, redirected: boolean) => (async (_u: string | URL | Request, init?: RequestInit) => {
    seen.push(init ?? {});
    const r = new Response('key');
    Object.defineProperty(r, 'url', { value: final });
    Object.defineProperty(r, 'redirected', { value: redirected });
    return r;
  }) as typeof fetch;
  const init = { signal: new AbortController().signal, redirect: 'follow' as const, headers: { accept: 'application/pgp-keys' } };

  assert.equal((await guardedFetch(fake('https://keys.example.org/k', true))('https://keys.example.org/k', init)).status, 200);
  assert.deepEqual([seen[0]!.credentials, seen[0]!.referrerPolicy, seen[0]!.cache, seen[0]!.method], ['omit', 'no-referrer', 'no-store', 'GET']);
  await assert.rejects(guardedFetch(fake('http://keys.example.org/k', true))('https://keys.example.org/k', init), /not HTTPS/);
  assert.equal((await guardedFetch(fake('http://127.0.0.1:8080/k', true))('http://127.0.0.1:8080/k', init)).status, 200);
  assert.deepEqual(['https://a.example/x', 'http://localhost:1/x', 'http://a.example/x', 'ftp://a.example/', 'nonsense'].map(acceptableFinalUrl), [true, true, false, false, false]);
});
