import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryDecision } from './retry-policy';

const lost = new Error('A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received');

test('a request that never reached the worker is always sent again', () => {
  assert.equal(retryDecision('keys.generate', new Error('Could not establish connection. Receiving end does not exist.')), 'retry');
});

test('a lost reply repeats idempotent requests (import, decrypt) but not ones that would act twice', () => {
  assert.equal(retryDecision('keys.import', lost), 'retry');
  assert.equal(retryDecision('reader.decrypt', lost), 'retry');
  assert.equal(retryDecision('keys.generate', lost), 'interrupted');
  assert.equal(retryDecision('editor.encrypt', lost), 'interrupted');
});

test('other errors are not retried', () => {
  assert.equal(retryDecision('keys.import', new Error('Extension context invalidated.')), 'fail');
});
