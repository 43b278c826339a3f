/**
 * Issue #15: `npm start` as a newcomer meets it, through start.ts's own launch (scripts/start-demo.ts), run
 * headless: the product build, its setup tab in front of the demo mail and no stray about:blank; then the
 * README's First steps 1-2 word for word (make the key, "Turn on for this site", "Reload the page now") and
 * the demo message opened with the password the page names ("demo"). Screenshots are kept as artefacts.
 *
 * The one difference from `npm start`: a headless browser cannot show or answer its own permission prompt,
 * so this spec runs a copy of the product build whose manifest grants the loopback site at install
 * (what "Allow" on that prompt grants); the popup's permission request then succeeds without asking.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page, TestInfo } from '@playwright/test';
import { testHostPermissions } from '../../scripts/build/derive-manifest';
import { productChromeDir, startDemo, type Demo } from '../../scripts/start-demo';
import { expect, test } from '../support/fixtures';
import { messageText } from '../support/frames';
import { expectAccessible, snap } from '../support/ui';
import { pressGuarded } from '../support/guarded';

let granted = '';

test.beforeAll(() => {
  const manifest = path.join(productChromeDir, 'manifest.json');
  if (!fs.existsSync(manifest)) throw new Error('dist/chrome is missing: run `npm run build` first');
  const m = JSON.parse(fs.readFileSync(manifest, 'utf8')) as Record<string, unknown>;
  expect(m.host_permissions, 'the product build asks for no site up front').toBeUndefined();
  granted = fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-start-'));
  fs.cpSync(productChromeDir, granted, { recursive: true });
  fs.writeFileSync(path.join(granted, 'manifest.json'), JSON.stringify({ ...m, host_permissions: testHostPermissions }));
});
test.afterAll(() => fs.rmSync(granted, { recursive: true, force: true }));

/** The README shows these; a run refreshes the committed copies only on request. */
async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  await snap(page, info, name);
  if (process.env.LOCKPANE_UPDATE_SCREENSHOTS === '1') fs.copyFileSync(`test-results/ui/${name}.png`, `docs/screenshots/${name}.png`);
}

/** The URL of the tab in front, as the browser's tab strip has it (headless pages all count as visible). */
async function frontTab(context: BrowserContext): Promise<string | undefined> {
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
  return worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.url);
}

test('npm start: setup in front, no about:blank; First steps 1-2 as written; the demo message opens with "demo"', async ({}, info) => {
  test.setTimeout(180_000);
  let demo: Demo | undefined;
  try {
    demo = await startDemo({ headless: true, dir: granted });
    const [{ context, setup, mail, me }] = demo.profiles as [Demo['profiles'][number]];
    expect(context.pages().map((p) => p.url()).sort()).toEqual([`${demo.demoUrl}?me=${encodeURIComponent(me)}`, setup.url()].sort());
    expect(await frontTab(context)).toBe(setup.url());
    await expect(setup.getByTestId('onboarding')).toBeVisible();
    await shot(setup, info, 'npm-start-1-setup');

    // 1. Make your key.
    await setup.getByTestId('onb-name').fill('Alice Example');
    await setup.getByTestId('onb-email').fill(me);
    await setup.getByTestId('onb-email').press('Enter');
    await setup.getByTestId('new-passphrase').fill('harbor violet tundra quill 42');
    await setup.getByTestId('repeat-passphrase').fill('harbor violet tundra quill 42');
    await setup.getByTestId('onb-create').click();
    await expect(setup.getByTestId('onboarding')).toHaveAttribute('data-step', 'indicator', { timeout: 60_000 });
    await setup.getByTestId('indicator-phrase').fill('blue heron at noon');
    await setup.getByRole('radio', { name: 'Teal' }).check();
    await setup.getByTestId('indicator-save').click();
    await setup.getByTestId('onb-finish-button').click();
    await expect(setup.getByTestId('key-row')).toHaveCount(1);

    // 2. Turn Lockpane on for your web mail: the toolbar popup acts on the active tab, the demo mail.
    const id = new URL(setup.url()).host;
    await mail.bringToFront();
    await expect(mail.locator('lockpane-secure')).toHaveCount(0); // off until the user turns it on
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${id}/popup.html`);
    await mail.bringToFront();
    await popup.reload();
    await expect(popup.getByTestId('popup-site')).toHaveText(`Lockpane is off for ${demo.server.origin}.`);
    await expect(popup.getByTestId('popup-toggle')).toHaveText('Turn on for this site');
    await popup.getByTestId('popup-toggle').click();
    await expect(popup.getByTestId('popup-reload')).toHaveText('Reload the page now');
    const reloaded = mail.waitForEvent('load');
    await popup.getByTestId('popup-reload').click();
    await reloaded;
    if (!popup.isClosed()) await popup.close();

    // The demo message: "This demo message is password-encrypted; the demo password is demo".
    await expect(mail.locator('.hint')).toContainText('the demo password is demo');
    const reader = mail.frameLocator('#message-body iframe[src*="reader.html"]');
    await pressGuarded(reader.getByTestId('reader-open'));
    await expect(reader.getByTestId('message-password-prompt')).toContainText('This message is protected with a password');
    await reader.getByLabel('Message password').fill('demo');
    await pressGuarded(reader.getByTestId('message-password-submit'));
    await expect(messageText(reader)).toHaveText('Hello from the Lockpane demo.');
    await expectAccessible(mail, 'npm start: demo message decrypted');
    await shot(mail, info, 'npm-start-2-demo-decrypted');
  } finally {
    await demo?.close();
  }
});

test('npm start -- --two: a second profile signed in as bob, each with its own setup in front', async () => {
  test.setTimeout(120_000);
  let demo: Demo | undefined;
  try {
    demo = await startDemo({ two: true, headless: true, dir: granted });
    expect(demo.profiles.map((p) => p.me)).toEqual(['alice@example.test', 'bob@example.test']);
    for (const p of demo.profiles) {
      expect(p.context.pages()).toHaveLength(2);
      expect(await frontTab(p.context)).toBe(p.setup.url());
      await expect(p.setup.getByTestId('onboarding')).toBeVisible();
      await expect(p.mail.locator('#demo-me')).toHaveValue(p.me);
    }
    expect(demo.profiles[0]!.context).not.toBe(demo.profiles[1]!.context);
  } finally {
    await demo?.close();
  }
});
