import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SignatureView } from '../../shared/reader-result';
import { keepLatest, replyAddress } from './reader';

const sig = (status: SignatureView['status'], signer: string | null): SignatureView => ({ status, signer, fingerprint: null, signedAt: null, senderMatches: null, reason: null });

test('a reply goes to the first good signature\'s signer address; bad or unknown signers suggest nothing', () => {
  assert.equal(replyAddress([sig('valid', 'Alice Example <Alice@Example.test>')]), 'alice@example.test');
  assert.equal(replyAddress([sig('verified', 'bob@example.test')]), 'bob@example.test');
  assert.equal(replyAddress([sig('invalid', 'Mallory <m@evil.test>'), sig('valid', 'Carol <carol@example.test>')]), 'carol@example.test');
  assert.equal(replyAddress([sig('unknown-signer', 'x@example.test'), sig('key-problem', 'y@example.test')]), null);
  assert.equal(replyAddress([sig('valid', 'Just A Name'), sig('valid', null)]), null);
  assert.equal(replyAddress([]), null);
});

test('per-message memories (signer suggestions, offered material) keep only the latest entries, a re-read message counting as new', () => {
  const m = new Map<string, number>();
  for (let i = 0; i < 250; i++) keepLatest(m, `t${i}`, i, 200);
  assert.equal(m.size, 200);
  assert.equal(m.has('t49'), false);
  assert.equal(m.get('t50'), 50);
  keepLatest(m, 't50', 5000, 200); // read again: newest now, so the next insert evicts t51 instead
  keepLatest(m, 'new', 1, 200);
  assert.deepEqual([m.has('t50'), m.has('t51'), m.size], [true, false, 200]);
  assert.equal(m.get('t50'), 5000);
});
