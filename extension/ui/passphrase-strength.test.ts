import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateStrength } from './passphrase-strength';

test('empty, common and patterned passphrases are weak', () => {
  assert.deepEqual(estimateStrength(''), { bits: 0, score: 0 });
  for (const p of ['password', 'Password1', 'qwertz123', 'aaaaaaaaaaaa', 'abcabcabcabc', '12345678', 'passwortpasswort']) {
    assert.ok(estimateStrength(p).score <= 1, `${p} scored ${JSON.stringify(estimateStrength(p))}`);
  }
});

test('the user\'s own name or address does not count', () => {
  const alone = estimateStrength('kowalski2024!');
  const withName = estimateStrength('kowalski2024!', ['Anna Kowalski', 'anna.kowalski@clinic.example']);
  assert.ok(withName.bits < alone.bits, `${withName.bits} < ${alone.bits}`);
});

test('long random strings and several unrelated words are strong', () => {
  assert.ok(estimateStrength('tK9#vQ2!mZ7@pL4x').score >= 4);
  assert.ok(estimateStrength('orbit candle wharf tulip mosaic').score >= 3);
  assert.equal(estimateStrength('correct horse').score <= 2, true);
});

test('the estimate never grows when characters are only repeated', () => {
  const base = estimateStrength('Tr4m!x');
  assert.ok(estimateStrength('Tr4m!xTr4m!xTr4m!x').bits <= base.bits + 8);
});
