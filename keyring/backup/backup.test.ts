import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as openpgp from 'openpgp';
import { isLockpaneError } from '../errors';
import { encrypt } from '../pgp';
import { requirePeer } from '../testing/peers';
import { runCommand } from '../testing/cli';
import { FaultBackend } from '../testing/fault-backend';
import { MemoryBackend } from '../testing/memory-backend';
import { KeyringStore, type KeyringSnapshot } from '../store/keyring-store';
import { openPgpEntryFromKey, readOpenPgpKeys } from '../store/facts-openpgp';
import { certificateEntryFrom } from '../store/facts-x509';
import { protectPkcs8 } from '../store/private-key-envelope';
import { makeCertificate, makePgpKey } from '../testing/identities';
import { BACKUP_FORMAT, BACKUP_VERSION } from './backup-format';
import { createBackup, readBackup, restoreBackup } from './backup';

const ITER = 1000;
const settings = { preference: 'openpgp', unlockMinutes: 15, sites: ['gmail', 'roundcube'], phrase: 'blue heron' };

const sorted = (s: KeyringSnapshot): KeyringSnapshot => {
  const by = <T>(xs: T[], k: (x: T) => string) => [...xs].sort((a, b) => k(a).localeCompare(k(b)));
  return { entries: by(s.entries, (e) => e.fingerprint), trust: by(s.trust, (t) => t.fingerprint), conflicts: by(s.conflicts, (c) => c.id), roots: by(s.roots, (r) => r.fingerprint) };
};

async function populated(): Promise<KeyringStore> {
  const store = await KeyringStore.open(new MemoryBackend(), { minKdfIterations: ITER });
  const entry = async (armored: string) => openPgpEntryFromKey((await readOpenPgpKeys(armored))[0]!);
  const me = await makePgpKey('Me', 'me@example.org', { passphrase: 'my key pass' });
  const rita = await makePgpKey('Rita', 'rita@example.org');
  const ritaNew = await makePgpKey('Rita', 'rita@example.org');
  const sam = await makePgpKey('Sam', 'sam@example.org');
  await store.importEntry(await entry(me.privateArmored), 'generated');
  await store.importEntry(await entry(rita.publicArmored), 'user-import');
  await store.importEntry(await entry(ritaNew.publicArmored), 'autocrypt'); // an open conflict
  await store.importEntry(await entry(sam.publicArmored), 'wkd');
  await store.setAcceptance(rita.fingerprint, 'verify');
  await store.setAcceptance(sam.fingerprint, 'reject');
  const root = await makeCertificate({ cn: 'Backup Root', ca: true });
  const mine = await makeCertificate({ cn: 'Me', email: 'me@example.org', issuer: root });
  const ce = await certificateEntryFrom(mine.pem);
  ce.privateKey = await protectPkcs8(mine.pkcs8, 'my key pass', { fingerprint: ce.fingerprint, iterations: ITER });
  await store.importEntry(ce, 'pkcs12');
  await store.addUserRoot(root.pem);
  await store.setPolicyRoots([(await makeCertificate({ cn: 'Policy Root', ca: true })).der]);
  return store;
}

