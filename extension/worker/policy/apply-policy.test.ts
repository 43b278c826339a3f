/**
 * The whole policy path in the worker, on real keys and certificates: the services the worker builds,
 * a fake managed area, the real keyring store over memory, and the real handlers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readKey } from '../../../keyring/pgp';
import { openPgpEntryFromKey } from '../../../keyring/store/facts-openpgp';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { makeCertificate, makePgpKey } from '../../../keyring/testing/identities';
import { ProtocolError } from '../../shared/result';
import { keyHandlers } from '../handlers/keys';
import { settingsPolicyHandlers } from '../handlers/settings-policy';
import { siteHandlers } from '../handlers/sites';
import { memoryArea } from '../kv';
import { createServices } from '../services';
import { contentScriptId, type ScriptRegistrar } from '../sites';
import type { PageContext } from '../../shared/sender';

const page = { cls: 'page', path: '/options.html' } as unknown as PageContext;

async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof ProtocolError && e.code === code);
}

async function setUp(initial: Record<string, unknown>) {
  let managed = initial;
  const registered = new Map<string, string[]>();
  const registrar: ScriptRegistrar = {
    hasHostPermission: async (p) => p.startsWith('https://mail.example/') || p.startsWith('https://other.example/'),
    registerContentScript: async (id, patterns) => void registered.set(id, patterns),
    unregisterContentScript: async (id) => void registered.delete(id),
  };
  const session = memoryArea();
  const services = createServices({
    local: memoryArea(), session, registrar, version: 't', keyringBackend: new MemoryBackend(),
    toContent: async () => undefined, readManaged: async () => managed,
  });
  const h = { ...settingsPolicyHandlers(services), ...keyHandlers(services), ...siteHandlers(services) };
  return {
    services, h, registered, session,
    async change(next: Record<string, unknown>) {
      managed = next;
      await services.policy.reload();
      await services.policyApplier.apply();
    },
  };
}

test('every policy key takes effect, invalid entries become warnings, and a policy change undoes it', async () => {
  const root = await makeCertificate({ cn: 'Example Org Root', ca: true });
  const orgCert = await makeCertificate({ cn: 'Bob', email: 'bob@example.com', issuer: root, emailProtection: true });
  const colleague = await makePgpKey('Carol', 'carol@example.com');
  const own = await makePgpKey('Me', 'me@example.com', { passphrase: 'correct horse' });
  const env = await setUp({
    enabledSites: ['https://mail.example', 'https://blocked.example', 'https://nogrant.example'],
    blockedSites: ['https://*.evil.example', 'https://blocked.example'],
    trustedRootCertificates: [root.pem, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'],
    preinstalledPublicKeys: [colleague.publicArmored, orgCert.pem, own.privateArmored],
    allowPrivateKeyExport: false, allowKeyGeneration: false,
    signByDefault: false, passphraseCacheMinutes: 600, passphraseCacheMaxMinutes: 5,
    requireEncryptionFor: ['example.com'], defaultProtocol: 'pgp', bogus: true,
  });
  const { services, h } = env;
  await services.policyApplier.apply();
  const status = await h['policy.status']({}, page);

  // Roots: the valid one installed as a locked policy root; the broken one is a warning.
  const store = await services.keyring.store();
  assert.deepEqual(store.roots().map((r) => [r.subject, r.source, r.locked]), [[status.roots[0]!.subject, 'policy', true]]);
  assert.match(status.roots[0]!.subject, /Example Org Root/);
  // Pre-installed: the OpenPGP key verified *by policy*, the certificate imported, the private key refused.
  const carol = status.preinstalled.find((p) => p.kind === 'openpgp')!;
  assert.equal(carol.fingerprint, colleague.fingerprint);
  assert.equal(store.trustRecord(colleague.fingerprint)?.acceptance, 'verified');
  assert.equal(store.trustRecord(colleague.fingerprint)?.via, 'policy');
  assert.deepEqual((await h['keys.list']({ query: 'carol@example.com' }, page)).keys.map((k) => [k.acceptance, k.canEncrypt]), [['verified', true]]);
  assert.ok(status.preinstalled.some((p) => p.kind === 'x509' && p.emails.includes('bob@example.com')));
  assert.equal(store.getOpenPgp(own.fingerprint), undefined, 'private key material is never pre-installed');
  const problems = status.warnings.map((w) => w.problem).join('\n');
  assert.match(problems, /^bogus: not a Lockpane policy key/m);
  assert.match(problems, /^defaultProtocol: expected one of openpgp, smime, auto/m);
  assert.match(problems, /trustedRootCertificates\[1\]: not a usable certificate/);
  assert.match(problems, /preinstalledPublicKeys\[2\]: contains private key material/);

  // Settings: locked and effective, with the ceiling applied; changes to locked keys refused.
  const view = await h['settings.get']({}, page);
  assert.deepEqual([...view.locked].sort(), ['allowKeyGeneration', 'allowPrivateKeyExport', 'passphraseCacheMaxMinutes', 'passphraseCacheMinutes', 'requireEncryptionFor', 'signByDefault']);
  assert.equal(view.values.passphraseCacheMinutes, 5);
  assert.equal(view.values.defaultProtocol, 'auto', 'the invalid policy value was ignored');
  assert.equal(view.warnings.length, status.warnings.length);
  await rejectsWith(h['settings.set']({ values: { signByDefault: true } }, page), 'locked-by-policy');
  await rejectsWith(h['settings.set']({ values: {}, reset: ['requireEncryptionFor'] }, page), 'locked-by-policy');
  assert.equal((await h['settings.set']({ values: { remoteContent: 'never' } }, page)).values.remoteContent, 'never');

  // Actions the organisation switched off.
  await store.importEntry(await openPgpEntryFromKey(await readKey(own.privateArmored)), 'user');
  await rejectsWith(h['keys.exportPrivate']({ fingerprint: own.fingerprint, passphrase: 'correct horse' }, page), 'blocked-by-policy');
  await rejectsWith(h['keys.generate']({ name: 'X', email: 'x@example.com', passphrase: 'long enough pass' }, page), 'blocked-by-policy');

  // The passphrase cache follows the ceiling: an unlock now expires in 5 minutes.
  const before = Date.now();
  await h['keys.unlock']({ fingerprint: own.fingerprint, passphrase: 'correct horse' }, page);
  const mirror = (await env.session.get('unlock.passphrases')) as { timeoutMs: number; items: { id: string; unlockedAt: number }[] };
  assert.equal(mirror.timeoutMs, 5 * 60_000);
  const item = mirror.items.find((i) => i.id === own.fingerprint);
  assert.ok(item && item.unlockedAt >= before && item.unlockedAt <= Date.now(), 'unlocked now, so it expires in 5 minutes');

  // Sites: forced origin registered without the user enabling it; blocked beats forced; the user cannot undo either.
  assert.deepEqual(env.registered.get(contentScriptId), ['https://mail.example/*'], 'registered only where access is granted');
  assert.deepEqual(status.needsPermission, ['https://nogrant.example'], 'blocked sites are not asked for');
  assert.deepEqual((await h['sites.list']({}, page)).origins, ['https://mail.example', 'https://nogrant.example']);
  assert.equal(await services.sites.isEnabled('https://blocked.example'), false);
  await rejectsWith(h['sites.disable']({ origin: 'https://mail.example' }, page), 'locked-by-policy');
  await rejectsWith(h['sites.enable']({ origin: 'https://a.evil.example' }, page), 'blocked-by-policy');
  await h['sites.enable']({ origin: 'https://other.example' }, page);
  assert.deepEqual(env.registered.get(contentScriptId), ['https://mail.example/*', 'https://other.example/*']);

  // The administrator removes the policy: roots go, locks lift, actions are allowed, forced site gone.
  await env.change({});
  assert.deepEqual(store.roots(), []);
  assert.deepEqual((await h['settings.get']({}, page)).locked, []);
  assert.equal((await h['keys.exportPrivate']({ fingerprint: own.fingerprint, passphrase: 'correct horse' }, page)).armored.includes('PRIVATE KEY BLOCK'), true);
  assert.deepEqual(env.registered.get(contentScriptId), ['https://other.example/*']);
  const after = await h['policy.status']({}, page);
  assert.equal(after.managed, false);
  assert.deepEqual(after.warnings, []);
  // Pre-installed keys stay in the keyring (documented): removing a policy does not delete the user's data.
  assert.equal(store.acceptanceOf(colleague.fingerprint), 'verified');
});
