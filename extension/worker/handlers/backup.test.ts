import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import type { PageContext } from '../../shared/sender';
import { memoryArea } from '../kv';
import { createServices } from '../services';
import type { ScriptRegistrar } from '../sites';
import { backupHandlers } from './backup';

const page = { cls: 'page', path: '/options.html' } as unknown as PageContext;
const registrar: ScriptRegistrar = { hasHostPermission: async () => false, registerContentScript: async () => undefined, unregisterContentScript: async () => undefined };

function profile(managed: Record<string, unknown> = {}) {
  const services = createServices({
    local: memoryArea(), session: memoryArea(), registrar, version: 't', keyringBackend: new MemoryBackend(),
    toContent: async () => undefined, readManaged: async () => managed,
  });
  return { services, h: backupHandlers(services) };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'no error';
}

test('backup of one profile restores into another: keys, trust, indicator and user settings; wrong password changes nothing', async () => {
  const a = profile();
  const { key } = await a.services.keyring.generate({ name: 'Ada', email: 'ada@example.test', passphrase: 'ada key passphrase', algorithm: 'curve25519' });
  await a.services.indicator.set({ phrase: 'quiet heron', color: '#006064' });
  await a.services.settings.set({ values: { passphraseCacheMinutes: 7 } });
  const { armored, summary } = await a.h['backup.create']({ password: 'backup password 1' }, page);
  assert.match(armored, /BEGIN PGP MESSAGE/);
  assert.deepEqual({ keys: summary.keys, ownKeys: summary.ownKeys, hasSettings: summary.hasSettings }, { keys: 1, ownKeys: 1, hasSettings: true });

  const b = profile();
  await b.services.keyring.generate({ name: 'Other', email: 'other@example.test', passphrase: 'other key passphrase', algorithm: 'curve25519' });
  assert.equal(await code(b.h['backup.preview']({ text: armored, password: 'not the password' }, page)), 'wrong-passphrase');
  assert.equal(await code(b.h['backup.restore']({ text: armored, password: 'not the password' }, page)), 'wrong-passphrase');
  assert.deepEqual((await b.services.keyring.list()).map((k) => k.emails[0]), ['other@example.test']);

  assert.equal((await b.h['backup.preview']({ text: armored, password: 'backup password 1' }, page)).summary.keys, 1);
  await b.h['backup.restore']({ text: armored, password: 'backup password 1' }, page);
  const keys = await b.services.keyring.list();
  assert.deepEqual(keys.map((k) => [k.fingerprint, k.hasPrivate]), [[key.fingerprint, true]]);
  // The restored key still opens with its own passphrase (it stayed protected inside the backup).
  await b.services.keyring.exportPrivate(key.fingerprint, 'ada key passphrase');
  assert.deepEqual(await b.services.indicator.get(), { phrase: 'quiet heron', color: '#006064' });
  assert.equal((await b.services.settings.view()).values.passphraseCacheMinutes, 7);
});

test('a policy that forbids private key export also forbids a backup holding private keys; not a backup is bad data', async () => {
  const p = profile({ allowPrivateKeyExport: false });
  await p.services.policy.reload();
  assert.equal((await p.h['backup.create']({ password: 'backup password 1' }, page)).summary.keys, 0);
  await p.services.keyring.generate({ name: 'Bo', email: 'bo@example.test', passphrase: 'bo key passphrase', algorithm: 'curve25519' });
  assert.equal(await code(p.h['backup.create']({ password: 'backup password 1' }, page)), 'blocked-by-policy');
  assert.notEqual(await code(p.h['backup.preview']({ text: 'hello there', password: 'x' }, page)), 'no error');
});
