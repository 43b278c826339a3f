/**
 * Sign-only mail from the editor: an OpenPGP cleartext signature gpg verifies (and gives back the exact
 * text), and an S/MIME opaque signed-data block openssl verifies, whose signed entity carries the Subject
 * as a signed header (RFC 9788 hp="clear"); our reader verifies both.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it, type TestContext } from 'node:test';
import PostalMime from 'postal-mime';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { TestPki, type User } from '../../../keyring/testing/openssl-pki';
import { hasPeer, requirePeer } from '../../../keyring/testing/peers';
import { Gpg, tempDir } from '../../../keyring/testing/pgp-interop';
import type { ReaderContent } from '../../shared/reader-result';
import { createKeyringService } from '../keyring/service';
import { memoryArea } from '../kv';
import { readMessage } from '../reader/read-message';
import { createSmimeService } from '../smime/smime-service';
import { createComposeService, type Encrypted } from './compose-service';

const body = 'Dienstplan KW 50:\n- Mo Frühdienst  \nFrom now on, please confirm.\n';
let pki: TestPki;
let alice: User;
const t = tempDir('sign-only');
after(() => { pki?.cleanup(); t.cleanup(); });
before(() => {
  if (!hasPeer('openssl')) return;
  pki = new TestPki();
  alice = pki.user('alice');
});

function person() {
  const keyring = createKeyringService(new MemoryBackend(), memoryArea(), { store: { minKdfIterations: 2000 }, envelopeIterations: 2000 });
  const smime = createSmimeService(keyring, memoryArea());
  return { keyring, smime, compose: createComposeService(keyring, memoryArea(), smime) };
}

const armoredOf = (r: unknown): string => {
  assert.ok(r && typeof r === 'object' && 'armored' in r, JSON.stringify(r).slice(0, 200));
  return (r as Encrypted).armored;
};

describe('sign-only sending', () => {
  it('OpenPGP: a cleartext signature gpg reports good and decodes to the exact text; the Subject stays as written', async (c: TestContext) => {
    if (!requirePeer(c, 'gpg')) return;
    const p = person();
    const { key } = await p.keyring.generate({ name: 'Ana', email: 'ana@example.test', passphrase: 'ana pw', algorithm: 'curve25519' });
    const first = await p.compose.signOnly({ to: ['nobody-with-a-key@example.test'], cc: [], body, subject: 'Dienstplan' });
    assert.equal('state' in first && first.state, 'needs-passphrase');
    const out = await p.compose.signOnly({ to: ['nobody-with-a-key@example.test'], cc: [], body, subject: 'Dienstplan', unlock: { fingerprint: key.fingerprint, passphrase: 'ana pw' } });
    assert.deepEqual((out as Encrypted).outerSubject, { value: 'Dienstplan', protected: false });
    const armored = armoredOf(out);
    assert.match(armored, /^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA\d+\n\nDienstplan KW 50:\n- - Mo Frühdienst\n- From now on/);
    const gpg = new Gpg(t.dir);
    try {
      await gpg.ok(['--import'], await p.keyring.exportPublic(key.fingerprint));
      const d = await gpg.run(['--status-fd', '2', '--decrypt'], armored);
      assert.equal(d.code, 0, d.stderr);
      assert.match(d.stderr, /\[GNUPG:\] GOODSIG/);
      assert.equal(d.stdout.toString('utf8'), body.replace('Frühdienst  \n', 'Frühdienst\n'));
    } finally {
      gpg.cleanup();
    }
    const r = await readMessage({ kind: 'pgp-signed', armored, origin: 'https://mail.example', sender: 'ana@example.test', contentFrameId: 0 }, p.keyring, {}, p.smime);
    assert.ok(['verified', 'valid'].includes((r as { content: ReaderContent }).content.signatures[0]?.status ?? ''));
  });

  it('S/MIME: opaque signed-data openssl verifies; its entity has the Subject as a signed header (hp="clear"); our reader verifies it', async (c: TestContext) => {
    if (!requirePeer(c, 'openssl')) return;
    const p = person();
    await p.keyring.import({ bytes: readFileSync(alice.p12), password: 'test', protectWith: 'alice pw' }, 'user');
    await (await p.keyring.store()).addUserRoot(readFileSync(pki.caCrt, 'utf8'));
    const fp = (await p.keyring.lockedOwnCertificates())[0]!.fingerprint;
    const out = await p.compose.signOnly({ to: ['bob@example.test'], cc: [], body, subject: 'Dienstplan KW 50', unlock: { fingerprint: fp, passphrase: 'alice pw' } });
    const armored = armoredOf(out);
    assert.match(armored, /^-----BEGIN PKCS7-----\n/);
    const content = new Uint8Array(pki.openssl(['cms', '-verify', '-inform', 'PEM', '-CAfile', pki.caCrt], armored));
    const parsed = await PostalMime.parse(content);
    assert.equal(parsed.subject, 'Dienstplan KW 50');
    assert.equal(parsed.text, body);
    assert.match(new TextDecoder().decode(content), /Content-Type: text\/plain; charset=utf-8; hp="clear"\r\n/);
    assert.doesNotMatch(new TextDecoder().decode(content), /HP-Outer/);
    const r = await readMessage({ kind: 'cms', armored, origin: 'https://mail.example', sender: 'alice@example.test', contentFrameId: 0 }, p.keyring, {}, p.smime);
    const shown = (r as { content: ReaderContent }).content;
    assert.deepEqual([shown.encrypted, shown.signatures[0]?.status, shown.protectedHeaders?.fields.subject], [false, 'verified', 'Dienstplan KW 50']);
  });

  it('without any key of one\'s own, sign-only is refused with a typed error', async () => {
    const p = person();
    await assert.rejects(p.compose.signOnly({ to: [], cc: [], body: 'x' }), (e: unknown) => (e as { code?: string }).code === 'key-not-usable');
  });
});
