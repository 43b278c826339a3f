/** The one page observer: every subscriber gets each task's changes in one batch; stop() ends delivery. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Window } from 'happy-dom';
import { watchPage } from './page-changes';

const nextTask = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

test('two subscribers share one batch per task: added subtrees and changed text', async (t) => {
  const window = new Window();
  t.after(() => window.close());
  const doc = window.document as unknown as Document;
  const g = globalThis as { MutationObserver?: unknown };
  const saved = g.MutationObserver;
  g.MutationObserver = window.MutationObserver;
  t.after(() => { g.MutationObserver = saved; });
  const text = doc.createTextNode('before');
  doc.body.appendChild(text);

  const changes = watchPage(doc.body);
  const a: Node[][] = [];
  const b: Node[][] = [];
  changes.subscribe((nodes) => a.push([...nodes]));
  const unsubscribe = changes.subscribe((nodes) => b.push([...nodes]));
  changes.start();

  const one = doc.createElement('div');
  const two = doc.createElement('p');
  doc.body.appendChild(one);
  doc.body.appendChild(two);
  text.data = 'after';
  await nextTask();
  assert.equal(a.length, 1, 'one batch for the whole task');
  assert.deepEqual(new Set(a[0]), new Set<Node>([one, two, text]));
  assert.deepEqual(b, a);

  unsubscribe();
  doc.body.appendChild(doc.createElement('span'));
  await nextTask();
  assert.equal(a.length, 2);
  assert.equal(b.length, 1, 'an unsubscribed listener hears nothing more');

  changes.stop();
  doc.body.appendChild(doc.createElement('span'));
  await nextTask();
  assert.equal(a.length, 2, 'nothing after stop()');
});

test('a task that only removed nodes yields one empty batch (so trackers notice panes that went)', async (t) => {
  const window = new Window();
  t.after(() => window.close());
  const doc = window.document as unknown as Document;
  const g = globalThis as { MutationObserver?: unknown };
  const saved = g.MutationObserver;
  g.MutationObserver = window.MutationObserver;
  t.after(() => { g.MutationObserver = saved; });
  const gone = doc.createElement('div');
  doc.body.appendChild(gone);
  const changes = watchPage(doc.body);
  const batches: Node[][] = [];
  changes.subscribe((nodes) => batches.push([...nodes]));
  changes.start();
  gone.remove();
  await nextTask();
  assert.deepEqual(batches, [[]]);
  changes.stop();
});
