import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillPasswordFile } from './html-file';

const template = '<html><body><main id="app"></main><!--LOCKPANE:DATA--><script>boot()</script></body></html>';
const armored = '-----BEGIN PGP MESSAGE-----\n\nwy4ECQMIabc+/=\n=abcd\n-----END PGP MESSAGE-----\n';
const meta = { from: 'a@example.test', fingerprint: 'ABCD', senderKey: null, lang: 'en' as const };

test('fills two inert data blocks before the script and escapes markup in the JSON', () => {
  const out = fillPasswordFile(template, armored, { ...meta, from: '</script><img src=x onerror=alert(1)>&' });
  assert.match(out, /<script type="application\/pgp-encrypted" id="lp-message">\n-----BEGIN PGP MESSAGE-----[\s\S]*-----END PGP MESSAGE-----\n<\/script>/);
  const json = /<script type="application\/json" id="lp-meta">(.*?)<\/script>/.exec(out)?.[1] ?? '';
  assert.ok(!/[<>&]/.test(json));
  assert.equal((JSON.parse(json) as { from: string }).from, '</script><img src=x onerror=alert(1)>&');
  assert.ok(out.indexOf('lp-meta') < out.indexOf('<script>boot()'));
});

test('refuses what could break out of its block', () => {
  assert.throws(() => fillPasswordFile(template, `${armored}</script><script>x()`, meta), /not ASCII-armored/);
  assert.throws(() => fillPasswordFile(template, armored.replace('abc', 'a<b'), meta), /not ASCII-armored/);
  assert.throws(() => fillPasswordFile(template, armored, { ...meta, senderKey: '-----BEGIN PGP PUBLIC KEY BLOCK-----<' }), /not armored/);
  assert.throws(() => fillPasswordFile('<html></html>', armored, meta), /no data placeholder/);
});
