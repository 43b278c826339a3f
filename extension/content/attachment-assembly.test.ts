import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContentAttach } from '../shared/content-messages';
import { isContentAttach } from '../shared/content-messages';
import { createAttachmentAssembly } from './attachment-assembly';

const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');
const chunk = (index: number, total: number, bytes: number[], fileId = 'f1'): ContentAttach => ({
  lockpane: 1, name: 'content.attach', token: 'T'.repeat(40), fileId, fileName: 'a.pdf.pgp', mediaType: 'application/octet-stream', index, total, data: b64(bytes),
});

test('assembly: in-order chunks become one file for the upload; out-of-order and missing upload are typed failures', async () => {
  const uploaded: File[] = [];
  const assemble = createAttachmentAssembly(() => async (f) => { uploaded.push(f); });
  assert.deepEqual(await assemble(chunk(0, 2, [1, 2, 3])), { state: 'partial' });
  assert.deepEqual(await assemble(chunk(1, 2, [4, 5])), { state: 'attached' });
  assert.equal(uploaded.length, 1);
  assert.equal(uploaded[0]!.name, 'a.pdf.pgp');
  assert.deepEqual([...new Uint8Array(await uploaded[0]!.arrayBuffer())], [1, 2, 3, 4, 5]);

  assert.equal((await assemble(chunk(1, 2, [9]))).state, 'failed');
  await assemble(chunk(0, 3, [1]));
  assert.deepEqual(await assemble(chunk(2, 3, [3])), { state: 'failed', reason: 'refused', message: 'Parts of a.pdf.pgp arrived out of order.' });

  const none = createAttachmentAssembly(() => null);
  assert.equal((await none(chunk(0, 1, [1]))).state, 'failed');
  const refusing = createAttachmentAssembly(() => async () => { throw new Error('Roundcube did not accept the attachment a.pdf.pgp'); });
  assert.deepEqual(await refusing(chunk(0, 1, [1])), { state: 'failed', reason: 'refused', message: 'Roundcube did not accept the attachment a.pdf.pgp' });
});

test('content.attach guard: bounded fields, no path separators in the name', () => {
  assert.equal(isContentAttach(chunk(0, 1, [1])), true);
  assert.equal(isContentAttach({ ...chunk(0, 1, [1]), fileName: '../x' }), false);
  assert.equal(isContentAttach({ ...chunk(0, 1, [1]), index: 1 }), false);
  assert.equal(isContentAttach({ ...chunk(0, 1, [1]), fileId: 'Bad Id' }), false);
  assert.equal(isContentAttach({ ...chunk(0, 1, [1]), data: 'x'.repeat(2_000_000) }), false);
});
