/** The content script checks every worker message against the content catalogue before a handler sees it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseContentMessage } from '../shared/content-messages';
import { SchemaError } from '../shared/schema';
import { dispatch, type InboxHandlers } from './inbox-dispatch';

const token = 'T'.repeat(43);

function recorder() {
  const calls: unknown[] = [];
  const handlers: InboxHandlers = {
    insert: (m) => { calls.push(m); return { inserted: true }; },
    openEditor: (m) => { calls.push(m); return { opened: true }; },
    attach: async (m) => { calls.push(m); return { state: 'attached' }; },
    composeHere: async () => { calls.push('composeHere'); return { opened: true }; },
  };
  return { calls, handlers };
}

const attach = { lockpane: 1, name: 'content.attach', token, fileId: 'f1', fileName: 'a.pdf.pgp', mediaType: 'application/octet-stream', index: 0, total: 1, data: 'AAEC' };

test('well-formed messages reach their one handler with the checked fields', async () => {
  const { calls, handlers } = recorder();
  assert.deepEqual(await dispatch(handlers, { lockpane: 1, name: 'content.insert', token, text: '-----BEGIN PGP MESSAGE-----' }), { inserted: true });
  assert.deepEqual(await dispatch(handlers, { lockpane: 1, name: 'content.openEditor', readerToken: token, editorToken: token }), { opened: true });
  assert.deepEqual(await dispatch(handlers, attach), { state: 'attached' });
  assert.deepEqual(await dispatch(handlers, { lockpane: 1, name: 'content.composeHere' }), { opened: true });
  assert.deepEqual(calls, [
    { lockpane: 1, name: 'content.insert', token, text: '-----BEGIN PGP MESSAGE-----' },
    { lockpane: 1, name: 'content.openEditor', readerToken: token, editorToken: token },
    attach,
    'composeHere',
  ]);
});

test('content.insert may carry whom the mail was encrypted for', async () => {
  const { calls, handlers } = recorder();
  const m = { lockpane: 1, name: 'content.insert', token, text: 'x', to: ['alice@example.test'], cc: [] };
  assert.deepEqual(await dispatch(handlers, m), { inserted: true });
  assert.deepEqual(calls, [m]);
});

test('malformed messages are refused with a typed error and never reach a handler', async () => {
  const { calls, handlers } = recorder();
  const malformed: Array<[string, unknown, RegExp]> = [
    ['wrong type', { lockpane: 1, name: 'content.insert', token, text: 42 }, /text: expected a string/],
    ['missing field', { lockpane: 1, name: 'content.insert', token }, /text: expected a string/],
    ['oversize string', { lockpane: 1, name: 'content.insert', token, text: 'x'.repeat(16 * 1024 * 1024 + 1) }, /text: longer than/],
    ['extra field', { lockpane: 1, name: 'content.insert', token, text: 'x', html: '<b>' }, /unexpected field "html"/],
    ['recipients not a list', { lockpane: 1, name: 'content.insert', token, text: 'x', to: 'alice@example.test' }, /to: /],
    ['too many recipients', { lockpane: 1, name: 'content.insert', token, text: 'x', cc: Array(101).fill('a@b.c') }, /cc: /],
    ['short token', { lockpane: 1, name: 'content.openEditor', readerToken: 'abc', editorToken: token }, /readerToken: shorter/],
    ['path as file name', { ...attach, fileName: '../x' }, /fileName: has an invalid format/],
    ['index beyond total', { ...attach, index: 1 }, /index beyond total/],
    ['oversize chunk', { ...attach, data: 'A'.repeat(2_000_000) }, /data: longer than/],
    ['not base64', { ...attach, data: '<script>' }, /data: has an invalid format/],
    ['body on a bodiless message', { lockpane: 1, name: 'content.composeHere', tabId: 1 }, /unexpected field "tabId"/],
  ];
  for (const [what, message, reason] of malformed) {
    const parsed = parseContentMessage(message);
    assert.ok(parsed instanceof SchemaError, what);
    assert.match(parsed.message, reason, what);
    assert.equal(dispatch(handlers, message), undefined, what);
  }
  assert.deepEqual(calls, []);
});

test('other listeners\' messages are not ours: no error, no handler', () => {
  const { calls, handlers } = recorder();
  for (const m of [null, 'content.insert', { name: 'content.insert', token, text: 'x' }, { lockpane: 2, name: 'content.insert' }, { lockpane: 1, name: 'content.eval' }, { lockpane: 1, name: '__proto__' }]) {
    assert.equal(parseContentMessage(m), null);
    assert.equal(dispatch(handlers, m), undefined);
  }
  assert.deepEqual(calls, []);
});
