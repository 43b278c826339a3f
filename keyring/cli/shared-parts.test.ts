/**
 * `lockpane sop` and `lockpane smime` share one argument parser (args.ts), one exit-code table
 * (exit-codes.ts) and one dispatcher (dispatch.ts): neither family defines its own again, and the
 * same mistake gives the same exit code in both.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { runLockpaneSource as lockpane } from '../testing/cli';

test('no family folder defines a parser, an exit-code table or a dispatcher of its own', () => {
  for (const family of ['sop', 'smime']) {
    const dir = path.join(__dirname, family);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      const src = readFileSync(path.join(dir, name), 'utf8');
      assert.doesNotMatch(src, /function parseArgs|startsWith\('--'\)/, `${family}/${name} parses arguments itself`);
      assert.doesNotMatch(src, /\b(exitCodes|EXIT)\s*=\s*\{|function exitCodeFor/, `${family}/${name} has its own exit codes`);
      assert.doesNotMatch(src, /(unsupported|unknown) subcommand "/i, `${family}/${name} dispatches itself`);
    }
  }
});

test('the same usage mistakes give the same exit codes in sop and smime', async () => {
  const pairs: [string[], string[], number][] = [
    [['sop', 'sign', '--frobnicate', 'x'], ['smime', 'sign', '--frobnicate', 'x'], 37],
    [['sop', 'verify', '--not-before'], ['smime', 'verify', '--email'], 19],
    [['sop', 'encrypt', 'missing.cert'], ['smime', 'encrypt', 'missing.crt'], 61],
    [['sop', 'frob'], ['smime', 'frob'], 69],
  ];
  for (const [a, b, code] of pairs) {
    const [ra, rb] = [await lockpane(a), await lockpane(b)];
    assert.equal(ra.code, code, `${a.join(' ')}: ${ra.stderr}`);
    assert.equal(rb.code, code, `${b.join(' ')}: ${rb.stderr}`);
  }
});
