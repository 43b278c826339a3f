/** The test-home guard of `npm test`: a stray write is found, the browsers' own files are not, and gpg without --homedir is caught. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { generateKey } from '../keyring/pgp';
import { hasPeer } from '../keyring/testing/peers';
import { createTestHome, strayWrites } from './test-home';

test('a fresh test home is empty; the browsers\' own files are not reported; anything else is, once per folder', () => {
  const home = createTestHome();
  try {
    assert.deepEqual(strayWrites(home.dir), []);
    fs.mkdirSync(path.join(home.dir, '.config/chromium/Crash Reports'), { recursive: true });
    fs.writeFileSync(path.join(home.dir, '.config/chromium/Crash Reports/settings.dat'), 'x');
    fs.mkdirSync(path.join(home.dir, '.cache/dconf'), { recursive: true });
    fs.writeFileSync(path.join(home.dir, '.cache/dconf/user'), 'x');
    fs.mkdirSync(path.join(home.dir, '.config/mozilla/firefox/Pending Pings'), { recursive: true });
    fs.mkdirSync(path.join(home.dir, 'Downloads'));
    assert.deepEqual(strayWrites(home.dir), []);
    fs.writeFileSync(path.join(home.dir, 'Downloads/saved.txt'), 'an attachment a test saved');
    assert.deepEqual(strayWrites(home.dir), ['Downloads/ (1 entries)']);
    fs.rmSync(path.join(home.dir, 'Downloads/saved.txt'));
    fs.writeFileSync(path.join(home.dir, '.config/lockpane.json'), '{}');
    fs.mkdirSync(path.join(home.dir, 'out/deep'), { recursive: true });
    fs.writeFileSync(path.join(home.dir, 'out/deep/file'), 'x');
    fs.writeFileSync(path.join(home.dir, '.bash_history'), 'x');
    assert.deepEqual(strayWrites(home.dir), ['.bash_history', '.config/lockpane.json', 'out/ (2 entries)']);
  } finally {
    fs.rmSync(home.dir, { recursive: true, force: true });
  }
});

// What e2e/specs/discovery.spec.ts did before issue #15.
test('gpg --show-keys without --homedir, run with the test home\'s environment, is caught as ~/.gnupg', async (t: TestContext) => {
  if (!hasPeer('gpg')) return t.skip('needs gpg (apt-get install gnupg)');
  const home = createTestHome();
  try {
    const key = (await generateKey({ userIDs: [{ email: 't@example.test' }] })).publicKeyArmored;
    execFileSync('gpg', ['--batch', '--with-colons', '--show-keys'], { input: key, env: { ...process.env, ...home.env }, stdio: ['pipe', 'ignore', 'ignore'] });
    assert.match(strayWrites(home.dir).join('\n'), /^\.gnupg\//m);
  } finally {
    fs.rmSync(home.dir, { recursive: true, force: true });
  }
});
