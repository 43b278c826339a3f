/**
 * No import loops: none between files anywhere, and none between the parts of the core (keyring/store,
 * keyring/trust, keyring/smime, …), so each part can be read, tested and changed from the bottom up.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cycles, importGraph, type ImportGraph } from './import-graph';

const graph = importGraph();

test('no file imports itself through others', () => {
  assert.deepEqual(cycles(graph), []);
});

/** keyring/<part>/… → keyring/<part>, for product files (tests and test support may look anywhere). */
function partsGraph(files: ImportGraph): ImportGraph {
  const part = (f: string): string | null => {
    const m = /^keyring\/([^/]+)\//.exec(f);
    return m && m[1] !== 'testing' && !/\.test\.ts$/.test(f) ? `keyring/${m[1]}` : null;
  };
  const out: ImportGraph = new Map();
  for (const [file, targets] of files) {
    const from = part(file);
    if (from === null) continue;
    const set = new Set(out.get(from) ?? []);
    for (const t of targets) {
      const to = part(t);
      if (to !== null && to !== from) set.add(to);
    }
    out.set(from, [...set]);
  }
  return out;
}

test('the parts of keyring/ import each other without loops (store → trust, never back)', () => {
  const parts = partsGraph(graph);
  assert.ok(parts.get('keyring/store')?.includes('keyring/trust'), 'the store applies trust rules');
  assert.deepEqual(cycles(parts), []);
});
