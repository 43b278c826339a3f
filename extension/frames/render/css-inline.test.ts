/**
 * Issue #23 item 6: the style-attribute filter removes every remote reference by itself, in every CSS form
 * the corpus (fixtures/css-variants.json) holds, and keeps harmless declarations. What it writes is read
 * back with the tokenizer: no url() but inline images, no function that is not on the harmless list.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { filterInlineStyle } from './css-inline';
import { tokenize } from './css-tokens';

const corpus = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/css-variants.json'), 'utf8')) as { remote: string[]; keep: Record<string, string> };

/** Everything in `css` that could make the browser fetch: url tokens, url() with a non-data string, non-harmless functions, at-rules. */
function loaders(css: string): string[] {
  const found: string[] = [];
  const tokens = tokenize(css);
  tokens.forEach((k, i) => {
    if (k.t === 'url' && !/^data:image\/(png|gif|jpeg|webp)[;,]/i.test(k.value)) found.push(`url ${k.value}`);
    if (k.t === 'function') {
      const name = k.value.toLowerCase();
      const arg = tokens.slice(i + 1).find((a) => a.t !== 'ws');
      if (name === 'url' && !(arg?.t === 'string' && /^data:image\//i.test(arg.value))) found.push('url()');
      if (/image|cross-fade|element|paint|src|var|attr|expression|env/.test(name)) found.push(`${name}()`);
    }
    if (k.t === 'at') found.push(`@${k.value}`);
  });
  return found;
}

describe('inline style filter', () => {
  it(`removes the remote reference from each of the ${corpus.remote.length} variants`, () => {
    for (const value of corpus.remote) {
      const { style } = filterInlineStyle(value);
      if (style === null) continue;
      assert.deepEqual(loaders(style), [], `${JSON.stringify(value)} -> ${JSON.stringify(style)}`);
      assert.doesNotMatch(style, /leak\.test|\\/i, `${JSON.stringify(value)} -> ${JSON.stringify(style)}`);
    }
  });

  it('counts what it refused to load', () => {
    assert.equal(filterInlineStyle('background:u\\72l(http://leak.test/x)').blockedRemote, 1);
    assert.equal(filterInlineStyle('background-image:image-set("http://leak.test/a" 1x, "http://leak.test/b" 2x)').blockedRemote, 1);
    assert.equal(filterInlineStyle('color:red').blockedRemote, 0);
  });

  it('keeps harmless declarations, written from their decoded tokens', () => {
    for (const [value, expected] of Object.entries(corpus.keep)) {
      assert.equal(filterInlineStyle(value).style, expected, JSON.stringify(value));
    }
  });

  it('leaves nothing of an attribute it cannot read reliably', () => {
    assert.equal(filterInlineStyle('color:red;background:url("http://leak.test/x\n");font-weight:bold').style, null);
    assert.equal(filterInlineStyle('color:red}body{background:red').style, null);
    assert.equal(filterInlineStyle('').style, null);
    assert.equal(filterInlineStyle('  ;  ; ').style, null);
  });

  it('never lets tokens merge once comments are gone (ur/**/l( is not url()', () => {
    const { style } = filterInlineStyle('background:ur/**/l(red)');
    assert.ok(style === null || loaders(style).length === 0, String(style));
  });
});

describe('css tokenizer (CSS Syntax 3) on the forms the filter relies on', () => {
  const kinds = (css: string) => tokenize(css).filter((k) => k.t !== 'ws').map((k) => ('value' in k ? `${k.t}:${k.value}` : k.t));
  it('decodes escapes in names and urls, drops comments, keeps strings whole', () => {
    assert.deepEqual(kinds('u\\72l(a)'), ['url:a']);
    assert.deepEqual(kinds('\\75 rl( "b" )'), ['function:url', 'string:b', ')']);
    assert.deepEqual(kinds('url/**/(a)'), ['ident:url', '(', 'ident:a', ')']);
    assert.deepEqual(kinds('"/*" x /* "*/ y'), ['string:/*', 'ident:x', 'ident:y']);
    assert.deepEqual(kinds('url(a b)'), ['bad-url']);
    assert.deepEqual(kinds('"a\nb"'), ['bad-string', 'ident:b', 'string:']);
    assert.deepEqual(kinds('url(http:\\2f\\2f x)'), ['url:http://x']);
    assert.deepEqual(kinds('i\\6d age-set("a" 1x)'), ['function:image-set', 'string:a', 'dimension', ')']);
  });
});
