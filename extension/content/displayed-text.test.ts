import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Window } from 'happy-dom';
import { findArmoredBlocks } from './armor-scan';
import { displayedText } from './displayed-text';

function holder(markup: string): Node {
  const window = new Window();
  const template = window.document.createElement('template');
  template.innerHTML = markup; // eslint-disable-line no-restricted-syntax -- a test building its own fixture
  return template.content as unknown as Node;
}

const lines = ['-----BEGIN PGP MESSAGE-----', '', 'wV4DPbdzh4yLgOsSAQdA', 'Ubj+uKVajg==', '=5YjQ', '-----END PGP MESSAGE-----'];

test('SOGo\'s plain text (lines joined by <br>) keeps its lines, so the armor parses', () => {
  const text = displayedText(holder(`<div class="mailer_plaincontent">${lines.join('<br>')}<br></div>`));
  assert.deepEqual(findArmoredBlocks(text).map((b) => b.text), [lines.join('\n')]);
});

test('one <div> per line (an empty line as <div><br></div>), nested blocks, inline spans: one newline per line, none inside', () => {
  const text = displayedText(holder(`<div>${lines.map((l) => (l ? `<div><span>${l.slice(0, 3)}</span>${l.slice(3)}</div>` : '<div><br></div>')).join('')}</div>`));
  assert.equal(text, `${lines.join('\n')}\n`);
});

test('text already broken by newlines (a <pre>) is kept as it is', () => {
  assert.equal(displayedText(holder(`<pre>${lines.join('\n')}</pre>`)), `${lines.join('\n')}\n`);
});
