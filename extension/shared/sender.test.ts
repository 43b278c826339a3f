import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifySender } from './sender';

const id = 'ekndomebbkmcdbphkccpepjnfhgbljgf';
const own = `chrome-extension://${id}`;

test('popup and options pages are "page"', () => {
  assert.deepEqual(classifySender({ id, url: `${own}/popup.html` }, id, own), { cls: 'page', path: '/popup.html' });
  assert.deepEqual(classifySender({ id, url: `${own}/options.html`, tab: { id: 4 }, frameId: 0 }, id, own), { cls: 'page', path: '/options.html' });
});

test('a reader frame inside a tab is "frame"; loaded top-level it is nobody', () => {
  const inTab = classifySender({ id, url: `${own}/reader.html`, tab: { id: 7 }, frameId: 3, documentId: 'D' }, id, own);
  assert.deepEqual(inTab, { cls: 'frame', path: '/reader.html', tabId: 7, frameId: 3, documentId: 'D' });
  assert.equal(classifySender({ id, url: `${own}/reader.html`, tab: { id: 7 }, frameId: 0 }, id, own), null);
  assert.equal(classifySender({ id, url: `${own}/reader.html` }, id, own), null);
});

test('options.html inside a sub-frame is not "page"', () => {
  assert.equal(classifySender({ id, url: `${own}/options.html`, tab: { id: 4 }, frameId: 2 }, id, own), null);
});

test('a content script is classified by the browser-set origin, not its URL path', () => {
  const ctx = classifySender({ id, url: 'https://Mail.Example.org/inbox#x', origin: 'https://mail.example.org', tab: { id: 2 }, frameId: 0 }, id, own);
  assert.deepEqual(ctx, { cls: 'content', origin: 'https://mail.example.org', tabId: 2, frameId: 0, url: 'https://mail.example.org/inbox#x' });
});

test('other extensions, unknown pages and non-web origins are refused', () => {
  assert.equal(classifySender({ id: 'other', url: `${own}/popup.html` }, id, own), null);
  assert.equal(classifySender({ id, url: `${own}/background.js` }, id, own), null);
  assert.equal(classifySender({ id, url: 'file:///etc/passwd', tab: { id: 1 } }, id, own), null);
  assert.equal(classifySender({ id, url: 'https://a.example/', origin: 'null', tab: { id: 1 } }, id, own)?.cls, 'content');
  assert.equal(classifySender({ id, url: 'not a url', tab: { id: 1 } }, id, own), null);
  assert.equal(classifySender({ id, url: 'https://a.example/' }, id, own), null); // no tab: not a content script
});
