/**
 * The Roundcube rig's shell scripts (e2e/roundcube/*.sh): they parse, and reading a pid file that is not
 * there yet (Postfix on a fresh machine) prints nothing. In bash a redirection's error goes to the stderr
 * in force at that point, so `cmd <missing 2>/dev/null` still prints "No such file or directory".
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const dir = path.resolve(__dirname, '../e2e/roundcube');
const scripts = fs.readdirSync(dir).filter((f) => f.endsWith('.sh')).map((f) => path.join(dir, f));

test('the rig scripts parse (bash -n)', () => {
  assert.ok(scripts.length >= 2);
  for (const s of scripts) {
    const r = spawnSync('bash', ['-n', s], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${path.basename(s)}: ${r.stderr}`);
  }
});

test('no command reads a file before silencing its stderr (the shell would report a missing file anyway)', () => {
  // `<file … 2>/dev/null` in one command; not `<<`, `<&`, `<>`, `<(`, nor fd-numbered redirections.
  const inputThenQuiet = /(?<![<0-9])<(?![<&>(])\s*("[^"]*"|[^\s;|&)]+)[^;|&\n]*?\s2>\s*\/dev\/null/;
  const found = scripts.flatMap((s) => fs.readFileSync(s, 'utf8').split('\n')
    .map((line, i) => ({ line, at: `${path.basename(s)}:${i + 1}` }))
    .filter(({ line }) => !line.trimStart().startsWith('#') && inputThenQuiet.test(line)).map(({ at, line }) => `${at}: ${line.trim()}`));
  assert.deepEqual(found, []);
});

test('peers-up.sh reads a missing Postfix pid file and a gone process without a word', () => {
  const source = fs.readFileSync(path.join(dir, 'peers-up.sh'), 'utf8');
  const helpers = ['pid_in', 'cmd_of'].map((name) => {
    const def = new RegExp(`^${name}\\(\\) \\{.*\\}$`, 'm').exec(source)?.[0];
    assert.ok(def, `peers-up.sh defines ${name}()`);
    return def;
  });
  const r = spawnSync('bash', ['-c', `set -euo pipefail\n${helpers.join('\n')}\np=$(pid_in /nonexistent/postfix/pid/master.pid); c=$(cmd_of 999999999); echo "[$p][$c]"`], { encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, '[][]\n');
  assert.equal(r.status, 0);
});
