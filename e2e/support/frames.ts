/**
 * Steps inside Lockpane's frames that several specs take: the passphrase prompt comes only while the
 * key is locked (an earlier step may have unlocked it), so these answer it when, and only when, it shows.
 */
import type { FrameLocator, Locator } from '@playwright/test';
import { expect } from './fixtures';
import { pressGuarded } from './guarded';

/** Waits for either the passphrase prompt or `done`; fills the prompt if it is the one that came. */
export async function answerPromptIfAsked(frame: FrameLocator, done: Locator, passphrase: string, timeout = 60_000): Promise<void> {
  const prompt = frame.getByTestId('passphrase-input');
  await expect(prompt.or(done).first()).toBeVisible({ timeout });
  if (await prompt.isVisible()) {
    await prompt.fill(passphrase);
    await pressGuarded(frame.getByTestId('passphrase-submit'));
  }
}

/** Clicks Decrypt/Check in a reader frame and waits until it shows the content. */
export async function revealInReader(reader: FrameLocator, passphrase: string, timeout = 60_000): Promise<void> {
  await pressGuarded(reader.getByTestId('reader-open'));
  const content = reader.getByTestId('reader-content');
  await answerPromptIfAsked(reader, content, passphrase, timeout);
  await expect(content).toBeVisible({ timeout });
}

/** Text matched literally inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A plain-text message as the reader shows it: inline text, never parsed as HTML. */
export function messageText(reader: FrameLocator): Locator {
  return reader.getByTestId('message-text');
}

/** An HTML message as the reader shows it: sanitised, in its sandboxed frame without scripts or network. */
export function messageHtml(reader: FrameLocator): Locator {
  return reader.frameLocator('[data-testid="safe-frame"]').locator('body');
}
