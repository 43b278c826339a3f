import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateStrength, looksSuggested, suggestionBits, suggestPassword } from '.';

test('suggestions have five dictation-friendly groups and about 61 bits', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const s = suggestPassword();
    assert.match(s, /^([bdfghklmnprstz][aeiou]){2}(-([bdfghklmnprstz][aeiou]){2}){4}$/);
    assert.ok(looksSuggested(s));
    seen.add(s);
  }
  assert.equal(seen.size, 200);
  assert.ok(suggestionBits > 61 && suggestionBits < 62);
  assert.deepEqual(estimateStrength(suggestPassword()), { bits: 61, level: 'strong' });
});

test('rejection sampling: bytes at or above 210 are redrawn, so every syllable is equally likely', () => {
  const bytes = [255, 210, 0, 69, 1, 2, 3, 4, 5, 6, 7, 8];
  let i = 0;
  const s = suggestPassword((n) => Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length]!));
  assert.equal(s.slice(0, 4), 'bazu');
});

test('strength: common, patterned and short passwords score low; long random ones high', () => {
  for (const weak of ['', 'password', 'Passwort1', '123456', 'aaaaaaaa', 'qwertz', 'Sommer2024!']) {
    assert.ok(estimateStrength(weak).bits < 40, `${weak} should be weak, got ${estimateStrength(weak).bits}`);
  }
  assert.equal(estimateStrength('password').level, 'very-weak');
  assert.ok(estimateStrength('Tr7#kq9!Lm2$').bits >= 64);
  assert.ok(estimateStrength('correct horse battery staple').bits >= 50);
  assert.ok(estimateStrength('abcdefghijklmnop').bits < estimateStrength('hqzmtwpkrxbvjnfd').bits);
});
