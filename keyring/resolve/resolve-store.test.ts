import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MemoryBackend } from '../testing/memory-backend';
import { KeyringStore } from '../store/keyring-store';
import { openPgpEntryFromKey, readOpenPgpKeys } from '../store/facts-openpgp';
import { makePgpKey } from '../testing/identities';
import { resolveContextOf } from './context';
import { identityView } from './identity';
import { resolveRecipients } from './recipients';

it('resolution over a real keyring: TOFU import, a pushed key change, an expired key and a sign-only key', async () => {
  const store = await KeyringStore.open(new MemoryBackend());
  const entry = async (k: { publicArmored: string }) => openPgpEntryFromKey((await readOpenPgpKeys(k.publicArmored))[0]!);
  const me = await makePgpKey('Me', 'me@example.org', { passphrase: 'pw' });
  await store.importEntry(await openPgpEntryFromKey((await readOpenPgpKeys(me.privateArmored))[0]!), 'generated');
  const olivia = await entry(await makePgpKey('Olivia', 'olivia@example.org'));
  const pushed = await entry(await makePgpKey('Olivia?', 'olivia@example.org'));
  const old = await entry(await makePgpKey('Peggy', 'peggy@example.org', { date: new Date(Date.now() - 3 * 86_400_000), keyExpirationTime: 86_400 }));
  const signer = await entry(await makePgpKey('Quinn', 'quinn@example.org', { signOnly: true }));
  for (const e of [olivia, old, signer]) await store.importEntry(e, 'user-import');
  await store.importEntry(pushed, 'autocrypt');

  const ctx = resolveContextOf(store, new Map(), new Date());
  assert.equal(identityView('olivia@example.org', ctx).openpgp.encryptTo, olivia.fingerprint);
  assert.equal(identityView('peggy@example.org', ctx).openpgp.reason, 'expired');
  assert.equal(identityView('quinn@example.org', ctx).openpgp.reason, 'no-encryption-capability');

  const r = resolveRecipients({ from: 'me@example.org', to: ['olivia@example.org'], preference: 'smime' }, ctx);
  assert.ok(r.ok);
  assert.deepEqual([r.protocol, r.recipients[0]!.fingerprint, r.self.encryptTo], ['openpgp', olivia.fingerprint, me.fingerprint]);
  const blocked = resolveRecipients({ from: 'me@example.org', to: ['olivia@example.org', 'peggy@example.org'], preference: 'openpgp' }, ctx);
  assert.ok(!blocked.ok);
  assert.deepEqual(blocked.missing, [
    { email: 'olivia@example.org', openpgp: null, smime: 'no-key' },
    { email: 'peggy@example.org', openpgp: 'expired', smime: 'no-key' },
  ]);
});
