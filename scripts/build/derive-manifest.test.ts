import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { deriveManifest, testHostPermissions } from './derive-manifest';

const source = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../manifest.json'), 'utf8')) as Record<string, unknown>;

test('the source manifest asks for no host permission up front and no <all_urls>', () => {
  assert.equal(source.host_permissions, undefined);
  assert.ok(!JSON.stringify(source.permissions).includes('<all_urls>'));
  assert.deepEqual(source.optional_host_permissions, ['https://*/*', 'http://*/*']);
  assert.equal(source.externally_connectable, undefined, 'web pages must not be able to message the worker');
});

// The popup's "Turn on for this site" needs the active tab's origin. Without host access or "tabs", the
// browser hides tab URLs; activeTab shows the one tab the user clicked the toolbar button on, and warns of nothing.
test('the popup can learn the clicked tab\'s site (activeTab), without the "tabs" permission', () => {
  const permissions = source.permissions as string[];
  assert.ok(permissions.includes('activeTab'), 'without activeTab the store build\'s popup sees no site to turn on');
  assert.ok(!permissions.includes('tabs'));
});

test('web-accessible resources are only the frame pages', () => {
  const wars = source.web_accessible_resources as Array<{ resources: string[] }>;
  assert.deepEqual(wars.flatMap((w) => w.resources).sort(), ['editor.html', 'reader.html']);
});

test('chrome: service worker, fixed dev key only outside the store build', () => {
  const dev = deriveManifest(source, { target: 'chrome', test: false, store: false });
  assert.deepEqual(dev.background, { service_worker: 'background.js' });
  assert.equal(typeof dev.key, 'string');
  assert.equal(dev.browser_specific_settings, undefined);
  assert.equal(deriveManifest(source, { target: 'chrome', test: false, store: true }).key, undefined);
});

test('firefox: background scripts, gecko id and min version, no key, no use_dynamic_url', () => {
  const ff = deriveManifest(source, { target: 'firefox', test: false, store: false });
  assert.deepEqual(ff.background, { scripts: ['background.js'] });
  assert.equal(ff.key, undefined);
  const gecko = (ff.browser_specific_settings as { gecko: { id: string; strict_min_version: string } }).gecko;
  assert.match(gecko.id, /@/);
  assert.ok(Number.parseFloat(gecko.strict_min_version) >= 142);
  assert.ok(!JSON.stringify(ff.web_accessible_resources).includes('use_dynamic_url'));
});

test('only the test build grants loopback host access', () => {
  for (const target of ['chrome', 'firefox'] as const) {
    assert.equal(deriveManifest(source, { target, test: false, store: false }).host_permissions, undefined);
    assert.deepEqual(deriveManifest(source, { target, test: true, store: false }).host_permissions, testHostPermissions);
  }
});
