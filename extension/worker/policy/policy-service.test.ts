import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryArea } from '../kv';
import { createPolicyService } from './policy-service';
import { validatePolicy } from './validate-policy';

test('validation keeps valid entries and turns every invalid one into a warning', () => {
  const v = validatePolicy({
    allowPrivateKeyExport: false, defaultProtocol: 'pgp', enabledSites: ['https://mail.example', 'not an origin'],
    keyDiscovery: { wkd: false }, surprise: 1,
  });
  assert.deepEqual(v.policy, { allowPrivateKeyExport: false, enabledSites: ['https://mail.example'], keyDiscovery: { wkd: false, keyServers: ['https://keys.openpgp.org'] } });
  assert.deepEqual(v.keys, ['allowPrivateKeyExport', 'defaultProtocol', 'enabledSites', 'keyDiscovery', 'surprise']);
  assert.deepEqual(v.warnings.map((w) => w.key), ['defaultProtocol', 'enabledSites', 'surprise']);
  assert.match(v.warnings[1]!.problem, /enabledSites\[1\]: expected a web origin/);
});

test('a managed area that throws (Firefox without a policy) means no policy', async () => {
  const p = createPolicyService(async () => { throw new Error('Managed storage manifest not found'); }, memoryArea());
  assert.deepEqual((await p.current()).policy, {});
});

test('Chrome\'s empty start-up answer does not lift the last policy until the grace period ends or a change arrives', async () => {
  const local = memoryArea();
  let managed: Record<string, unknown> = { allowPrivateKeyExport: false };
  let clock = 1_000;
  const first = createPolicyService(async () => managed, local, { now: () => clock, graceMs: 10_000 });
  assert.deepEqual((await first.current()).policy, { allowPrivateKeyExport: false });
  assert.equal((await first.current()).provisional, false);

  // Browser restart: the managed area answers {} for a few seconds.
  managed = {};
  const restarted = createPolicyService(async () => managed, local, { now: () => clock, graceMs: 10_000 });
  const early = await restarted.current();
  assert.deepEqual(early.policy, { allowPrivateKeyExport: false });
  assert.equal(early.provisional, true);
  assert.equal(restarted.provisionalUntil(), 11_000);
  // The values arrive (storage.onChanged): definitive.
  managed = { allowPrivateKeyExport: false, signByDefault: false };
  const seen: unknown[] = [];
  restarted.onChange((s) => seen.push(s.policy));
  assert.deepEqual((await restarted.reload()).policy, { allowPrivateKeyExport: false, signByDefault: false });
  assert.equal(seen.length, 1);

  // Policy removed while the browser was closed: lifted once the grace period has passed.
  managed = {};
  const again = createPolicyService(async () => managed, local, { now: () => clock, graceMs: 10_000 });
  assert.equal((await again.current()).provisional, true);
  clock += 10_001;
  const later = await again.current();
  assert.deepEqual(later.policy, {});
  assert.equal(later.provisional, false);
  assert.equal(await local.get('policy.lastKnown'), undefined);
});
