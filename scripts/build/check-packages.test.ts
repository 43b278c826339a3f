import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { packageProblems } from './check-packages';
import { zipFolder } from './zip-plugin';

function build(manifest: object): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-pkg-'));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  fs.writeFileSync(path.join(dir, 'background.js'), '// built');
  return dir;
}

test('store packages: the Edge zip is the Chrome zip without the key; the Firefox zip is a Firefox build', () => {
  const chrome = build({ manifest_version: 3, key: 'MIIB', background: { service_worker: 'background.js' } });
  const firefox = build({ manifest_version: 3, background: { scripts: ['background.js'] }, browser_specific_settings: { gecko: { id: 'lockpane@lockpane.dev' } } });
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-dist-'));
  try {
    assert.deepEqual(packageProblems(dist), ['lockpane-chrome.zip is missing', 'lockpane-edge.zip is missing', 'lockpane-firefox.zip is missing']);
    const bytes = zipFolder(chrome, true);
    assert.deepEqual(zipFolder(chrome, true), bytes, 'zips are reproducible');
    fs.writeFileSync(path.join(dist, 'lockpane-chrome.zip'), bytes);
    fs.writeFileSync(path.join(dist, 'lockpane-edge.zip'), bytes);
    fs.writeFileSync(path.join(dist, 'lockpane-firefox.zip'), zipFolder(firefox, false));
    assert.deepEqual(packageProblems(dist), []);
    // A zip that kept the development key, and an Edge zip that drifted from Chrome's, are both reported.
    fs.writeFileSync(path.join(dist, 'lockpane-edge.zip'), zipFolder(chrome, false));
    assert.deepEqual(packageProblems(dist), ['lockpane-edge.zip: carries the development key (the store refuses it)', 'lockpane-edge.zip differs from lockpane-chrome.zip']);
    fs.writeFileSync(path.join(dist, 'lockpane-firefox.zip'), bytes);
    assert.ok(packageProblems(dist).includes('lockpane-firefox.zip: not a Firefox build (background scripts, gecko id)'));
  } finally {
    for (const d of [chrome, firefox, dist]) fs.rmSync(d, { recursive: true, force: true });
  }
});
