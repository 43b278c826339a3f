/**
 * A wrong password on SKESK v4 mail sometimes gets past the session key and fails only the integrity
 * check. That must read as "wrong password (or changed)", cannot-decrypt, on every path: buffered,
 * streamed, the fast engine, and a gpg --symmetric message (no encrypted session key: every wrong
 * password ends at the integrity check).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import * as openpgp from 'openpgp';
import { nodeEngineCrypto } from '../cli/sop/engine-node';
import { isLockpaneError } from '../errors';
import { requirePeer } from '../testing/peers';
import { collect } from './bytes';
import { fastDecrypt } from './engine/fast-decrypt';
import { concatBytes, type Spool, type SpoolFile } from './engine/io';
import { ByteReader } from './engine/packet-reader';
import { decrypt, decryptStream } from './index';

const fixture = readFileSync(path.join(__dirname, 'fixtures/password-ambiguity/skesk4-typo-273.asc'), 'utf8');
const plain = 'the backup of a careful person\n';
const wrongOrChanged = (e: unknown) => isLockpaneError(e, 'cannot-decrypt') && /or the message was changed/.test((e as Error).message);

test('the fixture: the right password opens it; the lucky typo is cannot-decrypt, not integrity-failure', async () => {
  const r = await decrypt({ message: fixture, passwords: ['the right password'] });
  assert.equal(new TextDecoder().decode(r.data), plain);
  await assert.rejects(decrypt({ message: fixture, passwords: ['typo 273'] }), wrongOrChanged);
});

test('streamed: the same typo errors the stream as cannot-decrypt, and releases nothing', async () => {
  const bytes = new TextEncoder().encode(fixture);
  const message = new ReadableStream<Uint8Array>({ start(c) { c.enqueue(bytes); c.close(); } });
  await assert.rejects(async () => {
    const r = await decryptStream({ message, passwords: ['typo 273'] });
    const out = await collect(r.data);
    assert.fail(`released ${out.length} bytes`);
  }, wrongOrChanged);
});

function memorySpool(): Spool {
  return {
    create: async (): Promise<SpoolFile> => {
      const parts: Uint8Array[] = [];
      return {
        write: async (c) => { parts.push(c.slice()); }, close: async () => {}, abort: () => {},
        stream: () => new ReadableStream({ start(c) { c.enqueue(concatBytes(parts)); c.close(); } }),
      };
    },
  };
}

test('the fast engine (the CLI\'s path, which also checks the quick-check bytes): the same typo is cannot-decrypt', async () => {
  const binary = (await openpgp.unarmor(fixture)).data as Uint8Array;
  async function* once() { yield binary; }
  await assert.rejects(fastDecrypt({
    reader: new ByteReader(once()), decryptionKeys: [], passwords: ['typo 273'], sessionKeys: [], verificationKeys: [],
    maxDecompressedBytes: 1 << 20, crypto: nodeEngineCrypto, spool: memorySpool(),
  }), (e: unknown) => isLockpaneError(e, 'cannot-decrypt'));
});

test('gpg --symmetric (password-derived session key): every wrong password is cannot-decrypt', async (t: TestContext) => {
  if (!requirePeer(t, 'gpg')) return;
  const home = mkdtempSync(path.join(tmpdir(), 'lp-gpg-'));
  try {
    const armored = execFileSync('gpg', ['--homedir', home, '--batch', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', 'gpg pw',
      '--s2k-count', '65536', '--symmetric', '--armor'], { input: 'made by gpg\n', stdio: ['pipe', 'pipe', 'pipe'] }).toString();
    for (const wrong of ['gpg PW', 'gpg pw ', 'x']) await assert.rejects(decrypt({ message: armored, passwords: [wrong] }), wrongOrChanged);
    assert.equal(new TextDecoder().decode((await decrypt({ message: armored, passwords: ['gpg pw'] })).data), 'made by gpg\n');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
