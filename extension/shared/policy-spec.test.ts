import assert from 'node:assert/strict';
import { test } from 'node:test';
import { originFormat } from './policy-formats';
import { checkValue, toJsonSchema, type Spec } from './policy-spec';

const list = { type: 'array', maxItems: 5, items: { type: 'string', max: 100, format: originFormat } } as const satisfies Spec;
const obj = {
  type: 'object',
  properties: { on: { type: 'boolean' }, n: { type: 'integer', min: 1, max: 9 } },
} as const satisfies Spec;

test('a list keeps its valid entries and reports each invalid one', () => {
  const r = checkValue(list, ['https://A.example/', 'javascript:alert(1)', 42, 'https://a.example', 'http://b.example:8080', 'https://c.example'], 'sites');
  assert.deepEqual(r.value, ['https://a.example', 'http://b.example:8080']);
  assert.equal(r.problems.length, 3);
  assert.match(r.problems[0]!, /^sites\[1\]: expected a web origin/);
  assert.match(r.problems[1]!, /^sites\[2\]: expected text \(got 42\)/);
  assert.match(r.problems[2]!, /more than 5 entries/);
});

test('an object takes missing or invalid fields from the fallback and flags unknown ones', () => {
  const r = checkValue(obj, { on: false, n: 99, extra: 1 }, 'o', { on: true, n: 3 });
  assert.deepEqual(r.value, { on: false, n: 3 });
  assert.deepEqual(r.problems, ['o.extra: unknown field, ignored', 'o.n: expected 1 to 9 (got 99)']);
  assert.equal(checkValue(obj, { on: true }, 'o').value, undefined, 'no fallback: a missing field makes it unusable');
  assert.equal(checkValue(obj, 'x', 'o', { on: true, n: 1 }).value, undefined);
});

test('scalars: wrong types and out-of-range values are refused with the path', () => {
  assert.deepEqual(checkValue({ type: 'integer', min: 0, max: 5 }, 2.5, 'm').problems, ['m: expected a whole number (got 2.5)']);
  assert.deepEqual(checkValue({ type: 'enum', values: ['a', 'b'] }, 'c', 'e').problems, ['e: expected one of a, b (got "c")']);
  assert.deepEqual(checkValue({ type: 'boolean' }, 'true', 'b').problems, ['b: expected true or false (got "true")']);
  assert.deepEqual(checkValue({ type: 'string', max: 3 }, 'abcd', 's').problems, ['s: longer than 3 characters']);
});

test('JSON schema derivation', () => {
  assert.deepEqual(toJsonSchema({ ...list, maxItems: 3 }, { title: 'T' }), { type: 'array', title: 'T', items: { type: 'string' } });
  assert.deepEqual(toJsonSchema(obj), { type: 'object', properties: { on: { type: 'boolean' }, n: { type: 'integer', minimum: 1, maximum: 9 } } });
  assert.deepEqual(toJsonSchema({ type: 'enum', values: ['x'] }), { type: 'string', enum: ['x'] });
});
