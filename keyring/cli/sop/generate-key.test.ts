/**
 * `sop generate-key` takes a USERID as SOP defines it, any UTF-8 string stored as given, as sqop, gosop
 * and gpg do (checked here against sqop: it reads our key with the same user ID). What is really refused
 * (an empty user ID, like gpg and gosop; one too long to read back) is refused with the reason.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as openpgp from 'openpgp';
import { runCommand, runLockpaneSource as lockpane } from '../../testing/cli';
import { hasPeer } from '../../testing/peers';

const accepted = ['T <t@x>', 'Only A Name', 'nobody', 'alice@example.org', 'Jürgen Ä <jü@bücher.de>', 'x <y>', '  spaced   <s@example.org> '];

test('odd user IDs the peers accept are accepted and stored byte for byte', async () => {
  for (const uid of accepted) {
    const r = await lockpane(['sop', 'generate-key', '--', uid]);
    assert.equal(r.code, 0, `${uid}: ${r.stderr}`);
    const key = await openpgp.readPrivateKey({ armoredKey: r.stdout.toString() });
    assert.deepEqual(key.users.map((u) => u.userID?.userID), [uid]);
    if (hasPeer('sqop')) {
      // a peer reads the key and finds the same user ID (sqop extract-cert keeps user IDs)
      const cert = await runCommand('sqop', ['extract-cert'], r.stdout);
      assert.equal(cert.code, 0, cert.stderr);
      const pub = await openpgp.readKey({ armoredKey: cert.stdout.toString() });
      assert.deepEqual(pub.users.map((u) => u.userID?.userID), [uid]);
    }
  }
});

test('a refused user ID says why, in the user\'s terms', async () => {
  for (const [uid, why] of [['', /cannot be empty/], ['   ', /cannot be empty/], ['x'.repeat(6000), /at most \d+ characters/]] as const) {
    const r = await lockpane(['sop', 'generate-key', '--', uid]);
    assert.equal(r.code, 41, r.stderr);
    assert.match(r.stderr, why);
    assert.doesNotMatch(r.stderr, /well-formed OpenPGP object/);
    assert.equal(r.stdout.length, 0);
  }
});