describe('backup and restore', () => {
  it('backup → wipe → restore gives back exactly the keyring, trust decisions and settings', async () => {
    const original = await populated();
    const file = await createBackup(original, 'backup password', settings);
    assert.match(file, /^-----BEGIN PGP MESSAGE-----/);
    assert.ok(!file.includes('rita@example.org'), 'nothing readable without the password');

    const target = await KeyringStore.open(new MemoryBackend(), { minKdfIterations: ITER });
    const { settings: back, summary } = await restoreBackup(target, file, 'backup password');
    assert.deepEqual(back, settings);
    // Trust records: me (first use), rita (verified), sam (rejected); the pushed key stays undecided.
    assert.deepEqual(summary, { entries: 5, trust: 3, conflicts: 1, roots: 1, createdAt: summary.createdAt });
    assert.deepEqual(sorted(target.snapshot()), sorted(original.snapshot()));
    assert.equal(target.acceptanceOf(original.snapshot().trust.find((t) => t.acceptance === 'verified')!.fingerprint), 'verified');
  });

  it('restore replaces: entries not in the backup are gone, policy roots stay', async () => {
    const small = await KeyringStore.open(new MemoryBackend());
    const only = await makePgpKey('Only', 'only@example.org');
    await small.importEntry(await openPgpEntryFromKey((await readOpenPgpKeys(only.publicArmored))[0]!), 'user-import');
    const file = await createBackup(small, 'pw');
    const big = await populated();
    const policy = big.roots().filter((r) => r.source === 'policy');
    await restoreBackup(big, file, 'pw');
    assert.deepEqual(big.list().map((e) => e.fingerprint), [only.fingerprint]);
    assert.deepEqual(big.roots(), policy);
    assert.deepEqual(big.conflicts(), []);
  });

  it('a wrong password is a clear wrong-passphrase error and changes nothing', async () => {
    const store = await populated();
    const file = await createBackup(store, 'right password', settings);
    const before = sorted(store.snapshot());
    const empty = await KeyringStore.open(new MemoryBackend());
    await assert.rejects(restoreBackup(store, file, 'wrong password'), (e) => isLockpaneError(e, 'wrong-passphrase'));
    await assert.rejects(readBackup(file, 'wrong password'), (e) => isLockpaneError(e, 'wrong-passphrase') && /password/.test(e.message));
    assert.deepEqual(sorted(store.snapshot()), before);
    await assert.rejects(restoreBackup(empty, file, ''), (e) => isLockpaneError(e));
    assert.equal(empty.size, 0);
  });

  it('a storage failure during restore changes nothing (one atomic write)', async () => {
    const file = await createBackup(await populated(), 'pw', settings);
    const backend = new FaultBackend(new MemoryBackend());
    const store = await KeyringStore.open(backend, { minKdfIterations: ITER });
    const only = await makePgpKey('Kept', 'kept@example.org');
    await store.importEntry(await openPgpEntryFromKey((await readOpenPgpKeys(only.publicArmored))[0]!), 'user-import');
    const before = sorted(store.snapshot());
    backend.plan.failWrites = 1;
    await assert.rejects(restoreBackup(store, file, 'pw'), (e) => isLockpaneError(e, 'internal'));
    assert.deepEqual(sorted(store.snapshot()), before);
    assert.deepEqual(sorted((await KeyringStore.open(backend, { minKdfIterations: ITER })).snapshot()), before);
    await restoreBackup(store, file, 'pw');
    assert.equal(store.size, 5);
  });

  it('a damaged file is refused and changes nothing', async () => {
    const store = await populated();
    const file = await createBackup(store, 'pw');
    const msg = await openpgp.readMessage({ armoredMessage: file });
    const bytes = msg.write() as Uint8Array;
    const at = bytes.length - 30;
    bytes[at] = bytes[at]! ^ 0x01;
    const damaged = openpgp.armor(openpgp.enums.armor.message, bytes);
    const before = sorted(store.snapshot());
    await assert.rejects(restoreBackup(store, damaged, 'pw'), (e) => isLockpaneError(e) && !isLockpaneError(e, 'wrong-passphrase'));
    await assert.rejects(restoreBackup(store, 'not a backup at all', 'pw'), (e) => isLockpaneError(e));
    assert.deepEqual(sorted(store.snapshot()), before);
  });

  it('fingerprints are recomputed on restore: a record holding another key is refused (A4.4)', async () => {
    const store = await populated();
    const a = await makePgpKey('A', 'a@example.org');
    const b = await makePgpKey('B', 'b@example.org');
    const entryA = await openPgpEntryFromKey((await readOpenPgpKeys(a.publicArmored))[0]!);
    const forged = { ...entryA, publicArmored: b.publicArmored };
    const json = JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), keyring: { entries: [forged], trust: [], conflicts: [], roots: [] }, settings: null });
    const file = await encrypt({ data: new TextEncoder().encode(json), passwords: ['pw'], armor: true });
    const before = sorted(store.snapshot());
    await assert.rejects(restoreBackup(store, file as string, 'pw'), (e) => isLockpaneError(e, 'key-invalid') && e.message.includes(b.fingerprint));
    assert.deepEqual(sorted(store.snapshot()), before);
  });

  it('GnuPG and Sequoia can open the backup with the password (it is a standard OpenPGP message)', async (t) => {
    if (!requirePeer(t, 'gpg', 'sqop')) return;
    const store = await populated();
    const file = await createBackup(store, 'correct horse battery staple', settings);
    const dir = mkdtempSync(path.join(tmpdir(), 'lp-backup-'));
    try {
      const home = path.join(dir, 'gnupg');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(home, { mode: 0o700 });
      const g = await runCommand('gpg', ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase', 'correct horse battery staple', '--status-fd', '2', '--decrypt'], file);
      assert.equal(g.code, 0, g.stderr);
      assert.match(g.stderr, /DECRYPTION_OKAY/);
      const fromGpg = JSON.parse(g.stdout.toString('utf8')) as { keyring: KeyringSnapshot; settings: unknown };
      assert.deepEqual(sorted(fromGpg.keyring), sorted(store.snapshot()));
      assert.deepEqual(fromGpg.settings, settings);
      const bad = await runCommand('gpg', ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase', 'nope', '--decrypt'], file);
      assert.notEqual(bad.code, 0);
      assert.equal(bad.stdout.length, 0);
      await runCommand('gpgconf', ['--homedir', home, '--kill', 'all']);

      writeFileSync(path.join(dir, 'pw'), 'correct horse battery staple');
      const s = await runCommand('sqop', ['decrypt', '--with-password', path.join(dir, 'pw')], file);
      assert.equal(s.code, 0, s.stderr);
      assert.deepEqual(JSON.parse(s.stdout.toString('utf8')), JSON.parse(g.stdout.toString('utf8')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a wrong backup password that gets past the session key', () => {
  it('is still "the backup password is wrong", not an internal or integrity error', async () => {
    const file = readFileSync(path.join(__dirname, 'fixtures/empty-backup-typo-59.asc'), 'utf8');
    assert.deepEqual((await readBackup(file, 'backup password')).settings, { note: 'fixture' });
    await assert.rejects(readBackup(file, 'typo 59'), (e: unknown) => isLockpaneError(e, 'wrong-passphrase'));
  });
});
