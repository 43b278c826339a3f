import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLockpaneError } from '../errors';
import { MemoryBackend } from '../testing/memory-backend';
import { KeyringStore } from '../store/keyring-store';
import { makeCertificate, makePgpKey } from '../testing/identities';
import { certificatesFromSignature, keysFromAttachment } from './mail-material';

describe('keys and certificates arriving with mail', () => {
  it('an attached key file offers every public key in it, never a secret part', async () => {
    const a = await makePgpKey('Tom', 'tom@example.org');
    const b = await makePgpKey('Uma', 'uma@example.org');
    const file = new TextEncoder().encode(`${a.publicArmored}\n${b.privateArmored}`);
    const found = await keysFromAttachment(file, 'keys.asc');
    assert.deepEqual(found.map((c) => [c.source, c.origin, c.entry.fingerprint]), [['attachment', 'keys.asc', a.fingerprint], ['attachment', 'keys.asc', b.fingerprint]]);
    assert.ok(found.every((c) => c.entry.privateArmored === undefined));
    await assert.rejects(keysFromAttachment(new Uint8Array(2 * 1024 * 1024), 'big.asc'), (e) => isLockpaneError(e, 'too-large'));
    await assert.rejects(keysFromAttachment(new TextEncoder().encode('hello'), 'note.asc'), (e) => isLockpaneError(e));
  });

  it('certificates from a signature become candidates, flagged when they do not bind the sender', async () => {
    const ca = await makeCertificate({ cn: 'Mail CA', ca: true });
    const vera = await makeCertificate({ cn: 'Vera', email: 'vera@example.org', issuer: ca });
    const found = await certificatesFromSignature([vera.der, ca.der, vera.der], 'Vera@example.org');
    assert.deepEqual(found.map((c) => [c.entry.facts.subject, c.matchesSender]), [['CN=Vera', true], ['CN=Mail CA', false]]);
    const spoof = await certificatesFromSignature([vera.der], 'walter@example.org');
    assert.equal(spoof[0]!.matchesSender, false);
    const store = await KeyringStore.open(new MemoryBackend());
    for (const c of found) await store.importEntry(c.entry, c.source);
    assert.equal(store.findByEmail('vera@example.org')[0]?.kind, 'x509');
  });
});
