/** Generic recipient hints: address fields near the editor count, the sender's own field never does. */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { Window } from 'happy-dom';
import { describeCompose } from './compose-finder';

type Field = Record<string, string>;

/** A form with the given inputs (attributes; `value` is the typed text) and a textarea editor. */
function composeIn(t: TestContext, fields: Field[]): ReturnType<typeof describeCompose> {
  const window = new Window();
  const g = globalThis as { HTMLInputElement?: unknown };
  const saved = g.HTMLInputElement;
  g.HTMLInputElement = window.HTMLInputElement; // compose-finder tells inputs apart with instanceof
  t.after(() => { g.HTMLInputElement = saved; window.close(); });
  const doc = window.document as unknown as Document;
  const form = doc.createElement('form');
  for (const attrs of fields) {
    const input = doc.createElement('input');
    for (const [k, v] of Object.entries(attrs)) if (k !== 'value') input.setAttribute(k, v);
    input.value = attrs.value ?? '';
    form.append(input);
  }
  const editor = doc.createElement('textarea');
  form.append(editor);
  doc.body.append(form);
  return describeCompose(editor);
}

test('a To field by name, label or placeholder gives its addresses; Cc and subject likewise', (t) => {
  const target = composeIn(t, [
    { name: 'to', value: 'Bob <bob@example.test>, carol@example.test' },
    { 'aria-label': 'Add a recipient', value: 'dave@example.test' },
    { name: 'cc', value: 'erin@example.test' },
    { name: 'subject', value: 'Hello' },
  ]);
  assert.deepEqual(target.to, ['bob@example.test', 'carol@example.test', 'dave@example.test']);
  assert.deepEqual(target.cc, ['erin@example.test']);
  assert.equal(target.subject, 'Hello');
});

test('the sender\'s field is not a recipient field, even when its label contains "to" (SOGo\'s From picker)', (t) => {
  const target = composeIn(t, [
    { name: 'from', 'aria-label': 'Choose which identity to send this message from', value: 'Alice Example <alice@example.test>' },
    { placeholder: 'Add a recipient', value: '' },
    { id: 'sender-to', 'aria-label': 'Sender to show', value: 'mallory@example.test' },
  ]);
  assert.deepEqual(target.to, []);
});
