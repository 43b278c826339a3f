/**
 * Key summaries take their certificate path verdicts from the S/MIME service's one cached evaluation (wired
 * as the worker does): listing twice validates each chain once, recipient resolution reuses it, a new
 * root is seen at once, and an import preview still gets a verdict for a certificate not stored yet.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { makeCertificate } from '../../../keyring/testing/identities';
import type { ChainValidator } from '../../../keyring/trust/chain-validator';
import { memoryArea } from '../kv';
import { smimeChainValidator } from '../smime/chain-validator';
import { createSmimeService, type SmimeService } from '../smime/smime-service';
import { createKeyringService } from './service';

test('certificate summaries and recipient resolution share one chain evaluation', async () => {
  let validations = 0;
  const counting: ChainValidator = { validateChain: (der, opts) => { validations++; return smimeChainValidator.validateChain(der, opts); } };
  let smime: SmimeService | null = null;
  const keyring = createKeyringService(new MemoryBackend(), memoryArea(), { chains: (certs) => smime!.chainStatusesOf(certs) });
  smime = createSmimeService(keyring, memoryArea(), counting);

  const root = await makeCertificate({ cn: 'Clinic Root CA', ca: true });
  const bea = await makeCertificate({ cn: 'Dr Bea', email: 'bea@clinic.example', issuer: root, emailProtection: true });
  const cid = await makeCertificate({ cn: 'Dr Cid', email: 'cid@clinic.example', issuer: root, emailProtection: true });
  const beaKey = (await keyring.import({ text: bea.pem }, 'user'))[0]!.key;

  assert.deepEqual((await keyring.list()).map((k) => [k.emails[0], k.chain]), [['bea@clinic.example', 'untrusted']]);
  assert.equal(validations, 1);
  await keyring.list();
  await smime.chainStatuses();
  assert.equal(validations, 1, 'a second list and the resolver reuse the cached verdicts');

  // A certificate that is only previewed is evaluated too (and does not disturb the cache).
  const [preview] = await keyring.preview({ text: cid.pem });
  assert.equal(preview?.chain, 'untrusted');
  assert.equal(validations, 2);

  await (await keyring.store()).addUserRoot(root.pem);
  assert.deepEqual((await keyring.list()).map((k) => [k.emails[0], k.chain]), [['bea@clinic.example', 'valid']]);
  assert.equal((await smime.chainStatuses()).get(beaKey.fingerprint)?.status, 'valid');
  assert.equal(validations, 3);
});
