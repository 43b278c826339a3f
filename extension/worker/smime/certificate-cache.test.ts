/** The certificate caches parse each stored certificate once, follow the keyring's changes, and give back the parsed fields. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it, type TestContext } from 'node:test';
import { parseCertificate, type Certificate } from '../../../keyring/smime';
import { certificateDer } from '../../../keyring/store/facts-x509';
import { TestPki } from '../../../keyring/testing/openssl-pki';
import { requirePeer } from '../../../keyring/testing/peers';
import { createCertificateSet, createDerMemo } from './certificate-cache';

it('a certificate set parses a PEM once, drops what the keyring no longer holds, and keeps the order asked', (t: TestContext) => {
  if (!requirePeer(t, 'openssl')) return;
  const one = new TestPki('Cache CA One');
  const two = new TestPki('Cache CA Two');
  try {
    const [a, b] = [readFileSync(one.caCrt, 'utf8'), readFileSync(two.caCrt, 'utf8')];
    const parsed: string[] = [];
    const set = createCertificateSet((pem) => { parsed.push(pem); return parseCertificate(certificateDer(pem)); });
    const first = set.all([a, b]);
    assert.deepEqual(first.map((c) => c.subject), ['CN=Cache CA One,O=Lockpane Tests', 'CN=Cache CA Two,O=Lockpane Tests']);
    assert.equal(parsed.length, 2);
    const again = set.all([b, a]);
    assert.equal(parsed.length, 2, 'nothing parsed again');
    assert.equal(again[0], first[1]);
    set.all([a]);
    set.all([a, b]);
    assert.equal(parsed.length, 3, 'b was dropped when the keyring no longer held it, so it is parsed again');
    assert.throws(() => set.all(['not a certificate']), /certificate|PEM|no certificate/i);
  } finally {
    one.cleanup();
    two.cleanup();
  }
});

it('the DER memo parses a buffer once and tells buffers apart by identity, not by content', (t: TestContext) => {
  if (!requirePeer(t, 'openssl')) return;
  const pki = new TestPki('Memo CA');
  try {
    const der = certificateDer(readFileSync(pki.caCrt, 'utf8'));
    let calls = 0;
    const memo = createDerMemo((d): Certificate => { calls += 1; return parseCertificate(d); });
    assert.equal(memo(der), memo(der));
    assert.equal(calls, 1);
    memo(der.slice());
    assert.equal(calls, 2);
  } finally {
    pki.cleanup();
  }
});
