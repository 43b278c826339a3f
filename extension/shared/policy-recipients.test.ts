import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchesRecipientRule, requiresEncryption } from './policy-recipients';

test('address, domain and subdomain rules', () => {
  assert.equal(matchesRecipientRule('example.com', 'Bob <BOB@Example.com>'), true);
  assert.equal(matchesRecipientRule('example.com', 'bob@sub.example.com'), false);
  assert.equal(matchesRecipientRule('example.com', 'bob@notexample.com'), false);
  assert.equal(matchesRecipientRule('*.example.com', 'bob@sub.example.com'), true);
  assert.equal(matchesRecipientRule('*.example.com', 'bob@example.com'), false);
  assert.equal(matchesRecipientRule('*.example.com', 'bob@evil-example.com'), false);
  assert.equal(matchesRecipientRule('legal@example.com', 'legal@example.com'), true);
  assert.equal(matchesRecipientRule('legal@example.com', 'other@example.com'), false);
  assert.equal(matchesRecipientRule('example.com', 'not an address'), false);
});

test('requiresEncryption names each matching recipient and its rule', () => {
  const settings = { requireEncryptionFor: ['partner.example', 'ceo@corp.example'] };
  assert.deepEqual(requiresEncryption(settings, ['a@other.example', 'x@partner.example', 'CEO@corp.example']), {
    required: true,
    matches: [{ recipient: 'x@partner.example', rule: 'partner.example' }, { recipient: 'CEO@corp.example', rule: 'ceo@corp.example' }],
  });
  assert.deepEqual(requiresEncryption(settings, ['a@other.example']), { required: false, matches: [] });
  assert.deepEqual(requiresEncryption({ requireEncryptionFor: [] }, ['x@partner.example']), { required: false, matches: [] });
});
