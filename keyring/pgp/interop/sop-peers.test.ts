/**
 * Interop with the Stateless OpenPGP peers sqop (Sequoia) and gosop (GopenPGP), crossing every
 * capability both ways. gosop writes binary plaintext as mangled UTF-8, so it is only a producer
 * for binary data; text round trips go both ways.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hasPeer, requirePeer } from '../../testing/peers';
import { randomBytes, sop, sopOk, tempDir, type SopImpl } from '../../testing/pgp-interop';

const t = tempDir('sop-peers');
const peers = (['sqop', 'gosop'] as const).filter((p) => hasPeer(p));

before(async () => {
  t.write('pw', 'open sesame\n');
  for (const impl of ['lockpane', ...peers] as SopImpl[]) {
    t.write(`${impl}.key`, await sopOk(impl, ['generate-key', `${impl} <${impl}@example.test>`]));
    t.write(`${impl}.cert`, await sopOk(impl, ['extract-cert'], readFileSync(t.file(`${impl}.key`))));
  }
});
after(() => t.cleanup());

/** Verifications flag name per implementation (gosop predates --verifications-out). */
const verOut = (impl: SopImpl) => (impl === 'gosop' ? '--verify-out' : '--verifications-out');

for (const peer of ['sqop', 'gosop'] as const) {
  test(`${peer}: keys made by ${peer} used by us and ours by ${peer}; encrypt+sign both ways (armored and binary)`, async (c) => {
    if (!requirePeer(c, peer)) return;
    const text = `hello across implementations (${peer})\n`;
    for (const armor of [true, false]) {
      const flag = armor ? [] : ['--no-armor'];
      // peer → us, with the peer's keys
      const p2u = await sopOk(peer, ['encrypt', ...flag, '--sign-with', t.file(`${peer}.key`), t.file('lockpane.cert')], text);
      const vfile = t.file(`v-${peer}-${armor}`);
      const d = await sop('lockpane', ['decrypt', '--verify-with', t.file(`${peer}.cert`), '--verifications-out', vfile, t.file('lockpane.key')], p2u);
      assert.equal(d.code, 0, d.stderr);
      assert.equal(d.stdout.toString(), text);
      assert.equal(readFileSync(vfile, 'utf8').trim().split('\n').length, 1);
      // us → peer, with our keys
      const u2p = await sopOk('lockpane', ['encrypt', ...flag, '--sign-with', t.file('lockpane.key'), t.file(`${peer}.cert`)], text);
      const vfile2 = t.file(`v2-${peer}-${armor}`);
      const back = await sop(peer, ['decrypt', '--verify-with', t.file('lockpane.cert'), verOut(peer), vfile2, t.file(`${peer}.key`)], u2p);
      assert.equal(back.code, 0, back.stderr);
      assert.equal(back.stdout.toString(), text);
      assert.match(readFileSync(vfile2, 'utf8'), /\S+ [0-9A-Fa-f]{40} [0-9A-Fa-f]{40}/);
    }
  });

  test(`${peer}: multi-recipient and password messages both ways`, async (c) => {
    if (!requirePeer(c, peer)) return;
    const multi = await sopOk('lockpane', ['encrypt', t.file(`${peer}.cert`), t.file('lockpane.cert')], 'for both');
    assert.equal((await sopOk(peer, ['decrypt', t.file(`${peer}.key`)], multi)).toString(), 'for both');
    assert.equal((await sopOk('lockpane', ['decrypt', t.file('lockpane.key')], multi)).toString(), 'for both');
    const pm = await sopOk(peer, ['encrypt', '--with-password', t.file('pw'), t.file('lockpane.cert')], 'pw or key');
    assert.equal((await sopOk('lockpane', ['decrypt', '--with-password', t.file('pw')], pm)).toString(), 'pw or key');
    // gosop (2022) drops the certificate recipients when a password is given; sqop keeps both
    if (peer === 'sqop') assert.equal((await sopOk('lockpane', ['decrypt', t.file('lockpane.key')], pm)).toString(), 'pw or key');
    const om = await sopOk('lockpane', ['encrypt', '--with-password', t.file('pw')], 'our pw message');
    assert.equal((await sopOk(peer, ['decrypt', '--with-password', t.file('pw')], om)).toString(), 'our pw message');
  });

  test(`${peer}: detached signatures both ways`, async (c) => {
    if (!requirePeer(c, peer)) return;
    const data = 'detached data\n';
    t.write(`${peer}.sig`, await sopOk(peer, ['sign', t.file(`${peer}.key`)], data));
    const v = await sop('lockpane', ['verify', t.file(`${peer}.sig`), t.file(`${peer}.cert`)], data);
    assert.equal(v.code, 0, v.stderr);
    assert.equal((await sop('lockpane', ['verify', t.file(`${peer}.sig`), t.file(`${peer}.cert`)], 'other')).code, 3);
    t.write(`ours-for-${peer}.sig`, await sopOk('lockpane', ['sign', '--no-armor', t.file('lockpane.key')], data));
    const pv = await sop(peer, ['verify', t.file(`ours-for-${peer}.sig`), t.file('lockpane.cert')], data);
    assert.equal(pv.code, 0, pv.stderr);
    assert.equal((await sop(peer, ['verify', t.file(`ours-for-${peer}.sig`), t.file('lockpane.cert')], 'other')).code, 3);
  });

  test(`${peer}: binary data (2 MB) produced by ${peer} decrypts here${peer === 'sqop' ? ', and ours decrypts there' : ''}`, async (c) => {
    if (!requirePeer(c, peer)) return;
    const data = randomBytes(2 * 1024 * 1024, peer === 'sqop' ? 3 : 5);
    const enc = await sopOk(peer, ['encrypt', '--no-armor', t.file('lockpane.cert')], data);
    assert.ok((await sopOk('lockpane', ['decrypt', t.file('lockpane.key')], enc)).equals(Buffer.from(data)));
    if (peer === 'sqop') {
      const ours = await sopOk('lockpane', ['encrypt', '--no-armor', t.file('sqop.cert')], data);
      assert.ok((await sopOk('sqop', ['decrypt', t.file('sqop.key')], ours)).equals(Buffer.from(data)));
    }
  });
}

