/** The worker's ChainValidator on openssl-made certificates: trusted, untrusted (with reason), expired, through evaluateCertificates. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it, type TestContext } from 'node:test';
import { TestPki } from '../../../keyring/testing/openssl-pki';
import { certificateDer, certificateEntryFrom } from '../../../keyring/store/facts-x509';
import { evaluateCertificates } from '../../../keyring/trust/chain-validator';
import type { TrustRoot } from '../../../keyring/trust/types';
import { requirePeer } from '../../../keyring/testing/peers';
import { smimeChainValidator } from './chain-validator';

it('valid under its root, untrusted under another, expired outside the validity period; CA entries are skipped', async (t: TestContext) => {
  if (!requirePeer(t, 'openssl')) return;
  const pki = new TestPki();
  const other = new TestPki('Unrelated CA');
  try {
    const dana = pki.user('dana');
    const der = certificateDer(readFileSync(dana.crt, 'utf8'));
    const root = certificateDer(readFileSync(pki.caCrt, 'utf8'));
    const now = new Date();
    const ok = await smimeChainValidator.validateChain(der, { roots: [root], intermediates: [], now });
    assert.deepEqual(ok, { status: 'valid', anchor: 'CN=Lockpane Test CA,O=Lockpane Tests' });
    const wrongRoot = await smimeChainValidator.validateChain(der, { roots: [certificateDer(readFileSync(other.caCrt, 'utf8'))], intermediates: [], now });
    assert.equal(wrongRoot.status, 'untrusted');
    assert.ok('detail' in wrongRoot && wrongRoot.detail.length > 0);
    const later = await smimeChainValidator.validateChain(der, { roots: [root], intermediates: [], now: new Date(now.getTime() + 900 * 86_400_000) });
    assert.equal(later.status, 'expired');

    const entries = [await certificateEntryFrom(readFileSync(dana.crt, 'utf8')), await certificateEntryFrom(readFileSync(pki.caCrt, 'utf8'))];
    const roots: TrustRoot[] = [{ fingerprint: entries[1]!.fingerprint, certificatePem: entries[1]!.certificatePem, subject: 'CA', source: 'user', locked: false, addedAt: '' }];
    const statuses = await evaluateCertificates(entries, roots, smimeChainValidator, now);
    assert.deepEqual([...statuses.keys()], [entries[0]!.fingerprint]);
    assert.equal(statuses.get(entries[0]!.fingerprint)?.status, 'valid');
  } finally {
    pki.cleanup();
    other.cleanup();
  }
});
