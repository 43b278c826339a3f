/** Which recipients an adapter adds to a web mail's fields: only those no field holds, each once. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { missingRecipients } from './recipient-typing';

test('only addresses no field holds, case-insensitively, each once; a Bcc recipient shown under Cc stays out of Cc', () => {
  const present = { to: ['alice@example.test'], cc: [], bcc: ['Frank@example.test'] };
  assert.deepEqual(missingRecipients(present, { to: ['alice@example.test', 'gina@example.test'], cc: ['frank@example.test', 'gina@EXAMPLE.test', 'hugo@example.test', 'not an address'] }),
    { to: ['gina@example.test'], cc: ['hugo@example.test'], bcc: [] });
  assert.deepEqual(missingRecipients(present, {}), { to: [], cc: [], bcc: [] });
});
