import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decryptKey, generateKey, readPrivateKey, reformatKey } from 'openpgp';
import { readKey } from '../../../keyring/pgp';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { makeCertificate } from '../../../keyring/testing/identities';
import type { PageContext } from '../../shared/sender';
import { createKeyringService } from '../keyring/service';
import { memoryArea } from '../kv';
import { storageAreaBackend, type LockRunner, type StorageAreaLike } from '../storage-area-backend';
import type { Services } from '../services';
import { keyManageHandlers } from './key-manage';
import { trustRootHandlers } from './trust-roots';

const page = { cls: 'page' } as PageContext;

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

/**
 * storage.local shared by two extension contexts (the worker and a second options page, say): every call
 * yields to the event loop first, so the contexts' reads and writes interleave; change events are held back
 * (onChanged promises no timing), so each context learns of the other's writes only from compare-and-set
 * conflicts. One lock serves both, as the Web Lock does every context of the extension's origin.
 */
function sharedLocalArea() {
  const data = new Map<string, unknown>();
  const turn = () => new Promise<void>((r) => setImmediate(r));
  const area: StorageAreaLike = {
    async get(keys) {
      await turn();
      const wanted = keys === null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(wanted.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]));
    },
    async set(items) {
      await turn();
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      await turn();
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
  let tail: Promise<unknown> = Promise.resolve();
  const lock: LockRunner = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  };
  return { area, lock };
}

test('two contexts write at once — a new passphrase in one, a new user ID for the same key in the other, a contact each for one address — and no write is lost', async () => {
  const shared = sharedLocalArea();
  // The first context's writes wait until the second context's first write is stored, so the first context
  // always writes over a change it has not seen (whatever the machine's speed).
  let secondWrote!: () => void;
  const gate = new Promise<void>((r) => { secondWrote = r; });
  let armed = false;
  const gated: LockRunner = async (fn) => { if (armed) await gate; return shared.lock(fn); };
  const context = (lock: LockRunner) => {
    const keyring = createKeyringService(storageAreaBackend(shared.area, lock), memoryArea());
    return { keyring, h: keyManageHandlers({ keyring } as unknown as Services) };
  };
  const setUp = context(shared.lock);
  const { key } = await setUp.keyring.generate({ name: 'Ada', email: 'ada@example.test', passphrase: 'first passphrase', algorithm: 'curve25519' });
  // Ada's key with a second user ID, as she might have added on another computer (same fingerprint).
  const unlocked = await decryptKey({ privateKey: await readPrivateKey({ armoredKey: await setUp.keyring.exportPrivate(key.fingerprint, 'first passphrase') }), passphrase: 'first passphrase' });
  const { publicKey: withWorkAddress } = await reformatKey({ privateKey: unlocked, userIDs: [{ name: 'Ada', email: 'ada@example.test' }, { name: 'Ada', email: 'ada@work.example' }], format: 'armored' });
  const [tom, uma] = await Promise.all(['Tom', 'Uma'].map((name) => generateKey({ userIDs: [{ name, email: 'lab@example.test' }], format: 'armored' })));
  const a = context(gated);
  const b = context(shared.lock);
  const storeA = await a.keyring.store();
  const storeB = await b.keyring.store();
  assert.equal(storeA.getOpenPgp(key.fingerprint)?.emails.length, 1);
  armed = true;

  await Promise.all([
    (async () => {
      await a.h['keys.changePassphrase']({ fingerprint: key.fingerprint, passphrase: 'first passphrase', newPassphrase: 'second passphrase' }, page);
      await a.keyring.import({ text: tom!.publicKey }, 'user');
    })(),
    (async () => {
      await b.keyring.import({ text: withWorkAddress }, 'user');
      secondWrote();
      await b.keyring.import({ text: uma!.publicKey }, 'user');
    })(),
  ]);
  // What is stored, read by a third context.
  const fresh = await createKeyringService(storageAreaBackend(shared.area, shared.lock), memoryArea()).store();
  const own = fresh.getOpenPgp(key.fingerprint)!;
  assert.deepEqual(own.emails, ['ada@example.test', 'ada@work.example'], 'the new user ID was lost');
  const secret = await readPrivateKey({ armoredKey: own.privateArmored! });
  assert.ok(await decryptKey({ privateKey: secret, passphrase: 'second passphrase' }).then(() => true, () => false), 'the new passphrase was lost');
  assert.deepEqual(fresh.findByEmail('ada@work.example').map((e) => e.fingerprint), [key.fingerprint]);
  assert.equal(fresh.findByEmail('lab@example.test').length, 2, 'a contact import was lost');
  // Both contexts met the other's write (the own key, the lab@ address) and planned again: the race happened.
  assert.ok(storeA.stats.casConflicts >= 1 && storeA.stats.casConflicts + storeB.stats.casConflicts >= 2, JSON.stringify([storeA.stats, storeB.stats]));
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
