/**
 * Pressing a guarded button of a Lockpane frame in Firefox (puppeteer): Firefox cannot report whether the
 * frame is visible, so a privileged button asks for a second press at a place the page cannot predict
 * (extension/frames/guard). This presses, then confirms once the confirmation is active.
 */
import type { Frame } from 'puppeteer-core';

export async function pressGuarded(frame: Frame, testId: string, timeout = 20_000): Promise<void> {
  await frame.waitForSelector(`[data-testid="${testId}"]:not([aria-disabled="true"])`, { timeout });
  await frame.click(`[data-testid="${testId}"]`);
  const confirm = '[data-testid="guard-confirm-button"]:not([aria-disabled="true"])';
  await frame.waitForSelector(confirm, { timeout });
  await frame.click(confirm);
}
