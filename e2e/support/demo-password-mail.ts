/**
 * Alice sends a password mail from the demo web mail (generic mode: its compose form has a file input,
 * so Lockpane attaches through it): secure editor, "Protect with a password", the suggested password,
 * Encrypt. Returns the password as the editor showed it (what she would read out on the phone).
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';
import { pressGuarded } from './guarded';

/**
 * Waits until `control` stays put for a moment: the editor frame and the page's attachment list change
 * size after Encrypt, and a click aimed before that lands on whatever moved under it (seen: the editor's
 * drop zone instead of the page's Send).
 */
export async function layoutSettled(control: Locator): Promise<void> {
  let last = '';
  await expect.poll(async () => {
    const box = JSON.stringify(await control.boundingBox());
    const same = box === last;
    last = box;
    return same;
  }, { intervals: [300], timeout: 15_000 }).toBe(true);
}

export type PasswordMailDraft = { to: string; subject: string; body: string; file?: { name: string; mimeType: string; buffer: Buffer } };

export async function sendDemoPasswordMail(page: Page, draft: PasswordMailDraft): Promise<string> {
  await page.locator('#compose-to').fill(draft.to);
  await page.locator('#compose-subject').fill(draft.subject);
  await page.locator('#compose-body').locator('xpath=preceding-sibling::lockpane-secure[1]').click();
  const editor = page.frameLocator('iframe[src*="editor.html"]');
  await editor.getByTestId('editor-body').fill(draft.body);
  if (draft.file) await editor.getByTestId('attach-input').setInputFiles(draft.file);
  await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'false');
  await editor.getByTestId('password-protect').click();
  const password = await editor.getByTestId('password-value').inputValue();
  expect(password).toMatch(/^[a-z]{4}(-[a-z]{4}){4}$/);
  await pressGuarded(editor.getByTestId('editor-encrypt'));
  await expect(editor.getByTestId('editor-error')).toHaveCount(0);
  await expect(page.locator('#compose-attachments')).toContainText('protected-message.html', { timeout: 60_000 });
  await expect(page.locator('#compose-body')).toHaveValue(/sent you a protected message/);
  await page.locator('#send').scrollIntoViewIfNeeded();
  await layoutSettled(page.locator('#send'));
  return password;
}
