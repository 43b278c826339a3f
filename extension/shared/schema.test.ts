import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arr, bool, int, literal, obj, optional, SchemaError, str } from './schema';

const schema = obj({
  name: str({ max: 5, min: 1 }),
  count: int({ min: 0, max: 10 }),
  flag: optional(bool),
  kind: literal('a', 'b'),
  list: arr(str({ max: 3 }), { max: 2 }),
});

test('accepts a valid object and drops nothing', () => {
  assert.deepEqual(schema.parse({ name: 'abc', count: 3, kind: 'a', list: ['x'] }, ''), { name: 'abc', count: 3, kind: 'a', list: ['x'] });
  assert.deepEqual(schema.parse({ name: 'abc', count: 3, kind: 'b', list: [], flag: true }, '').flag, true);
});

test('refuses oversize, wrong types, unknown keys and bad literals with a path', () => {
  const bad: Array<[unknown, RegExp]> = [
    [{ name: 'toolong', count: 1, kind: 'a', list: [] }, /name: longer than 5/],
    [{ name: '', count: 1, kind: 'a', list: [] }, /name: shorter/],
    [{ name: 'a', count: 1.5, kind: 'a', list: [] }, /count: expected an integer/],
    [{ name: 'a', count: 11, kind: 'a', list: [] }, /count: out of range/],
    [{ name: 'a', count: 1, kind: 'c', list: [] }, /kind: expected one of a, b/],
    [{ name: 'a', count: 1, kind: 'a', list: ['1', '2', '3'] }, /list: more than 2/],
    [{ name: 'a', count: 1, kind: 'a', list: ['abcd'] }, /list\[0\]: longer than 3/],
    [{ name: 'a', count: 1, kind: 'a', list: [], extra: 1 }, /unexpected field "extra"/],
    [null, /expected an object/],
    [['a'], /expected an object/],
  ];
  for (const [input, message] of bad) assert.throws(() => schema.parse(input, ''), (e: unknown) => e instanceof SchemaError && message.test(e.message));
});

test('an unexpected-field error does not echo an unbounded key', () => {
  const key = 'k'.repeat(10_000);
  assert.throws(() => schema.parse({ [key]: 1 }, ''), (e: unknown) => e instanceof Error && e.message.length < 200);
});
