import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProtocolError } from '../shared/result';
import { createFrameTokens } from './frame-tokens';
import { int, obj, str } from '../shared/schema';
import { memoryArea } from './kv';

const text = str({ max: 100 });

const reader = (tabId: number, frameId: number, documentId: string) => ({ cls: 'frame' as const, path: '/reader.html', tabId, frameId, documentId });
const isInvalid = (e: unknown) => e instanceof ProtocolError && e.code === 'token-invalid';

test('a token is claimed once, by a frame of the right kind in the same tab', async () => {
  const tokens = createFrameTokens(memoryArea(), text);
  const token = await tokens.issue('reader', 5, 'payload');
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  await assert.rejects(tokens.claim(token, reader(6, 1, 'A')), isInvalid); // other tab
  await assert.rejects(tokens.claim(token, { ...reader(5, 1, 'A'), path: '/editor.html' }), isInvalid); // other kind
  assert.equal(await tokens.claim(token, reader(5, 1, 'A')), 'payload');
  assert.equal(await tokens.claim(token, reader(5, 1, 'A')), 'payload'); // retry from the same document
  await assert.rejects(tokens.claim(token, reader(5, 2, 'B')), isInvalid); // a copy of the frame
  await assert.rejects(tokens.claim('x'.repeat(43), reader(5, 1, 'A')), isInvalid);
});

test('tokens survive a worker restart (they live in the session area) and expire unclaimed', async () => {
  const area = memoryArea();
  let now = 1000;
  const first = createFrameTokens(area, text, () => now);
  const token = await first.issue('reader', 1, 'p');
  const afterRestart = createFrameTokens(area, text, () => now);
  assert.equal(await afterRestart.claim(token, reader(1, 3, 'D')), 'p');
  const stale = await first.issue('reader', 1, 'q');
  now += 11 * 60 * 1000;
  await assert.rejects(afterRestart.claim(stale, reader(1, 3, 'E')), isInvalid);
});

test('retarget changes an unclaimed token of the same tab only', async () => {
  let now = 1000;
  const tokens = createFrameTokens(memoryArea(), obj({ frameId: int({ min: 0, max: 99 }) }), () => now);
  const token = await tokens.issue('editor', 4, { frameId: 7 });
  assert.equal(await tokens.retarget(token, 5, () => ({ frameId: 0 })), false); // other tab
  assert.equal(await tokens.retarget(token, 4, () => ({ frameId: 0 })), true);
  const editor = { ...reader(4, 9, 'E'), path: '/editor.html' };
  assert.deepEqual(await tokens.claim(token, editor), { frameId: 0 });
  assert.equal(await tokens.retarget(token, 4, () => ({ frameId: 3 })), false); // claimed: fixed
  const stale = await tokens.issue('editor', 4, { frameId: 1 });
  now += 11 * 60 * 1000;
  assert.equal(await tokens.retarget(stale, 4, () => ({ frameId: 0 })), false);
});
