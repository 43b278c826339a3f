import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { passwordFileHtml } from './password-file-plugin';

const dir = path.resolve(__dirname, '../../extension/password-file');

test('the CSP allows exactly the inlined script and style, by hash, and no source at all', () => {
  const html = passwordFileHtml(readFileSync(path.join(dir, 'template.html'), 'utf8'), readFileSync(path.join(dir, 'style.css'), 'utf8'),
    'console.log("</script> <!-- x", `\n-----BEGIN PGP MESSAGE-----\n`)');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  const script = /<script>([\s\S]*?)<\/script>\s*<\/body>/.exec(html)?.[1] ?? '';
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
  assert.equal(script, 'console.log("<\\/script> <\\!-- x", `\n\\x2D----BEGIN PGP MESSAGE-----\n`)');
  assert.ok(!/^-----BEGIN PGP/m.test(html), 'gpg would take a line of the script for another message');
  assert.equal(csp, `default-src 'none'; script-src ${hash(script)} 'wasm-unsafe-eval'; style-src ${hash(style)}; img-src data: blob:; base-uri 'none'; form-action 'none'`);
  assert.ok(!/https?:|connect-src|unsafe-inline/.test(csp));
  assert.ok(html.includes('<!--LOCKPANE:DATA-->'));
});
