import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { applyEdits, edits } from './no-markup-sinks';

const installed = [
  path.resolve('node_modules/preact/dist/preact.mjs'),
  path.resolve('node_modules/dompurify/dist/purify.es.mjs'),
];

test('each installed dependency holds its innerHTML assignment exactly once, and the edit removes it', () => {
  for (const file of installed) {
    assert.ok(edits.some((e) => e.file.test(file)), `an edit applies to ${file}`);
    const out = applyEdits(fs.readFileSync(file, 'utf8'), file);
    assert.doesNotMatch(out, /\.innerHTML\s*=(?!=)/, `${file} still assigns innerHTML`);
  }
});

test('a dependency whose text changed fails the build instead of shipping the sink unreviewed', () => {
  assert.throws(() => applyEdits('nothing to see', installed[0]!), /expected the text once/);
  const twice = `${edits[0]!.find};${edits[0]!.find}`;
  assert.throws(() => applyEdits(twice, installed[0]!), /found 2 times/);
});

test('other files pass through untouched', () => {
  assert.equal(applyEdits('a.innerHTML=b', '/x/node_modules/other/index.js'), 'a.innerHTML=b');
});
