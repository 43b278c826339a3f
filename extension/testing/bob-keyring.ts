/**
 * Bob's keyring for reader tests: a fresh OpenPGP key, his S/MIME identity from a PKCS#12, and the test
 * CA as a root he trusts, with key-derivation costs kept low so tests stay fast.
 */
import { readFileSync } from 'node:fs';
import { MemoryBackend } from '../../keyring/testing/memory-backend';
import type { User } from '../../keyring/testing/openssl-pki';
import { createKeyringService } from '../worker/keyring/service';
import { memoryArea } from '../worker/kv';
import { createSmimeService } from '../worker/smime/smime-service';

const iterations = 2000;

export async function bobKeyring(bobCert: User, caCrtPath: string) {
  const keyring = createKeyringService(new MemoryBackend(), memoryArea(), { store: { minKdfIterations: iterations }, envelopeIterations: iterations });
  const smime = createSmimeService(keyring, memoryArea());
  const { key } = await keyring.generate({ name: 'Bob', email: 'bob@example.test', passphrase: 'bob passphrase', algorithm: 'curve25519' });
  await keyring.import({ bytes: readFileSync(bobCert.p12), password: 'test', protectWith: 'bob passphrase' }, 'user');
  await (await keyring.store()).addUserRoot(readFileSync(caCrtPath, 'utf8'));
  return { keyring, smime, fingerprint: key.fingerprint, publicKey: await keyring.exportPublic(key.fingerprint) };
}
