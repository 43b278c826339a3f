import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confirmRefusal, controlInView, movedBetween, nextChange, refusal, settleMs, showsRealPart, type GuardFacts } from './rules';

const settled: GuardFacts = { mode: 'observed', visibleSince: 0, movedAt: -Infinity, focusedSince: 0, width: 600, height: 360 };
const at = 10_000;

test('a frame visible, unmoved and focused for long enough may act, by pointer and by key', () => {
  assert.equal(refusal(settled, at, 'pointer'), null);
  assert.equal(refusal(settled, at, 'keyboard'), null);
});

test('hidden, just shown, just moved, too small or not focused long enough is refused', () => {
  assert.equal(refusal({ ...settled, visibleSince: null }, at, 'pointer'), 'hidden');
  assert.equal(refusal({ ...settled, visibleSince: at - settleMs + 1 }, at, 'pointer'), 'hidden');
  assert.equal(refusal({ ...settled, movedAt: at - 10 }, at, 'pointer'), 'moved');
  assert.equal(refusal({ ...settled, width: 8, height: 8 }, at, 'pointer'), 'small');
  assert.equal(refusal({ ...settled, focusedSince: at - 20 }, at, 'keyboard'), 'unfocused');
  assert.equal(refusal({ ...settled, focusedSince: null }, at, 'keyboard'), 'unfocused');
  // A click needs no earlier focus: the click itself brings it.
  assert.equal(refusal({ ...settled, focusedSince: null }, at, 'pointer'), null);
});

test('without visibility reports only size and focus are checked here; the second step does the rest', () => {
  const blind: GuardFacts = { ...settled, mode: 'confirm', visibleSince: null };
  assert.equal(refusal(blind, at, 'pointer'), null);
  assert.equal(confirmRefusal({ ...blind, focusedSince: at - 100 }, at - 100, at), 'settling');
  assert.equal(confirmRefusal({ ...blind, focusedSince: at - 700 }, at - 700, at), null);
  // Focus lost and regained after the confirmation appeared: the page had the keyboard in between.
  assert.equal(confirmRefusal({ ...blind, focusedSince: at - 300 }, at - 700, at), 'unfocused');
  assert.equal(confirmRefusal({ ...blind, focusedSince: null }, at - 700, at), 'unfocused');
});

test('nextChange names the moment a refusal can lift', () => {
  assert.equal(nextChange({ ...settled, visibleSince: at - 100 }, at), at - 100 + settleMs);
  assert.equal(nextChange(settled, at), null);
});

test('the frame moving under a pointer shows in the screen-minus-client offset', () => {
  const a = { dx: 80, dy: 147, at: 0 };
  assert.equal(movedBetween(null, a), false);
  assert.equal(movedBetween(a, { dx: 80.4, dy: 147, at: 16 }), false);
  assert.equal(movedBetween(a, { dx: 30, dy: 147, at: 16 }), true);
  assert.equal(movedBetween(a, { dx: 30, dy: 147, at: 400 }), false); // a page scroll between two clicks is no jump under the pointer
});

test('a real part of the frame must show, and the pressed control must be in it', () => {
  assert.equal(showsRealPart(true, { x: 0, y: 195, width: 1264, height: 165 }), true); // scrolled half out: fine
  assert.equal(showsRealPart(true, { x: 46, y: 117, width: 8, height: 8 }), false); // clip-path dot
  assert.equal(showsRealPart(false, { x: 0, y: 0, width: 1264, height: 360 }), false); // covered or faded
  const view = { x: 0, y: 195, width: 1264, height: 165 };
  assert.equal(controlInView({ x: 24, y: 300, width: 70, height: 26 }, view), true);
  assert.equal(controlInView({ x: 24, y: 90, width: 70, height: 26 }, view), false);
  assert.equal(refusal(settled, at, 'pointer', false), 'hidden');
});
