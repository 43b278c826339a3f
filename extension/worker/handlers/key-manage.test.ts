import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readKey } from '../../../keyring/pgp';
import { MemoryBackend } from '../../../keyring/store/memory-backend';
import { makeCertificate } from '../../../keyring/store/test-identities';
import type { SenderContext } from '../../shared/sender';
import { createKeyringService } from '../keyring/service';
import { memoryArea } from '../kv';
import type { Services } from '../services';
import { keyManageHandlers } from './key-manage';
import { trustRootHandlers } from './trust-roots';

const page = { cls: 'page' } as SenderContext;

async function setUp() {
  const keyring = createKeyringService(new MemoryBackend(), memoryArea());
  const services = { keyring } as unknown as Services;
  const { key } = await keyring.generate({ name: 'Ada', email: 'ada@example.test', passphrase: 'first passphrase', algorithm: 'curve25519' });
  return { keyring, services, fingerprint: key.fingerprint };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'no error';
}

test('changePassphrase: wrong old passphrase changes nothing; afterwards only the new one unlocks', async () => {
  const { keyring, services, fingerprint } = await setUp();
  const h = keyManageHandlers(services);
  assert.equal(await code(h['keys.changePassphrase']({ fingerprint, passphrase: 'wrong one!', newPassphrase: 'second passphrase' }, page)), 'wrong-passphrase');
  await keyring.exportPrivate(fingerprint, 'first passphrase');

  const { key } = await h['keys.changePassphrase']({ fingerprint, passphrase: 'first passphrase', newPassphrase: 'second passphrase' }, page);
  assert.equal(key.fingerprint, fingerprint);
  assert.equal(key.acceptance, 'verified');
  assert.equal(await code(keyring.exportPrivate(fingerprint, 'first passphrase')), 'wrong-passphrase');
  const exported = await keyring.exportPrivate(fingerprint, 'second passphrase');
  assert.equal((await readKey(exported)).getFingerprint().toUpperCase(), fingerprint);
});

test('revoke: needs the passphrase; the stored and exported public key is revoked', async () => {
  const { keyring, services, fingerprint } = await setUp();
  const h = keyManageHandlers(services);
  assert.equal(await code(h['keys.revoke']({ fingerprint, passphrase: 'not it at all' }, page)), 'wrong-passphrase');
  assert.equal((await keyring.list()).find((k) => k.fingerprint === fingerprint)?.revoked, false);

  const r = await h['keys.revoke']({ fingerprint, passphrase: 'first passphrase', reason: 'retired' }, page);
  assert.equal(r.key.revoked, true);
  assert.equal(r.key.canEncrypt, false);
  assert.equal(await (await readKey(r.armored)).isRevoked(), true);
  assert.equal(await (await readKey(await keyring.exportPublic(fingerprint))).isRevoked(), true);
  // The private part is still there, still protected by the same passphrase, and revoked too: a later
  // private export or backup must not bring the key back to life elsewhere.
  const exportedSecret = await readKey(await keyring.exportPrivate(fingerprint, 'first passphrase'));
  assert.equal(exportedSecret.isPrivate(), true);
  assert.equal(await exportedSecret.isRevoked(), true);
});

test('own-key maintenance (expiry, passphrase) rewrites only that entry and leaves contacts alone', async () => {
  const { keyring, services, fingerprint } = await setUp();
  const h = keyManageHandlers(services);
  const store = await keyring.store();
  const { generateKey } = await import('openpgp');
  const other = await generateKey({ userIDs: [{ email: 'bea@example.test' }], format: 'armored' });
  await keyring.import({ text: other.publicKey }, 'user');
  await h['keys.setExpiry']({ fingerprint, passphrase: 'first passphrase', days: 30 }, page);
  await h['keys.changePassphrase']({ fingerprint, passphrase: 'first passphrase', newPassphrase: 'second passphrase' }, page);
  assert.equal(store.findByEmail('bea@example.test').length, 1);
  assert.equal((await keyring.list()).length, 2);
});

test('trust roots: add (PEM and DER), list, remove; not a certificate is bad-data', async () => {
  const { services } = await setUp();
  const h = trustRootHandlers(services);
  const ca = await makeCertificate({ cn: 'Clinic Root CA', ca: true });
  const other = await makeCertificate({ cn: 'Lab Root CA', ca: true });
  const a = await h['trust.addRoot']({ text: ca.pem }, page);
  assert.match(a.root.subject, /Clinic Root CA/);
  assert.equal(a.root.source, 'user');
  await h['trust.addRoot']({ base64: Buffer.from(other.der).toString('base64') }, page);
  assert.equal((await h['trust.roots']({}, page)).roots.length, 2);
  await h['trust.removeRoot']({ fingerprint: a.root.fingerprint }, page);
  const left = (await h['trust.roots']({}, page)).roots;
  assert.deepEqual(left.map((r) => r.subject.includes('Lab Root CA')), [true]);
  assert.notEqual(await code(h['trust.addRoot']({ text: 'hello, not a certificate' }, page)), 'no error');
});

test('setExpiry: new lifetime from now, same fingerprint and passphrase; 0 means no end date; revoked keys refused', async () => {
  const { keyring, services, fingerprint } = await setUp();
  const h = keyManageHandlers(services);
  assert.equal(await code(h['keys.setExpiry']({ fingerprint, passphrase: 'wrong one!', days: 30 }, page)), 'wrong-passphrase');

  const { key } = await h['keys.setExpiry']({ fingerprint, passphrase: 'first passphrase', days: 365 }, page);
  assert.equal(key.fingerprint, fingerprint);
  const days = (Date.parse(key.expires!) - Date.now()) / 86_400_000;
  assert.ok(days > 364 && days <= 365, `expires in ${days} days`);
  assert.equal(key.canEncrypt, true);
  assert.equal(key.acceptance, 'verified');
  const exported = await readKey(await keyring.exportPublic(fingerprint));
  assert.equal(Math.round(((await exported.getExpirationTime()) as Date).getTime() / 1000), Math.round(Date.parse(key.expires!) / 1000));
  await keyring.exportPrivate(fingerprint, 'first passphrase');

  assert.equal((await h['keys.setExpiry']({ fingerprint, passphrase: 'first passphrase', days: 0 }, page)).key.expires, null);
  await h['keys.revoke']({ fingerprint, passphrase: 'first passphrase' }, page);
  assert.equal(await code(h['keys.setExpiry']({ fingerprint, passphrase: 'first passphrase', days: 30 }, page)), 'key-revoked');
  assert.equal((await keyring.list())[0]?.revoked, true);
});
