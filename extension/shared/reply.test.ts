/** Clients check every worker reply against the reply schema of the message they sent (shared/client.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogue, replySchemaOf } from './catalogue';
import { readReply } from './reply';
import { ProtocolError } from './result';

const key = {
  kind: 'openpgp', fingerprint: 'AB'.repeat(20), emails: ['a@example.test'], names: ['A <a@example.test>'], algorithm: 'curve25519', created: '2026-01-01T00:00:00Z',
  expires: null, expired: false, revoked: false, canEncrypt: true, canSign: true, hasPrivate: false, unlocked: false, acceptance: 'verified',
};
const isBadReply = (e: unknown) => e instanceof ProtocolError && e.code === 'bad-reply' && e.message.length < 400;

test('a well-formed reply comes back as its value; a refusal keeps its code', () => {
  assert.deepEqual(readReply('keys.list', { ok: true, value: { keys: [key] } }, replySchemaOf('keys.list')), { keys: [key] });
  assert.deepEqual(readReply('reader.open', { ok: true, value: { token: 'T'.repeat(43) } }, replySchemaOf('reader.open')), { token: 'T'.repeat(43) });
  assert.throws(() => readReply('keys.unlock', { ok: false, error: { code: 'wrong-passphrase', message: 'no' } }, replySchemaOf('keys.unlock')),
    (e: unknown) => e instanceof ProtocolError && e.code === 'wrong-passphrase' && e.message === 'no');
  assert.throws(() => readReply('keys.list', undefined, replySchemaOf('keys.list')), (e: unknown) => e instanceof ProtocolError && e.code === 'internal');
});

test('a malformed reply is a typed bad-reply error: wrong type, missing field, oversize string, extra field, bad envelope', () => {
  const cases: Array<[string, keyof typeof catalogue, unknown]> = [
    ['wrong type', 'keys.list', { ok: true, value: { keys: [{ ...key, canEncrypt: 'yes' }] } }],
    ['missing field', 'keys.list', { ok: true, value: { keys: [{ ...key, acceptance: undefined }] } }],
    ['oversize string', 'reader.open', { ok: true, value: { token: 'T'.repeat(65) } }],
    ['extra field', 'keys.list', { ok: true, value: { keys: [{ ...key, privateArmored: '-----BEGIN PGP PRIVATE KEY BLOCK-----' }] } }],
    ['bad fingerprint', 'keys.list', { ok: true, value: { keys: [{ ...key, fingerprint: 'not hex' }] } }],
    ['unknown state', 'reader.decrypt', { ok: true, value: { state: 'plaintext', text: 'x' } }],
    ['wrong literal', 'keys.unlock', { ok: true, value: { unlocked: false } }],
    ['no value', 'worker.ping', { ok: true }],
    ['extra envelope field', 'worker.ping', { ok: true, value: { version: '1', senderClass: 'page' }, more: 1 }],
    ['bad error code', 'worker.ping', { ok: false, error: { code: 'Not A Code <b>', message: 'x' } }],
    ['oversize error', 'worker.ping', { ok: false, error: { code: 'internal', message: 'x'.repeat(5000) } }],
    ['not an envelope', 'worker.ping', { version: '1', senderClass: 'page' }],
  ];
  for (const [what, name, reply] of cases) assert.throws(() => readReply(name, reply, replySchemaOf(name)), isBadReply, what);
});
