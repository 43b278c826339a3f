import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { makeCertificate } from '../../../keyring/testing/identities';
import type { PageContext } from '../../shared/sender';
import { createKeyringService } from '../keyring/service';
import { memoryArea } from '../kv';
import type { Services } from '../services';
import { certificateDetailHandlers } from './certificate-details';

const page = { cls: 'page' } as PageContext;

async function setUp() {
  const keyring = createKeyringService(new MemoryBackend(), memoryArea());
  const root = await makeCertificate({ cn: 'Clinic Root CA', ca: true });
  const sub = await makeCertificate({ cn: 'Clinic Mail CA', ca: true, issuer: root });
  const leaf = await makeCertificate({ cn: 'Dr Bea', email: 'bea@clinic.example', issuer: sub, emailProtection: true });
  await keyring.import({ text: sub.pem }, 'user');
  const [imported] = await keyring.import({ text: leaf.pem }, 'user');
  const h = certificateDetailHandlers({ keyring } as unknown as Services);
  return { keyring, h, root, fingerprint: imported!.key.fingerprint };
}

test('without the root in the trust store: untrusted, path as far as the keyring knows', async () => {
  const { h, fingerprint } = await setUp();
  const d = await h['keys.certificateDetails']({ fingerprint }, page);
  assert.match(d.issuer, /Clinic Mail CA/);
  assert.equal(d.chain?.status, 'untrusted');
  assert.deepEqual(d.path.map((p) => [/Dr Bea|Mail CA/.exec(p.subject)?.[0], p.anchor]), [['Dr Bea', false], ['Mail CA', false]]);
});

test('with the root trusted: valid, path leaf → intermediate → anchor', async () => {
  const { keyring, h, root, fingerprint } = await setUp();
  await (await keyring.store()).addUserRoot(root.pem);
  const d = await h['keys.certificateDetails']({ fingerprint }, page);
  assert.equal(d.chain?.status, 'valid');
  assert.equal(d.path.length, 3);
  assert.match(d.path[2]!.subject, /Clinic Root CA/);
  assert.equal(d.path[2]!.anchor, true);
  assert.ok(d.keyUsage?.includes('digitalSignature'));
});

test('an unknown fingerprint is not-found', async () => {
  const { h } = await setUp();
  await assert.rejects(h['keys.certificateDetails']({ fingerprint: 'AB'.repeat(32) }, page), (e: { code?: string }) => e.code === 'not-found');
});
