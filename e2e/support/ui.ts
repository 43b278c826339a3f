/** What every UI spec checks and keeps: no missing message key, no serious axe violation, and screenshots as artefacts. */
import AxeBuilder from '@axe-core/playwright';
import type { Frame, Page, TestInfo } from '@playwright/test';
import axe from 'axe-core';
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

/**
 * The same checks for one Lockpane frame inside a web page (editor, reader). axe runs in that frame only:
 * the page's own markup is not ours, and the reader's sandboxed content frame (mail content, no scripts)
 * cannot host axe, which makes a page-wide run hang.
 */
export async function expectFrameAccessible(frame: Frame, what: string): Promise<void> {
  expect(await frame.locator('body').innerText(), `${what}: a message key is missing`).not.toContain('⟦');
  await frame.evaluate(axe.source);
  const violations = await frame.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe.run;
    return (await run(document, { iframes: false, resultTypes: ['violations'] })).violations;
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The Lockpane frame of this kind in a page (the newest one when there are several). */
export function lockpaneFrame(page: Page, kind: 'reader' | 'editor'): Frame {
  const frame = page.frames().filter((f) => f.url().includes(`/${kind}.html`)).at(-1);
  if (!frame) throw new Error(`no Lockpane ${kind} frame on ${page.url()}`);
  return frame;
}
