import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLockpaneError } from '../errors';
import { parseCertificate } from '../smime/x509/certificate';
import { buildChain } from '../smime/trust/chain';
import { MemoryBackend } from '../testing/memory-backend';
import { KeyringStore } from '../store/keyring-store';
import { certificateEntryFrom } from '../store/facts-x509';
import { makeCertificate } from '../testing/identities';
import { evaluateCertificates, type ChainValidator } from './chain-validator';

/** The S/MIME core's path building, behind the interface the keyring calls (what the worker will inject). */
const smimeCoreValidator: ChainValidator = {
  async validateChain(der, { roots, intermediates, now }) {
    const r = await buildChain(parseCertificate(der), intermediates.map((d) => parseCertificate(d)), roots.map((d) => parseCertificate(d)));
    if (r.status === 'unsupported-algorithm') return { status: 'unsupported', detail: r.reason ?? '' };
    if (r.status !== 'trusted') return { status: 'untrusted', detail: r.reason ?? '' };
    if (r.expiredAt(now)) return { status: 'expired', detail: 'a certificate of the path is not valid now' };
    return { status: 'valid', anchor: '' };
  },
};

describe('X.509 trust store', () => {
  it('holds user roots and locked policy roots as data; policy roots cannot be removed by the user', async () => {
    const backend = new MemoryBackend();
    const store = await KeyringStore.open(backend);
    const userRoot = await makeCertificate({ cn: 'My Root', ca: true });
    const orgRoot = await makeCertificate({ cn: 'Org Root', ca: true });
    const org2 = await makeCertificate({ cn: 'Org Root 2', ca: true });
    const added = await store.addUserRoot(userRoot.pem);
    assert.deepEqual([added.source, added.locked, added.subject], ['user', false, 'CN=My Root']);
    await store.setPolicyRoots([orgRoot.der, org2.pem]);
    const policy = store.roots().filter((r) => r.source === 'policy');
    assert.equal(policy.length, 2);
    assert.ok(policy.every((r) => r.locked));
    await assert.rejects(store.removeRoot(policy[0]!.fingerprint), (e) => isLockpaneError(e, 'unsupported-option'));
    // A new policy replaces the old policy roots and leaves the user's alone.
    await store.setPolicyRoots([org2.der]);
    const reopened = await KeyringStore.open(backend);
    assert.deepEqual(reopened.roots().map((r) => r.subject).sort(), ['CN=My Root', 'CN=Org Root 2']);
    await reopened.removeRoot(added.fingerprint);
    assert.deepEqual(reopened.roots().map((r) => r.subject), ['CN=Org Root 2']);
    // Backups carry user roots only: policy roots come from policy.
    assert.deepEqual(reopened.snapshot().roots, []);
  });

  it('chain status comes from the injected validator, fed with the trust store roots and keyring intermediates', async () => {
    const store = await KeyringStore.open(new MemoryBackend());
    const root = await makeCertificate({ cn: 'Root CA', ca: true });
    const inter = await makeCertificate({ cn: 'Mail CA', ca: true, issuer: root });
    const leaf = await makeCertificate({ cn: 'Leo', email: 'leo@example.org', issuer: inter });
    const stranger = await makeCertificate({ cn: 'Mallory', email: 'mallory@example.org' });
    for (const c of [inter, leaf, stranger]) await store.putEntry(await certificateEntryFrom(c.pem));
    const certs = () => store.list().filter((e) => e.kind === 'x509');
    const now = new Date();

    let status = await evaluateCertificates(certs() as never, store.roots(), smimeCoreValidator, now);
    assert.equal(status.size, 2, 'CA certificates are intermediates, not recipients');
    assert.ok([...status.values()].every((s) => s.status === 'untrusted'));

    await store.addUserRoot(root.der);
    status = await evaluateCertificates(certs() as never, store.roots(), smimeCoreValidator, now);
    const leafFp = (await certificateEntryFrom(leaf.pem)).fingerprint;
    assert.equal(status.get(leafFp)?.status, 'valid');
    assert.equal(status.get((await certificateEntryFrom(stranger.pem)).fingerprint)?.status, 'untrusted');
    const later = await evaluateCertificates(certs() as never, store.roots(), smimeCoreValidator, new Date(Date.now() + 5 * 365 * 86_400_000));
    assert.equal(later.get(leafFp)?.status, 'expired');
  });
});
