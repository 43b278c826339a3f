/** What every UI spec checks and keeps: no missing message key, no serious axe violation, and screenshots as artefacts. */
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from './fixtures';

export const screenshotDir = path.resolve(__dirname, '../../test-results/ui');

export async function snap(page: Page, info: TestInfo, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await info.attach(name, { path: file, contentType: 'image/png' });
}

/** `⟦key⟧` is what t() shows for a key missing from the locale. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(await page.locator('body').innerText(), `${what}: a message key is missing`).not.toContain('⟦');
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
