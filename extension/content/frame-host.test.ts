import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Window } from 'happy-dom';
import { flattenAncestors } from './frame-host';

test('a frame inside a 3D context (SOGo\'s flip card) gets its ancestors flattened; flat ones stay untouched', (t) => {
  const window = new Window();
  const g = globalThis as { getComputedStyle?: unknown };
  const saved = g.getComputedStyle;
  g.getComputedStyle = window.getComputedStyle.bind(window);
  t.after(() => { g.getComputedStyle = saved; window.close(); });
  const doc = window.document;
  const element = (id: string, style: string, parent: { append(n: unknown): void }) => {
    const el = doc.createElement('div');
    el.id = id;
    el.setAttribute('style', style);
    parent.append(el);
    return el;
  };
  const plain = element('plain', 'color: red', element('card', 'transform-style: preserve-3d', element('detail', 'perspective: 800px', doc.body)));
  const frame = doc.createElement('iframe');
  plain.append(frame);
  const styleOf = (id: string) => (doc.getElementById(id) as unknown as HTMLElement).style;
  assert.equal(flattenAncestors(frame as unknown as Element), 2);
  assert.equal(styleOf('detail').getPropertyValue('perspective'), 'none');
  assert.equal(styleOf('card').getPropertyValue('transform-style'), 'flat');
  assert.equal(doc.getElementById('plain')!.getAttribute('style'), 'color: red');
  assert.equal(flattenAncestors(frame as unknown as Element), 0, 'a second pass finds nothing left to flatten');
});
