/** The worker checks every content-script reply against the content catalogue before reading it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContentMessage } from '../shared/content-messages';
import { ProtocolError } from '../shared/result';
import { askContent } from './content-channel';

const token = 'T'.repeat(43);
const answering = (reply: unknown) => async (_tab: number, _frame: number, _m: ContentMessage) => reply;
const insert = { lockpane: 1, name: 'content.insert', token, text: 'ciphertext' } as const;
const openEditor = { lockpane: 1, name: 'content.openEditor', readerToken: token, editorToken: token } as const;
const attach = { lockpane: 1, name: 'content.attach', token, fileId: 'f1', fileName: 'a.pgp', mediaType: 'application/pgp-encrypted', index: 0, total: 1, data: '' } as const;

test('a well-formed reply comes back checked; no answer at all is null', async () => {
  assert.deepEqual(await askContent(answering({ inserted: true }), 1, 0, insert), { inserted: true });
  assert.deepEqual(await askContent(answering({ opened: false, navigating: true }), 1, 0, openEditor), { opened: false, navigating: true });
  assert.deepEqual(await askContent(answering({ state: 'failed', reason: 'no-upload', message: 'no upload here' }), 1, 0, attach), { state: 'failed', reason: 'no-upload', message: 'no upload here' });
  assert.equal(await askContent(answering(undefined), 1, 0, insert), null);
});

test('a malformed reply is a typed bad-reply error, never read', async () => {
  const cases: Array<[string, ContentMessage, unknown]> = [
    ['wrong type', insert, { inserted: 'yes' }],
    ['missing field', insert, {}],
    ['not an object', insert, 'inserted'],
    ['extra field', openEditor, { opened: true, script: 'alert(1)' }],
    ['unknown state', attach, { state: 'done' }],
    ['oversize message', attach, { state: 'failed', reason: 'refused', message: 'x'.repeat(5000) }],
    ['unknown reason', attach, { state: 'failed', reason: 'other', message: 'm' }],
  ];
  for (const [what, message, reply] of cases) {
    await assert.rejects(askContent(answering(reply), 1, 0, message), (e: unknown) => e instanceof ProtocolError && e.code === 'bad-reply' && e.message.length < 400, what);
  }
});
