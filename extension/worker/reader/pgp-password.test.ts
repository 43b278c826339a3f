/**
 * Password-encrypted OpenPGP (SKESK) messages in the reader: the demo mail's own message, a gpg-made one,
 * a key+password message opened either way, a wrong password, and a password-encrypted PGP/MIME mail.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { isLockpaneError } from '../../../keyring/errors';
import { encrypt, generateKey, readKey } from '../../../keyring/pgp';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { requirePeer } from '../../../keyring/testing/peers';
import type { ReaderContent, ReaderResult } from '../../shared/reader-result';
import { createKeyringService } from '../keyring/service';
import { memoryArea } from '../kv';
import type { ReaderPayload } from '../services';
import { createSmimeService } from '../smime/smime-service';
import { readMessage } from './read-message';
import { readRaw } from './read-raw';

const demoHtml = readFileSync(path.resolve(__dirname, '../../../e2e/sites/demo/index.html'), 'utf8');
const demoMessage = /-----BEGIN PGP MESSAGE-----[\s\S]*?-----END PGP MESSAGE-----/.exec(demoHtml)![0];

function keyring() {
  const k = createKeyringService(new MemoryBackend(), memoryArea(), { store: { minKdfIterations: 2000 }, envelopeIterations: 2000 });
  return { keyring: k, smime: createSmimeService(k, memoryArea()) };
}

async function withBob() {
  const r = keyring();
  const { key } = await r.keyring.generate({ name: 'Bob', email: 'bob@example.test', passphrase: 'bob passphrase', algorithm: 'curve25519' });
  return { ...r, fingerprint: key.fingerprint, publicKey: await readKey(await r.keyring.exportPublic(key.fingerprint)) };
}

const payload = (armored: string): ReaderPayload => ({ kind: 'pgp-message', armored, origin: 'http://mail.test', sender: null, contentFrameId: 0 });

type Unlock = { fingerprint?: string; passphrase?: string; messagePassword?: string };
async function read(r: ReturnType<typeof keyring>, armored: string, unlock: Unlock = {}): Promise<ReaderResult> {
  return readMessage(payload(armored), r.keyring, unlock, r.smime);
}

function text(r: ReaderResult): string {
  assert.equal(r.state, 'content');
  return (r as { content: ReaderContent }).content.text ?? '';
}

const wrongPassword = (e: unknown) => isLockpaneError(e, 'wrong-passphrase') && /password does not open the message/.test((e as Error).message);

describe('password-encrypted messages in the reader', () => {
  it('the demo mail\'s message: asks for the message password (no keys yet), opens with "demo", refuses a wrong one', async () => {
    const r = keyring();
    assert.deepEqual(await read(r, demoMessage), { state: 'needs-password' });
    await assert.rejects(read(r, demoMessage, { messagePassword: 'not demo' }), wrongPassword);
    const opened = await read(r, demoMessage, { messagePassword: 'demo' });
    assert.equal(text(opened), 'Hello from the Lockpane demo.\n');
    assert.equal(opened.state === 'content' && opened.content.encrypted, true);
  });

  it('after setup (a locked own key the message is not for), the demo message still asks for its password, not the key passphrase', async () => {
    const r = await withBob();
    assert.deepEqual(await read(r, demoMessage), { state: 'needs-password' });
    await r.keyring.unlock(r.fingerprint, 'bob passphrase');
    // An unlocked key that does not fit: the password is asked for instead of "cannot decrypt".
    assert.deepEqual(await read(r, demoMessage), { state: 'needs-password' });
    assert.equal(text(await read(r, demoMessage, { messagePassword: 'demo' })), 'Hello from the Lockpane demo.\n');
  });

  it('a message to our key and a password: the key passphrase is asked with the password as the other choice; both open it', async () => {
    const r = await withBob();
    const armored = await encrypt({ data: 'mixed secret', encryptionKeys: [r.publicKey], passwords: ['open sesame'] }) as string;
    const first = await read(r, armored);
    assert.equal(first.state, 'needs-passphrase');
    assert.equal(first.state === 'needs-passphrase' && first.messagePassword, true);
    assert.deepEqual(first.state === 'needs-passphrase' && first.keys.map((k) => k.fingerprint), [r.fingerprint]);
    assert.equal(text(await read(r, armored, { messagePassword: 'open sesame' })), 'mixed secret');
    await assert.rejects(read(r, armored, { messagePassword: 'bob passphrase' }), wrongPassword);
    assert.equal(text(await read(r, armored, { fingerprint: r.fingerprint, passphrase: 'bob passphrase' })), 'mixed secret');
  });

  it('a message to someone else\'s key and a password: only the password is asked for', async () => {
    const r = await withBob();
    const carol = await generateKey({ userIDs: [{ email: 'carol@example.test' }] });
    const armored = await encrypt({ data: 'for carol or the password', encryptionKeys: [await readKey(carol.publicKeyArmored)], passwords: ['pw'] }) as string;
    assert.deepEqual(await read(r, armored), { state: 'needs-password' });
    assert.equal(text(await read(r, armored, { messagePassword: 'pw' })), 'for carol or the password');
  });

  it('a key-only message is unchanged: passphrase prompt without a password choice', async () => {
    const r = await withBob();
    const armored = await encrypt({ data: 'key only', encryptionKeys: [r.publicKey] }) as string;
    const first = await read(r, armored);
    assert.equal(first.state, 'needs-passphrase');
    assert.equal(first.state === 'needs-passphrase' && first.messagePassword, undefined);
  });

  it('gpg --symmetric (AES256, iterated S2K): opens with the password, a wrong one is refused', async (t: TestContext) => {
    if (!requirePeer(t, 'gpg')) return;
    const home = mkdtempSync(path.join(tmpdir(), 'lockpane-sym-'));
    try {
      const armored = execFileSync('gpg', ['--homedir', home, '--batch', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', 'gpg pw',
        '--symmetric', '--armor', '--cipher-algo', 'AES256'], { input: 'made by gpg\n', stdio: ['pipe', 'pipe', 'pipe'] }).toString();
      const r = keyring();
      assert.deepEqual(await read(r, armored), { state: 'needs-password' });
      await assert.rejects(read(r, armored, { messagePassword: 'gpg PW' }), wrongPassword);
      assert.equal(text(await read(r, armored, { messagePassword: 'gpg pw' })), 'made by gpg\n');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('a password-encrypted PGP/MIME mail (raw path): asks for the password, then shows the body', async () => {
    const r = await withBob();
    const inner = 'Content-Type: text/plain; charset=utf-8\r\n\r\nPGP/MIME with a password\r\n';
    const armored = await encrypt({ data: new TextEncoder().encode(inner), passwords: ['raw pw'] }) as string;
    const mail = new TextEncoder().encode('From: alice@example.test\r\nContent-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="b"\r\n\r\n'
      + `--b\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n--b\r\nContent-Type: application/octet-stream; name="encrypted.asc"\r\n\r\n${armored}\r\n--b--\r\n`);
    assert.deepEqual((await readRaw(mail, undefined, r.keyring, r.smime, {})).result, { state: 'needs-password' });
    await assert.rejects(readRaw(mail, undefined, r.keyring, r.smime, { messagePassword: 'no' }), wrongPassword);
    assert.match(text((await readRaw(mail, undefined, r.keyring, r.smime, { messagePassword: 'raw pw' })).result), /PGP\/MIME with a password/);
  });
});
