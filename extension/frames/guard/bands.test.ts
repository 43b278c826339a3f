import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coverage, largestClearRun, type BandReport } from './bands';

/** A 600×400 frame in 20 bands of 20 px; `state[i]` says band i is clear ('c'), covered ('x') or out of view ('-'). */
function frame(state: string): BandReport[] {
  return [...state].map((s, i) => ({
    clear: s === 'c',
    rect: s === '-' ? { x: 0, y: 0, width: 0, height: 0 } : { x: 0, y: i * 20, width: 600, height: 20 },
  }));
}

test('a fully clear frame is one run of its whole height', () => {
  assert.deepEqual(largestClearRun(frame('c'.repeat(20))), { x: 0, y: 0, width: 600, height: 400 });
  assert.equal(coverage(frame('c'.repeat(20))), 'clear');
});

test('a frame scrolled under a sticky toolbar: the rest is one clear run and the cover is only at the edge', () => {
  const bands = frame('xxxx' + 'c'.repeat(16));
  assert.deepEqual(largestClearRun(bands), { x: 0, y: 80, width: 600, height: 320 });
  assert.equal(coverage(bands), 'edge');
  assert.equal(coverage(frame('----xx' + 'c'.repeat(14))), 'edge'); // partly scrolled out, partly under the bar
  assert.equal(coverage(frame('c'.repeat(17) + 'xxx')), 'edge');
});

test('a cover over the middle of the frame (an input laid over the text area) is reported as covered', () => {
  const bands = frame('cccccc' + 'xxx' + 'c'.repeat(11));
  assert.equal(coverage(bands), 'covered');
  assert.deepEqual(largestClearRun(bands), { x: 0, y: 180, width: 600, height: 220 });
});

test('covered or faded everywhere in view: no clear run, and covered', () => {
  assert.equal(largestClearRun(frame('x'.repeat(20))), null);
  assert.equal(coverage(frame('x'.repeat(20))), 'covered');
  assert.equal(coverage(frame('-'.repeat(20))), 'clear'); // nothing in view is not a cover
});

test('clear bands that do not touch are separate runs; the tallest counts', () => {
  const gap = frame('ccc' + '-' + 'cccccc' + '-'.repeat(10));
  const b = gap.map((r, i) => (i >= 4 && i < 10 ? { ...r, rect: { ...r.rect, y: r.rect.y + 5 } } : r));
  assert.deepEqual(largestClearRun(b), { x: 0, y: 85, width: 600, height: 120 });
});

test('a run is only as wide as its narrowest band (a clip-path leaving a dot stays a dot)', () => {
  const bands = frame('-'.repeat(20));
  bands[5] = { clear: true, rect: { x: 46, y: 100, width: 8, height: 8 } };
  assert.deepEqual(largestClearRun(bands), { x: 46, y: 100, width: 8, height: 8 });
});
