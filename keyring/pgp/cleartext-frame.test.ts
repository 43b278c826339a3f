import { test } from 'node:test';
import assert from 'node:assert/strict';
import { framedBody, printedText, readFramedBody, signedText, splitLines } from './cleartext-frame';
import * as pgp from './index';
import { isLockpaneError } from '../errors';

const anaKey = async (): Promise<pgp.PgpPrivateKey> =>
  await pgp.readKey((await pgp.generateKey({ userIDs: [{ name: 'Ana', email: 'ana@example.test' }] })).privateKeyArmored) as pgp.PgpPrivateKey;

test('splitLines keeps each line ending and drops only the empty piece after a final newline', () => {
  assert.deepEqual(splitLines(''), []);
  assert.deepEqual(splitLines('\n'), [{ content: '', eol: '\n' }]);
  assert.deepEqual(splitLines('a\r\nb'), [{ content: 'a', eol: '\r\n' }, { content: 'b', eol: '\n' }]);
  assert.deepEqual(splitLines('a\rb\n'), [{ content: 'a\rb', eol: '\n' }]);
});

test('the signed text has no trailing white space and no final line ending; the body is dash-escaped', () => {
  const lines = splitLines('-x  \r\nFrom me\t\nplain\n');
  assert.equal(signedText(lines), '-x\nFrom me\nplain');
  assert.equal(framedBody(lines), '- -x\r\n- From me\nplain\n');
  assert.equal(printedText(lines), '-x\r\nFrom me\nplain\n');
});

test('readFramedBody undoes the escaping and finds the body between header and signature', () => {
  const block = '-----BEGIN PGP SIGNED MESSAGE-----\r\nHash: SHA256\r\n\r\n- -x\r\nok\r\n-----BEGIN PGP SIGNATURE-----\r\n\r\nAA==\r\n-----END PGP SIGNATURE-----\r\n';
  assert.deepEqual(readFramedBody(block), [{ content: '-x', eol: '\r\n' }, { content: 'ok', eol: '\r\n' }]);
  assert.equal(readFramedBody('-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\nno blank line\n'), null);
});

test('signCleartext writes the text as given and verifyCleartext gives it back, printed and verified', async () => {
  const key = await anaKey();
  for (const text of ['a\n', 'a', '', '\n\n', 'x\r\ny\r\n', '- dash\nFrom here\n']) {
    const signed = await pgp.signCleartext({ text, signingKeys: [key] });
    const v = await pgp.verifyCleartext({ message: signed, verificationKeys: [key] });
    assert.equal(v.signatures[0]?.status, 'good', JSON.stringify(text));
    assert.equal(v.printedText, text === '' || text.endsWith('\n') ? text : `${text}\n`);
    assert.equal(v.text, text.replace(/\r\n/g, '\n').replace(/\n$/, ''));
  }
});

test('a block whose body openpgp.js would read differently from ours is refused, not half-trusted', async () => {
  const key = await anaKey();
  const signed = await pgp.signCleartext({ text: 'ok\n', signingKeys: [key] });
  // openpgp.js strips a CR among trailing spaces ("ok\r " → "ok"), which we would print as "ok\r"
  const odd = signed.replace('\nok\n', '\nok\r \n');
  assert.equal((await pgp.verifyCleartext({ message: signed, verificationKeys: [key] })).printedText, 'ok\n');
  await assert.rejects(pgp.verifyCleartext({ message: odd, verificationKeys: [key] }), (e: unknown) => isLockpaneError(e));
});
