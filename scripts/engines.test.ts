/**
 * Every installed package supports the lowest Node version Lockpane names (package.json engines, the
 * README's quick start), so a fresh `npm ci` prints no EBADENGINE warning on it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import semver from 'semver';

const root = path.resolve(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

type Lock = { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };

/** The lowest Node version package.json allows, e.g. ">=20.19" → 20.19.0. */
function lowestNode(): string {
  const range = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
  const min = semver.minVersion(range);
  assert.ok(min, `package.json engines.node "${range}" names no version`);
  return min.version;
}

test('the README names the same lowest Node version as package.json', () => {
  const m = /Node (\d+) \(≥ (\d+\.\d+)\)/.exec(read('README.md'));
  assert.ok(m, 'the README quick start names no "Node N (≥ N.N)"');
  assert.equal(`${m[2]}.0`, lowestNode());
  assert.equal(m[1], String(semver.major(lowestNode())));
});

test('every package in package-lock.json with engines.node supports the lowest Node version named', () => {
  const node = lowestNode();
  const lock = JSON.parse(read('package-lock.json')) as Lock;
  const refused: string[] = [];
  for (const [where, p] of Object.entries(lock.packages)) {
    const range = !Array.isArray(p.engines) ? p.engines?.node : undefined;
    if (range && !semver.satisfies(node, range)) refused.push(`${where.replace(/^.*node_modules\//, '')}@${p.version ?? '?'} needs node ${range}`);
  }
  assert.deepEqual(refused, [], `not installable without an engine warning on Node ${node}`);
});
