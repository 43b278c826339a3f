import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLockpaneError } from '../errors';
import { FaultBackend } from '../testing/fault-backend';
import { MemoryBackend } from '../testing/memory-backend';
import { KeyringStore } from './keyring-store';
import { openPgpEntryFromKey, protectSecretKey, readOpenPgpKeys } from './facts-openpgp';
import { certificateEntryFrom } from './facts-x509';
import { protectPkcs8, unprotectPkcs8 } from './private-key-envelope';
import { makeCertificate, makePgpKey } from '../testing/identities';
import type { CertificateEntry, OpenPgpEntry } from './entry';

const ITER = 1000; // test KDF cost; production default is 600,000

async function pgpEntry(name: string, email: string, passphrase?: string): Promise<OpenPgpEntry> {
  const k = await makePgpKey(name, email, passphrase !== undefined ? { passphrase } : {});
  const [key] = await readOpenPgpKeys(passphrase !== undefined ? k.privateArmored : k.publicArmored);
  return openPgpEntryFromKey(key!);
}

describe('KeyringStore basics', () => {
  it('stores OpenPGP keys and certificates, indexes them by fingerprint and email, and persists them', async () => {
    const backend = new MemoryBackend();
    const store = await KeyringStore.open(backend, { minKdfIterations: ITER });
    const alice = await pgpEntry('Alice', 'Alice@Example.org', 'alice-pass');
    const cert = await makeCertificate({ cn: 'Alice', email: 'alice@example.org' });
    const certEntry = await certificateEntryFrom(cert.pem);
    certEntry.privateKey = await protectPkcs8(cert.pkcs8, 'alice-pass', { fingerprint: certEntry.fingerprint, iterations: ITER });
    await store.putEntry(alice);
    await store.putEntry(certEntry);

    assert.equal(store.getOpenPgp(alice.fingerprint.toLowerCase())?.fingerprint, alice.fingerprint);
    assert.deepEqual(store.findByEmail('ALICE@example.org').map((e) => e.kind).sort(), ['openpgp', 'x509']);
    assert.deepEqual(store.findByEmail('nobody@example.org'), []);

    // A second store over the same storage (a restarted worker) sees exactly the same.
    const again = await KeyringStore.open(backend, { minKdfIterations: ITER });
    assert.deepEqual(again.list().sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)), store.list().sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)));
    const stored = again.getCertificate(certEntry.fingerprint)!;
    assert.deepEqual(await unprotectPkcs8(stored.privateKey!, 'alice-pass', stored.fingerprint), cert.pkcs8);
    assert.equal(again.health().ok, true);
  });

  it('refuses an unprotected OpenPGP secret key, and accepts it once protected', async () => {
    const store = await KeyringStore.open(new MemoryBackend());
    const k = await makePgpKey('Bob', 'bob@example.org');
    const [unprotected] = await readOpenPgpKeys(k.privateArmored);
    await assert.rejects(openPgpEntryFromKey(unprotected!), (e) => isLockpaneError(e, 'key-invalid'));
    // Smuggling the plain secret key into a hand-built entry is refused by the store too.
    const pub = await openPgpEntryFromKey((await readOpenPgpKeys(k.publicArmored))[0]!);
    await assert.rejects(store.putEntry({ ...pub, privateArmored: k.privateArmored }), (e) => isLockpaneError(e, 'key-invalid'));
    assert.equal(store.size, 0);

    const locked = await protectSecretKey(k.privateArmored, 'bob-pass');
    const entry = await openPgpEntryFromKey((await readOpenPgpKeys(locked))[0]!);
    await store.putEntry(entry);
    const [back] = await readOpenPgpKeys(store.getOpenPgp(k.fingerprint)!.privateArmored!);
    const { decryptKey } = await import('openpgp');
    await assert.rejects(decryptKey({ privateKey: back as never, passphrase: 'wrong' }));
    const unlocked = await decryptKey({ privateKey: back as never, passphrase: 'bob-pass' });
    assert.equal(unlocked.isDecrypted(), true);
  });

  it('refuses a certificate private key that is not in a passphrase envelope', async () => {
    const store = await KeyringStore.open(new MemoryBackend(), { minKdfIterations: ITER });
    const cert = await makeCertificate({ cn: 'Carol', email: 'carol@example.org' });
    const entry = await certificateEntryFrom(cert.pem);
    const plain = { ...entry, privateKey: { format: 'pkcs8', der: Buffer.from(cert.pkcs8).toString('base64') } } as unknown as CertificateEntry;
    await assert.rejects(store.putEntry(plain), (e) => isLockpaneError(e, 'key-invalid'));
    const weak = { ...entry, privateKey: await protectPkcs8(cert.pkcs8, 'pw', { fingerprint: entry.fingerprint, iterations: 10 }) };
    await assert.rejects(store.putEntry(weak), (e) => isLockpaneError(e, 'key-invalid') && /iterations/.test(e.message));
    assert.equal(store.size, 0);
  });

  it('private-key envelope: wrong passphrase and an envelope moved to another certificate both fail', async () => {
    const cert = await makeCertificate({ cn: 'Dave', email: 'dave@example.org' });
    const env = await protectPkcs8(cert.pkcs8, 'right', { fingerprint: 'AA'.repeat(32), iterations: ITER });
    assert.equal(env.kdf.iterations, ITER);
    assert.deepEqual(await unprotectPkcs8(env, 'right', 'AA'.repeat(32)), cert.pkcs8);
    await assert.rejects(unprotectPkcs8(env, 'wrong', 'AA'.repeat(32)), (e) => isLockpaneError(e, 'wrong-passphrase'));
    await assert.rejects(unprotectPkcs8(env, 'right', 'BB'.repeat(32)), (e) => isLockpaneError(e, 'wrong-passphrase'));
    // The default cost is the documented 600,000 iterations.
    const { DEFAULT_PBKDF2_ITERATIONS } = await import('./private-key-envelope');
    assert.ok(DEFAULT_PBKDF2_ITERATIONS >= 600_000);
  });

  it('an entry whose fingerprint does not match its material is refused', async () => {
    const store = await KeyringStore.open(new MemoryBackend());
    const a = await pgpEntry('Alice', 'alice@example.org');
    const b = await pgpEntry('Bob', 'bob@example.org');
    await assert.rejects(store.putEntry({ ...a, publicArmored: b.publicArmored }), (e) => isLockpaneError(e, 'key-invalid'));
  });

  it('re-importing the public copy of a key never drops its private part', async () => {
    const store = await KeyringStore.open(new MemoryBackend());
    const k = await makePgpKey('Erin', 'erin@example.org', { passphrase: 'pw' });
    await store.putEntry(await openPgpEntryFromKey((await readOpenPgpKeys(k.privateArmored))[0]!));
    await store.putEntry(await openPgpEntryFromKey((await readOpenPgpKeys(k.publicArmored))[0]!));
    assert.ok(store.getOpenPgp(k.fingerprint)?.privateArmored?.includes('PRIVATE KEY BLOCK'));
  });

  it('a failed storage write changes nothing, in storage or in memory', async () => {
    const backend = new FaultBackend(new MemoryBackend());
    const store = await KeyringStore.open(backend);
    const a = await pgpEntry('Alice', 'alice@example.org');
    backend.plan.failWrites = 1;
    await assert.rejects(store.putEntry(a), (e) => isLockpaneError(e, 'internal'));
    assert.equal(store.size, 0);
    assert.equal((await KeyringStore.open(backend)).size, 0);
    await store.putEntry(a);
    assert.equal((await KeyringStore.open(backend)).size, 1);
  });
});
