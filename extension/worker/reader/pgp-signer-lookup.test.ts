/**
 * Opening a message parses only its signer's key: the keyring's other keys are never read, a second
 * open reuses the parsed key, an updated key is parsed again, and a signer not in the keyring is
 * reported as unknown. Counted through the keyring's injected key parser, not timed.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { encrypt, generateKey, readKey, signCleartext, sign, type PgpKey, type PgpPrivateKey } from '../../../keyring/pgp';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { createKeyringService, type KeyringService } from '../keyring/service';
import { memoryArea } from '../kv';
import { openPgp, pgpContext, readCleartext, verifyDetached } from './pgp-open';

type Person = { pub: string; priv: PgpPrivateKey; fingerprint: string };

async function person(name: string): Promise<Person> {
  const g = await generateKey({ userIDs: [{ name, email: `${name.toLowerCase()}@example.test` }], algorithm: 'curve25519' });
  const priv = await readKey(g.privateKeyArmored) as PgpPrivateKey;
  return { pub: g.publicKeyArmored, priv, fingerprint: priv.getFingerprint().toUpperCase() };
}

const OTHERS = 12;
const parsed: string[] = [];
let keyring: KeyringService;
let bobPub: PgpKey;
let alice: Person;
let mallory: Person;
let others: Person[];

before(async () => {
  const parseKey = (armored: string) => { parsed.push(armored); return readKey(armored); };
  keyring = createKeyringService(new MemoryBackend(), memoryArea(), { parseKey });
  const { key } = await keyring.generate({ name: 'Bob', email: 'bob@example.test', passphrase: 'bob passphrase', algorithm: 'curve25519' });
  await keyring.unlock(key.fingerprint, 'bob passphrase');
  bobPub = await readKey(await keyring.exportPublic(key.fingerprint));
  alice = await person('Alice');
  mallory = await person('Mallory');
  others = await Promise.all(Array.from({ length: OTHERS }, (_, i) => person(`Other${i}`)));
  for (const p of [alice, ...others]) await keyring.import({ text: p.pub }, 'mail');
  parsed.length = 0;
});

const signedBy = async (p: Person, text: string) => encrypt({ data: text, encryptionKeys: [bobPub], signingKeys: [p.priv], encryptToSigners: false });

describe('signer keys are looked up, not the whole keyring parsed', () => {
  it('encrypted+signed: only the signer is parsed, the signature is good, and a second open parses nothing', async () => {
    const message = await signedBy(alice, 'hello from alice') as string;
    const opened = await openPgp(message, await pgpContext(keyring, 'alice@example.test'));
    assert.equal(opened.state, 'ok');
    if (opened.state !== 'ok') return;
    assert.equal(new TextDecoder().decode(opened.data), 'hello from alice');
    assert.equal(opened.signatures.length, 1);
    assert.equal(opened.signatures[0]!.status, 'valid');
    assert.equal(opened.signatures[0]!.fingerprint, alice.fingerprint);
    assert.deepEqual(parsed, [(await keyring.store()).getOpenPgp(alice.fingerprint)!.publicArmored], 'the one key parsed is the signer\'s');

    const again = await openPgp(await signedBy(alice, 'second') as string, await pgpContext(keyring, 'alice@example.test'));
    assert.equal(again.state === 'ok' && again.signatures[0]!.status, 'valid');
    assert.equal(parsed.length, 1, 'the parsed key is reused');
  });

  it('a signer not in the keyring: unknown signer, and no key is parsed', async () => {
    parsed.length = 0;
    const opened = await openPgp(await signedBy(mallory, 'from mallory') as string, await pgpContext(keyring, 'mallory@example.test'));
    assert.equal(opened.state, 'ok');
    if (opened.state !== 'ok') return;
    assert.equal(new TextDecoder().decode(opened.data), 'from mallory');
    assert.equal(opened.signatures[0]!.status, 'unknown-signer');
    assert.equal(opened.signatures[0]!.fingerprint, null);
    assert.deepEqual(parsed, []);
  });

  it('cleartext and detached signatures parse only their signer too', async () => {
    parsed.length = 0;
    const signer = others[3]!;
    const cleartext = await signCleartext({ text: 'plain words', signingKeys: [signer.priv] });
    const shown = await readCleartext(cleartext, await pgpContext(keyring, undefined));
    assert.equal(shown.signatures[0]!.status, 'valid');
    assert.equal(shown.signatures[0]!.fingerprint, signer.fingerprint);
    const data = new TextEncoder().encode('attached bytes');
    const detached = await sign({ data, signingKeys: [signer.priv], armor: false }) as Uint8Array;
    const v = await verifyDetached([data], detached, await pgpContext(keyring, undefined));
    assert.equal(v.signatures[0]!.status, 'valid');
    assert.equal(parsed.length, 1, 'one parse for both, of the signer\'s key');
    const tampered = await verifyDetached([new TextEncoder().encode('other bytes')], detached, await pgpContext(keyring, undefined));
    assert.equal(tampered.signatures[0]!.status, 'invalid');
  });

  it('a key removed from the store is no longer found; re-imported, it is parsed again', async () => {
    await keyring.remove('openpgp', alice.fingerprint);
    parsed.length = 0;
    const gone = await openPgp(await signedBy(alice, 'after removal') as string, await pgpContext(keyring, undefined));
    assert.equal(gone.state === 'ok' && gone.signatures[0]!.status, 'unknown-signer');
    await keyring.import({ text: alice.pub }, 'mail');
    const back = await openPgp(await signedBy(alice, 'back again') as string, await pgpContext(keyring, undefined));
    assert.equal(back.state === 'ok' && back.signatures[0]!.status, 'valid');
    assert.equal(parsed.length <= 1, true, 'at most the one signer key');
  });
});
