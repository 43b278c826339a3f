/** `npm test`'s closing lines: tests and check steps counted apart, and a failed check still fails the run. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summary } from './test-summary';

test('all green: the checks line, then tests only in the last line', () => {
  const s = summary({ passed: 479, failed: 0, skipped: 0 }, { passed: 7, failed: 0 }, []);
  assert.deepEqual(s.lines, ['Checks: 7 of 7 passed', '479 passed, 0 failed']);
  assert.equal(s.exitCode, 0);
});

test('a failed check is not counted as a test, but is named, shown in the last line, and fails the run', () => {
  const s = summary({ passed: 479, failed: 0, skipped: 2 }, { passed: 6, failed: 1 }, ['lint (eslint)']);
  assert.deepEqual(s.lines, ['Checks: 6 of 7 passed', 'Failed: lint (eslint)', '479 passed, 0 failed, 2 skipped, 1 check failed']);
  assert.equal(s.exitCode, 1);
});

test('failed tests fail the run with every check green', () => {
  const s = summary({ passed: 3, failed: 2, skipped: 0 }, { passed: 7, failed: 0 }, ['2 unit/interop test(s)']);
  assert.equal(s.lines.at(-1), '3 passed, 2 failed');
  assert.equal(s.exitCode, 1);
});
