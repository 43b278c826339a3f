import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as openpgp from 'openpgp';
import { makePgpKey, type TestPgpKey } from '../testing/identities';
import { autocryptFromMessage, readHeaders } from './autocrypt';

let alice: TestPgpKey;
let bob: TestPgpKey;
let keydata = '';

/** Folded the way mail user agents write it: a continuation line every 76 characters. */
const fold = (b64: string): string => b64.replace(/(.{76})/g, '$1\r\n ');

before(async () => {
  alice = await makePgpKey('Alice', 'alice@example.org');
  bob = await makePgpKey('Bob', 'bob@example.org');
  keydata = Buffer.from((await openpgp.readKey({ armoredKey: alice.publicArmored })).write() as Uint8Array).toString('base64');
});

const mail = (headers: string[], body = 'Hello\r\n'): string => `${headers.join('\r\n')}\r\n\r\n${body}`;

describe('Autocrypt headers', () => {
  it('a folded header from the sender yields one candidate with its preference and date', async () => {
    const r = await autocryptFromMessage(mail([
      'Date: Tue, 03 Mar 2026 10:00:00 +0000',
      'From: "Alice A." <Alice@Example.org>',
      'To: bob@example.org',
      `Autocrypt: addr=alice@example.org; prefer-encrypt=mutual; _future=1; keydata=\r\n ${fold(keydata)}`,
    ]));
    assert.deepEqual(r.ignored, []);
    assert.equal(r.candidate?.entry.fingerprint, alice.fingerprint);
    assert.equal(r.candidate?.source, 'autocrypt');
    assert.equal(r.candidate?.preferEncrypt, 'mutual');
    assert.equal(r.candidate?.date, '2026-03-03T10:00:00.000Z');
  });

  it('ignores headers for another address, with unknown critical attributes, or duplicated', async () => {
    const other = await autocryptFromMessage(mail(['From: mallory@example.org', `Autocrypt: addr=alice@example.org; keydata=${keydata}`]));
    assert.equal(other.candidate, null);
    assert.match(other.ignored[0]!, /not the From address/);
    const critical = await autocryptFromMessage(mail(['From: alice@example.org', `Autocrypt: addr=alice@example.org; type=99; keydata=${keydata}`]));
    assert.equal(critical.candidate, null);
    assert.match(critical.ignored[0]!, /unknown attribute type/);
    const twice = await autocryptFromMessage(mail(['From: alice@example.org', `Autocrypt: addr=alice@example.org; keydata=${keydata}`, `Autocrypt: addr=alice@example.org; keydata=${keydata}`]));
    assert.equal(twice.candidate, null);
    assert.match(twice.ignored.at(-1)!, /more than one/);
    const nopref = await autocryptFromMessage(mail(['From: alice@example.org', `Autocrypt: addr=alice@example.org; prefer-encrypt=always; keydata=${keydata}`]));
    assert.equal(nopref.candidate?.preferEncrypt, 'nopreference');
  });

  it('refuses a key that does not bind the From address, and garbage keydata', async () => {
    const bobData = Buffer.from((await openpgp.readKey({ armoredKey: bob.publicArmored })).write() as Uint8Array).toString('base64');
    const wrongKey = await autocryptFromMessage(mail(['From: alice@example.org', `Autocrypt: addr=alice@example.org; keydata=${bobData}`]));
    assert.equal(wrongKey.candidate, null);
    assert.match(wrongKey.ignored[0]!, /does not bind/);
    const garbage = await autocryptFromMessage(mail(['From: alice@example.org', 'Autocrypt: addr=alice@example.org; keydata=AAAA']));
    assert.equal(garbage.candidate, null);
    assert.match(garbage.ignored[0]!, /not a usable key/);
  });

  it('reads only the top-level header block, not headers inside the body or MIME parts', async () => {
    const r = await autocryptFromMessage(mail(['From: alice@example.org', 'Content-Type: multipart/mixed; boundary=b'],
      `--b\r\nAutocrypt: addr=alice@example.org; keydata=${keydata}\r\n\r\npart\r\n--b--\r\n`));
    assert.equal(r.candidate, null);
    assert.deepEqual(readHeaders('A: 1\n  continued\nB: 2\n\nC: 3').map(([n, v]) => `${n}=${v}`), ['a=1 continued', 'b=2']);
    const multi = await autocryptFromMessage(mail(['From: alice@example.org, bob@example.org', `Autocrypt: addr=alice@example.org; keydata=${keydata}`]));
    assert.equal(multi.candidate, null);
  });
});
