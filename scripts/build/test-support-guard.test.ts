/**
 * No product bundle contains test support: every build configuration carries the guard, the guard
 * fails a real webpack build that pulls in a testing module, and no production entry reaches one.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import webpack, { type Configuration, type Stats } from 'webpack';
import buildConfig from '../../webpack.config';
import { importGraph, reachable, repoRoot } from '../fences/import-graph';
import { isTestSupport, TestSupportGuard } from './test-support-guard';

const allConfigs = (): Configuration[] => [...buildConfig({}), ...buildConfig({ test: true })];

test('every build configuration, production and test, carries the test-support guard', () => {
  const configs = allConfigs();
  assert.ok(configs.length >= 9);
  for (const c of configs) assert.ok((c.plugins ?? []).some((p) => p instanceof TestSupportGuard), `${c.name} has the guard`);
});

function build(entrySource: string): Promise<Stats> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-guard-'));
  const entry = path.join(dir, 'entry.ts');
  fs.writeFileSync(entry, entrySource);
  const cli = buildConfig({ only: 'cli' })[0]!;
  const config: Configuration = {
    ...cli, name: 'guard-probe', entry: { probe: entry }, plugins: [new TestSupportGuard()],
    output: { path: path.join(dir, 'out'), filename: '[name].js' }, optimization: { minimize: false },
  };
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (err || !stats) reject(err ?? new Error('no stats'));
      else resolve(stats);
    });
  });
}

const abs = (rel: string): string => JSON.stringify(path.join(repoRoot, rel));

test('a build that would bundle a testing module fails, naming it; one without builds', async () => {
  const bad = await build(`import { syntheticEntry } from ${abs('keyring/testing/entries')};\nconsole.log(syntheticEntry(1, []));\n`);
  const errors = bad.toJson({ errors: true }).errors?.map((e) => e.message) ?? [];
  assert.ok(errors.some((m) => m.includes('test support must not be bundled: keyring/testing/entries.ts')), errors.join('\n'));
  const good = await build(`import { toHex } from ${abs('keyring/bytes/hex')};\nconsole.log(toHex(new Uint8Array([1])));\n`);
  assert.deepEqual(good.toJson({ errors: true }).errors ?? [], []);
});

test('no production entry reaches test support through its imports', () => {
  const graph = importGraph();
  const entries = buildConfig({}).flatMap((c) => Object.values(c.entry as Record<string, string>))
    .map((e) => path.relative(repoRoot, path.resolve(repoRoot, e)).split(path.sep).join('/'));
  assert.ok(entries.includes('extension/worker/background.ts') && entries.includes('keyring/cli/main.ts'));
  const shipped = reachable(graph, entries);
  assert.ok(shipped.size > 200, `the graph reaches ${shipped.size} files`);
  const leaked = [...shipped].filter((f) => isTestSupport(path.join(repoRoot, f)));
  assert.deepEqual(leaked, []);
});
