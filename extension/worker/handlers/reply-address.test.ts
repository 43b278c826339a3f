import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SignatureView } from '../../shared/reader-result';
import { replyAddress } from './reader';

const sig = (status: SignatureView['status'], signer: string | null): SignatureView => ({ status, signer, fingerprint: null, signedAt: null, senderMatches: null, reason: null });

test('a reply goes to the first good signature\'s signer address; bad or unknown signers suggest nothing', () => {
  assert.equal(replyAddress([sig('valid', 'Alice Example <Alice@Example.test>')]), 'alice@example.test');
  assert.equal(replyAddress([sig('verified', 'bob@example.test')]), 'bob@example.test');
  assert.equal(replyAddress([sig('invalid', 'Mallory <m@evil.test>'), sig('valid', 'Carol <carol@example.test>')]), 'carol@example.test');
  assert.equal(replyAddress([sig('unknown-signer', 'x@example.test'), sig('key-problem', 'y@example.test')]), null);
  assert.equal(replyAddress([sig('valid', 'Just A Name'), sig('valid', null)]), null);
  assert.equal(replyAddress([]), null);
});
