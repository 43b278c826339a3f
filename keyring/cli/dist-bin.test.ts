/**
 * The built command is runnable as is: dist/cli/lockpane.js has a shebang and mode 755 straight from
 * `npm run build` / `build:cli` (the suite builds before unit tests), so `./dist/cli/lockpane.js`,
 * `npm link` and `npx lockpane` work without a chmod.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { cliPath, runCommand } from '../testing/cli';

test('dist/cli/lockpane.js starts with #!/usr/bin/env node, is mode 755 and runs directly', async (t) => {
  if (!existsSync(cliPath)) { t.skip('dist/cli is not built (npm run build:cli)'); return; }
  assert.equal(readFileSync(cliPath, 'utf8').split('\n', 1)[0], '#!/usr/bin/env node');
  assert.equal(statSync(cliPath).mode & 0o777, 0o755);
  const r = await runCommand(cliPath, ['sop', 'version']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.toString(), /^lockpane \d/);
});

test('package.json bin.lockpane names the built file', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', `file://${__filename}`), 'utf8')) as { bin?: Record<string, string> };
  assert.equal(pkg.bin?.lockpane, 'dist/cli/lockpane.js');
});
