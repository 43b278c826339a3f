/**
 * Peer-made messages through the fast SEIPDv1 path, byte-exact: gpg writes 8 KiB partial chunks
 * (for the encrypted packet and the literal packet inside), sqop its own framing; and what we write
 * is read by both. Under CI=true a missing peer fails.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { runLockpane } from '../../testing/cli';
import { requirePeer } from '../../testing/peers';
import { Gpg, randomBytes, sopOk, tempDir } from '../../testing/pgp-interop';

const tmp = tempDir('peer-input');
const gpg = new Gpg(tmp.dir);
// several 8 KiB chunks and more than one 1 MiB coalesced piece, with an odd tail
const data = Buffer.from(randomBytes(2 * (1 << 20) + 8191 * 3 + 5, 7));
let key: string;
let cert: string;
let fpr: string;

before(async () => {
  key = tmp.write('key', (await runLockpane(['sop', 'generate-key', 'Peer <peer@example.test>'])).stdout);
  cert = tmp.write('cert', (await runLockpane(['sop', 'extract-cert'], readFileSync(key))).stdout);
});
after(() => { gpg.cleanup(); tmp.cleanup(); });

test('gpg -z 0 (8 KiB chunks) → lockpane decrypt, byte-exact; and lockpane → gpg', async (t) => {
  if (!requirePeer(t, 'gpg')) return;
  await gpg.ok(['--import', key]);
  fpr = /^fpr:+([0-9A-F]{40}):/m.exec((await gpg.ok(['--with-colons', '--list-keys'])).stdout.toString())![1]!;
  const enc = (await gpg.ok(['-z', '0', '--cipher-algo', 'AES256', '-r', fpr, '-e'], data)).stdout;
  const dec = await runLockpane(['sop', 'decrypt', key], enc);
  assert.equal(dec.code, 0, dec.stderr);
  assert.ok(dec.stdout.equals(data), 'plaintext differs');
  const ours = await runLockpane(['sop', 'encrypt', '--no-armor', cert], data);
  assert.equal(ours.code, 0, ours.stderr);
  assert.ok((await gpg.ok(['-d'], ours.stdout)).stdout.equals(data), 'gpg read our message differently');
});

test('gpg message with one flipped byte near the end → integrity error, empty stdout', async (t) => {
  if (!requirePeer(t, 'gpg') || !fpr) return;
  const enc = Buffer.from((await gpg.ok(['-z', '0', '-r', fpr, '-e'], data)).stdout);
  enc[enc.length - 30]! ^= 1;
  const dec = await runLockpane(['sop', 'decrypt', key], enc);
  assert.notEqual(dec.code, 0);
  assert.equal(dec.stdout.length, 0);
  assert.match(dec.stderr, /integrity/);
});

test('sqop → lockpane decrypt and lockpane → sqop decrypt, byte-exact', async (t) => {
  if (!requirePeer(t, 'sqop')) return;
  const enc = await sopOk('sqop', ['encrypt', '--no-armor', cert], data);
  const dec = await runLockpane(['sop', 'decrypt', key], enc);
  assert.equal(dec.code, 0, dec.stderr);
  assert.ok(dec.stdout.equals(data), 'plaintext differs');
  const ours = await runLockpane(['sop', 'encrypt', cert], data);
  assert.ok((await sopOk('sqop', ['decrypt', key], ours.stdout)).equals(data), 'sqop read our message differently');
});
