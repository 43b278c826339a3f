import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extensionPage } from './pages-plugin';

test('each extension page loads only its own script and the shared stylesheet, nothing remote', () => {
  for (const name of ['reader', 'editor', 'popup', 'options']) {
    const html = extensionPage(name);
    assert.match(html, new RegExp(`<body class="lp-${name}">`));
    assert.deepEqual([...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]), [`${name}.js`]);
    assert.deepEqual([...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]), ['lockpane.css']);
    assert.doesNotMatch(html, /https?:/);
  }
});
