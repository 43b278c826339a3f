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

test('nullable, exactly, refine, tagged and record refuse what they do not describe', async () => {
  const { exactly, nullable, record, refine, tagged } = await import('./schema');
  const reply = tagged('state', { a: obj({ state: exactly('a'), n: nullable(int({ min: 0, max: 9 })) }), b: obj({ state: exactly('b') }) });
  assert.deepEqual(reply.parse({ state: 'a', n: null }, ''), { state: 'a', n: null });
  assert.deepEqual(reply.parse({ state: 'a', n: 5 }, ''), { state: 'a', n: 5 });
  const range = refine(obj({ lo: int({ min: 0, max: 9 }), hi: int({ min: 0, max: 9 }) }), (v) => (v.lo <= v.hi ? null : 'lo above hi'));
  const keyed = record(['x', 'y'] as const, bool);
  const bad: Array<[() => unknown, RegExp]> = [
    [() => reply.parse({ state: 'c' }, ''), /state: expected one of a, b/],
    [() => reply.parse({ state: 'b', n: 1 }, ''), /unexpected field "n"/],
    [() => reply.parse({ state: 'a', n: 0.5 }, ''), /n: expected an integer/],
    [() => reply.parse({ state: 'a' }, ''), /n: expected an integer/],
    [() => reply.parse('a', ''), /expected an object/],
    [() => exactly(true).parse(1, 'flag'), /flag: expected true/],
    [() => range.parse({ lo: 5, hi: 4 }, 'r'), /r: lo above hi/],
    [() => keyed.parse({ x: true }, ''), /y: expected a boolean/],
    [() => keyed.parse({ x: true, y: false, z: true }, ''), /unexpected field "z"/],
  ];
  for (const [run, message] of bad) assert.throws(run, (e: unknown) => e instanceof SchemaError && message.test(e.message), String(message));
});
