import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryArea } from '../kv';
import { createPendingReplies, pendingReplyLifetimeMs } from './pending-replies';

test('a pending reply is taken once, by the same tab and origin, while fresh', async () => {
  let now = 0;
  const area = memoryArea();
  const pending = createPendingReplies(area, () => now);
  await pending.hold(3, 'https://mail.example', 'T1');
  assert.equal(await pending.take(4, 'https://mail.example'), null); // other tab
  assert.equal(await pending.take(3, 'https://evil.example'), null); // other site in the same tab
  assert.equal(await createPendingReplies(area, () => now).take(3, 'https://mail.example'), 'T1'); // survives a worker restart
  assert.equal(await pending.take(3, 'https://mail.example'), null); // once
  await pending.hold(3, 'https://mail.example', 'T2');
  now += pendingReplyLifetimeMs + 1;
  assert.equal(await pending.take(3, 'https://mail.example'), null); // stale
  assert.equal(await pending.take(3, 'https://mail.example'), null);
});

test('drop removes only the named token', async () => {
  const pending = createPendingReplies(memoryArea());
  await pending.hold(1, 'https://m.example', 'A');
  await pending.drop(1, 'B');
  await pending.drop(1, 'A');
  assert.equal(await pending.take(1, 'https://m.example'), null);
  await pending.hold(1, 'https://m.example', 'C');
  await pending.drop(1, 'A');
  assert.equal(await pending.take(1, 'https://m.example'), 'C');
});
