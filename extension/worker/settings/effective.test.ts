import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveSettings, lockedUserKeys } from './effective';

test('no policy: user values over defaults, nothing locked', () => {
  const e = effectiveSettings({ signByDefault: false }, {});
  assert.equal(e.values.signByDefault, false);
  assert.equal(e.sources.signByDefault, 'user');
  assert.equal(e.values.passphraseCacheMinutes, 15);
  assert.equal(e.sources.passphraseCacheMinutes, 'default');
  assert.deepEqual(e.locked, []);
});

test('without lockedSettings every user setting the policy sets is locked, and the policy value wins', () => {
  const e = effectiveSettings({ signByDefault: true, remoteContent: 'ask' }, { signByDefault: false, allowPrivateKeyExport: false });
  assert.equal(e.values.signByDefault, false);
  assert.equal(e.sources.signByDefault, 'policy');
  assert.deepEqual(e.locked, ['signByDefault', 'allowPrivateKeyExport']);
  assert.equal(e.values.remoteContent, 'ask');
  assert.equal(e.values.allowPrivateKeyExport, false);
});

test('with lockedSettings exactly those are locked; other policy values are defaults the user may override', () => {
  const policy = { signByDefault: false, defaultProtocol: 'smime' as const, lockedSettings: ['defaultProtocol' as const, 'remoteContent' as const] };
  assert.deepEqual(lockedUserKeys(policy), ['defaultProtocol', 'remoteContent']);
  const e = effectiveSettings({ signByDefault: true, remoteContent: 'never', defaultProtocol: 'openpgp' }, policy);
  assert.equal(e.values.signByDefault, true, 'the user overrides an unlocked policy value');
  assert.equal(e.sources.signByDefault, 'user');
  assert.equal(e.values.defaultProtocol, 'smime');
  assert.equal(e.values.remoteContent, 'ask', 'locked without a policy value: the default, not the user\'s');
  assert.equal(e.sources.remoteContent, 'default');
  assert.equal(effectiveSettings({}, policy).values.signByDefault, false, 'an unlocked policy value is the organisation\'s default');
});

test('the passphrase cache ceiling caps any choice', () => {
  assert.equal(effectiveSettings({ passphraseCacheMinutes: 60 }, { passphraseCacheMaxMinutes: 10 }).values.passphraseCacheMinutes, 10);
  assert.equal(effectiveSettings({ passphraseCacheMinutes: 3 }, { passphraseCacheMaxMinutes: 10 }).values.passphraseCacheMinutes, 3);
  assert.equal(effectiveSettings({}, { passphraseCacheMinutes: 600, passphraseCacheMaxMinutes: 30 }).values.passphraseCacheMinutes, 30);
});

test('policy-only keys pass through, defaults otherwise', () => {
  const e = effectiveSettings({}, { enabledSites: ['https://mail.example'] });
  assert.deepEqual(e.values.enabledSites, ['https://mail.example']);
  assert.deepEqual(e.values.blockedSites, []);
  assert.deepEqual(e.locked, []);
});
