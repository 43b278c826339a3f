/**
 * Pressing a guarded button (issue #23, docs/security.md) as a person does: the control is brought into
 * view first and looked at, then pressed. Playwright's own click scrolls at the last moment and presses
 * some 60 ms later, before the frame has been told where it now is; the frame guard rightly refuses a
 * press on a control it has not seen in its clear part, as it would a person's press in the middle of a scroll.
 */
import type { Locator } from '@playwright/test';
import { isFirefox } from './engine';
import { expect } from './fixtures';

/** Longer than IntersectionObserver v2's minimum report delay (100 ms), so the frame knows its new place. */
const lookMs = 250;
/** Longer than the guard's settle time after the frame was seen to move (rules.ts settleMs = 500 ms). */
const restMs = 600;

/** `how: 'tap'` presses by touch (a context with `hasTouch`), as on a phone. */
export async function pressGuarded(control: Locator, timeout = 30_000, how: 'click' | 'tap' = 'click'): Promise<void> {
  await control.page().bringToFront(); // the tab the person looks at: a background tab's frames are not visible
  await control.scrollIntoViewIfNeeded({ timeout });
  // The pointer comes to rest on the control first: if the frame moved since the pointer last crossed it
  // (a scroll), the guard learns of it from this move and refuses presses for its settle time, as it would
  // a person's press on a frame that was just moved under the pointer.
  if (how === 'click') await control.hover({ timeout });
  await control.evaluate((_, ms) => new Promise((done) => setTimeout(done, ms)), how === 'click' ? restMs : lookMs);
  await expectArmed(control, timeout);
  if (how === 'tap') await control.tap({ timeout });
  else await control.click({ timeout });
  if (isFirefox()) await confirmIfAsked(control, how, timeout);
}

/** Waits until the guard consents; if it never does, the failure says why it held back (the button's data-guard). */
async function expectArmed(control: Locator, timeout: number): Promise<void> {
  try {
    await expect(control).not.toHaveAttribute('aria-disabled', 'true', { timeout });
  } catch (e) {
    const why = await control.getAttribute('data-guard', { timeout: 1000 }).catch(() => null);
    if (e instanceof Error) e.message = `the frame guard never armed (data-guard=${why ?? 'unknown'})\n${e.message}`;
    throw e;
  }
}

/**
 * Firefox cannot tell a frame whether it is visible (no IntersectionObserver v2), so a guarded control asks
 * for a second press at a place the page cannot predict (extension/frames/guard). Controls pressed right
 * after typing in their own frame skip it; so this waits briefly for the confirmation and answers it if it came.
 */
async function confirmIfAsked(control: Locator, how: 'click' | 'tap', timeout: number): Promise<void> {
  const confirm = control.locator('xpath=following-sibling::span[@data-testid="guard-confirm"][1]').getByTestId('guard-confirm-button');
  try {
    await confirm.waitFor({ state: 'visible', timeout: 1500 });
  } catch {
    return; // no confirmation asked (typed here), or the control is gone because the press took effect
  }
  await expect(confirm).not.toHaveAttribute('aria-disabled', 'true', { timeout });
  if (how === 'tap') await confirm.tap({ timeout });
  else await confirm.click({ timeout });
}

/** Keyboard activation needs the frame to have held the focus for a moment (rules.ts settleMs = 500 ms). */
const focusedMs = 650;

/** Focuses a guarded control, keeps the focus there as a person reading it would, then presses the key. */
export async function keyGuarded(control: Locator, key = 'Enter', timeout = 30_000): Promise<void> {
  await control.page().bringToFront();
  await control.scrollIntoViewIfNeeded({ timeout });
  await control.focus({ timeout });
  await control.evaluate((_, ms) => new Promise((done) => setTimeout(done, ms)), focusedMs);
  await expectArmed(control, timeout);
  await control.press(key, { timeout });
}