test('sqop: cleartext and inline signatures both ways, inline-detach across', async (c) => {
  if (!requirePeer(c, 'sqop')) return;
  const text = 'Signed inline.\n- with a dash\n';
  for (const as of ['clearsigned', 'binary']) {
    const theirs = await sopOk('sqop', ['inline-sign', `--as=${as}`, t.file('sqop.key')], text);
    const v = await sop('lockpane', ['inline-verify', t.file('sqop.cert')], theirs);
    assert.equal(v.code, 0, v.stderr);
    assert.equal(v.stdout.toString().replace(/\r\n/g, '\n').trimEnd(), text.trimEnd());
    const ours = await sopOk('lockpane', ['inline-sign', `--as=${as}`, t.file('lockpane.key')], text);
    const pv = await sop('sqop', ['inline-verify', t.file('lockpane.cert')], ours);
    assert.equal(pv.code, 0, pv.stderr);
    assert.equal(pv.stdout.toString().replace(/\r\n/g, '\n').trimEnd(), text.trimEnd());
  }
  const cs = await sopOk('sqop', ['inline-sign', '--as=clearsigned', t.file('sqop.key')], text);
  const det = await sopOk('lockpane', ['inline-detach', '--signatures-out', t.file('sq-detached.sig')], cs);
  const v = await sop('sqop', ['verify', t.file('sq-detached.sig'), t.file('sqop.cert')], det);
  assert.equal(v.code, 0, v.stderr);
});

test('armor/dearmor agree with sqop byte for byte on the binary form', async (c) => {
  if (!requirePeer(c, 'sqop')) return;
  const key = readFileSync(t.file('sqop.key'));
  const theirs = await sopOk('sqop', ['dearmor'], key);
  const ours = await sopOk('lockpane', ['dearmor'], key);
  assert.ok(ours.equals(theirs));
  const rearmored = await sopOk('lockpane', ['armor'], ours);
  assert.ok((await sopOk('sqop', ['dearmor'], rearmored)).equals(theirs));
});
