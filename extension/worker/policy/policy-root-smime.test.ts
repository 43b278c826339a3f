/**
 * A root installed by policy is really trusted: a message OpenSSL signs with a certificate issued under
 * it verifies against the trust store's roots once the policy applies, and no longer after the policy
 * drops the root.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as sm from '../../../keyring/smime';
import { certificateDer } from '../../../keyring/store/facts-x509';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { requirePeer } from '../../../keyring/testing/peers';
import { TestPki } from '../../../keyring/testing/openssl-pki';
import { memoryArea } from '../kv';
import { createServices } from '../services';

let pki: TestPki | null = null;
after(() => pki?.cleanup());

test('an OpenSSL-signed message under a policy root verifies; without the policy it does not', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  pki = new TestPki('Policy Org Root');
  const bob = pki.user('bob', { email: 'bob@org.example' });
  pki.write('part.txt', 'Content-Type: text/plain\r\n\r\nSigned under the organisation root.\r\n');
  const signed = new Uint8Array(pki.openssl(['cms', '-sign', '-nodetach', '-in', 'part.txt', '-signer', bob.crt, '-inkey', bob.key, '-md', 'sha256']));

  let managed: Record<string, unknown> = { trustedRootCertificates: [pki.read('ca.crt').toString()] };
  const services = createServices({
    local: memoryArea(), session: memoryArea(), version: 't', keyringBackend: new MemoryBackend(), toContent: async () => undefined,
    registrar: { hasHostPermission: async () => false, registerContentScript: async () => {}, unregisterContentScript: async () => {} },
    readManaged: async () => managed,
  });
  const verify = async () => {
    const roots = (await services.keyring.store()).roots().map((r) => sm.parseCertificate(certificateDer(r.certificatePem)));
    return sm.verifyMessage(signed, { trustRoots: roots, email: 'bob@org.example' });
  };

  await services.policyApplier.apply();
  const trusted = await verify();
  assert.equal(trusted.fullyVerified, true, JSON.stringify(trusted.signers.map((s) => s.problems)));
  assert.match(new TextDecoder().decode(trusted.content), /Signed under the organisation root\./);

  managed = {};
  await services.policy.reload();
  await services.policyApplier.apply();
  assert.equal((await verify()).signers[0]!.status, 'untrusted-chain');
});
