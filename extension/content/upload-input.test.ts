/**
 * Which file input generic mode trusts with an encrypted attachment: exactly one, inside the editor's own
 * form or dialog, not restricted to images; never one found elsewhere on the page.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { Window } from 'happy-dom';
import { findUploadInput } from './upload-input';

function page(t: TestContext, html: string): Document {
  const window = new Window();
  t.after(() => window.close());
  const doc = window.document as unknown as Document;
  doc.body.innerHTML = html; // eslint-disable-line no-restricted-syntax -- a test building its own fixture
  return doc;
}

const editorOf = (doc: Document) => doc.getElementById('editor') as HTMLElement;

test('the one file input of the editor\'s form is the upload', (t) => {
  const doc = page(t, '<form><textarea id="editor"></textarea><input type="file" id="up" multiple></form>');
  assert.equal(findUploadInput(editorOf(doc))?.id, 'up');
  const dialog = page(t, '<div role="dialog"><div contenteditable="true" id="editor"></div><input type="file" id="up" accept="*/*"></div>');
  assert.equal(findUploadInput(editorOf(dialog))?.id, 'up');
});

test('no upload: an image-only input, two inputs, a disabled one, one outside the form, or an editor loose in the page', (t) => {
  const cases = [
    '<form><textarea id="editor"></textarea><input type="file" accept="image/*"></form>',
    '<form><textarea id="editor"></textarea><input type="file"><input type="file"></form>',
    '<form><textarea id="editor"></textarea><input type="file" disabled></form>',
    '<form><textarea id="editor"></textarea></form><form><input type="file"></form>',
    '<div><textarea id="editor"></textarea><input type="file"></div>',
  ];
  for (const html of cases) assert.equal(findUploadInput(editorOf(page(t, html))), null, html);
});

test('two inputs where one takes images only: the other is the upload', (t) => {
  const doc = page(t, '<section><textarea id="editor"></textarea><input type="file" accept="image/png,image/jpeg"><input type="file" id="up"></section>');
  assert.equal(findUploadInput(editorOf(doc))?.id, 'up');
});
