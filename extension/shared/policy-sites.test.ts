import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSiteBlocked, matchesSitePattern } from './policy-sites';

test('exact origins and subdomain wildcards, scheme and port included', () => {
  assert.equal(matchesSitePattern('https://mail.example.com', 'https://MAIL.example.com/inbox'), true);
  assert.equal(matchesSitePattern('https://mail.example.com', 'http://mail.example.com'), false);
  assert.equal(matchesSitePattern('https://*.example.com', 'https://a.b.example.com'), true);
  assert.equal(matchesSitePattern('https://*.example.com', 'https://example.com'), false);
  assert.equal(matchesSitePattern('https://*.example.com', 'https://evilexample.com'), false);
  assert.equal(matchesSitePattern('https://*.example.com', 'https://a.example.com:8443'), false);
  assert.equal(matchesSitePattern('http://*.test:8080', 'http://a.test:8080'), true);
  assert.equal(isSiteBlocked(['https://a.example', 'https://*.b.example'], 'https://x.b.example'), true);
  assert.equal(isSiteBlocked([], 'https://x.b.example'), false);
  assert.equal(isSiteBlocked(['https://a.example'], 'not an origin'), false);
});
