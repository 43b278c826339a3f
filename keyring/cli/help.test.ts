/** `--help` goes to stdout with exit 0 at every level; usage errors go to stderr, never stdout. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runLockpaneSource as lockpane } from '../testing/cli';
import { sopFamily } from './sop/main';
import { smimeFamily } from './smime/main';

const helpCalls: string[][] = [
  ['--help'], ['-h'], ['sop', '--help'], ['smime', '--help'], ['sop', 'help', 'decrypt'],
  ...Object.keys(sopFamily.commands).map((sub) => ['sop', sub, '--help']),
  ...Object.keys(smimeFamily.commands).map((sub) => ['smime', sub, '--help']),
];

test('help on stdout, exit 0, nothing on stderr, for lockpane, sop, smime and every subcommand', async () => {
  for (const args of helpCalls) {
    const r = await lockpane(args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout.toString(), /^usage: lockpane /, args.join(' '));
    assert.equal(r.stderr, '', args.join(' '));
  }
});

test('a subcommand\'s help names its own synopsis; --help after -- is an argument, not a request for help', async () => {
  const r = await lockpane(['sop', 'generate-key', '--help']);
  assert.match(r.stdout.toString(), /^usage: lockpane sop generate-key /);
  const asUserId = await lockpane(['sop', 'generate-key', '--', '--help']);
  assert.equal(asUserId.code, 0, asUserId.stderr);
  assert.match(asUserId.stdout.toString(), /BEGIN PGP PRIVATE KEY BLOCK/);
});

test('smime usage says what stdin must be and what a KEY_FILE may be', async () => {
  const text = (await lockpane(['smime', '--help'])).stdout.toString();
  assert.match(text, /stdin for encrypt and sign is a MIME entity/);
  assert.match(text, /KEY_FILE is a PEM file with the private key and its certificate, or a PKCS#12/);
  for (const sub of ['decrypt', 'sign']) assert.match((await lockpane(['smime', sub, '--help'])).stdout.toString(), /PKCS#12/);
});

test('usage errors stay on stderr with their exit codes and print nothing on stdout', async () => {
  for (const [args, code] of [[[], 19], [['frob'], 69], [['sop'], 19], [['sop', 'frob'], 69], [['smime'], 19], [['smime', 'frob'], 69], [['sop', 'version', '--frob'], 37]] as const) {
    const r = await lockpane([...args]);
    assert.equal(r.code, code, args.join(' '));
    assert.equal(r.stdout.length, 0, args.join(' '));
    assert.match(r.stderr, /usage|unsupported/, args.join(' '));
  }
});
