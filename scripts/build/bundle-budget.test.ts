/** The injected-bundle budget: every asset above it is named; at or below it passes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { injectedBudgetBytes, overBudget } from './bundle-budget';

test('names each bundle above 25 KB, passes the ones at or below it', () => {
  const sizes = new Map([['content.js', injectedBudgetBytes], ['sites/gmail.js', injectedBudgetBytes + 1], ['sites/roundcube.js', 9000]]);
  const over = overBudget(sizes);
  assert.equal(over.length, 1);
  assert.match(over[0]!, /^sites\/gmail\.js is 25\.0 KB minified, above the 25 KB budget/);
  assert.deepEqual(overBudget(new Map([['content.js', 22_000]])), []);
});
