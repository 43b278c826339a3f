/**
 * Debian's firefox-esr with the production Firefox build of Lockpane, driven by puppeteer-core over WebDriver
 * BiDi (Playwright cannot drive it, RECIPES A9). The build is copied under a throw-away add-on id with
 * loopback host access up front (as the Chrome test build has), so specs can enable the test server's origin.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { expect } from './fixtures';

export const firefoxPath = process.env.LOCKPANE_FIREFOX ?? '/usr/bin/firefox-esr';
export const firefoxBuildDir = path.resolve(__dirname, '../../dist/firefox');

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
type WebExt = { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };

export type FirefoxLockpane = {
  browser: Browser;
  /** A page-class message from Lockpane's options page; throws on an error reply. */
  send<T>(name: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
};

/** Why a Firefox case cannot run here, or null. */
export function firefoxMissing(): string | null {
  if (!fs.existsSync(firefoxPath)) return `firefox-esr not found at ${firefoxPath} (apt-get install firefox-esr)`;
  if (!fs.existsSync(path.join(firefoxBuildDir, 'manifest.json'))) return 'dist/firefox is missing (run `npm run build` first)';
  return null;
}

export async function launchFirefoxWithLockpane(): Promise<FirefoxLockpane> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-ff-'));
  fs.cpSync(firefoxBuildDir, dir, { recursive: true });
  const id = `lockpane-e2e-${randomBytes(6).toString('hex')}@lockpane.dev`;
  const uuid = randomUUID();
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { browser_specific_settings: { gecko: { id: string } }; host_permissions?: string[] };
  manifest.browser_specific_settings.gecko.id = id;
  manifest.host_permissions = ['http://127.0.0.1/*'];
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: firefoxPath, headless: !process.env.HEADED,
    // WebDriver navigation to moz-extension:// pages needs system access.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [id]: uuid }) },
  });
  expect(await browser.installExtension(dir)).toBe(id);
  const ext: Page = await browser.newPage();
  // BiDi never reports a moz-extension load as finished: wait for the API instead.
  await ext.goto(`moz-extension://${uuid}/options.html`, { timeout: 3000 }).catch(() => undefined);
  await expect.poll(() => ext.evaluate(() => typeof (globalThis as unknown as Partial<WebExt>).browser?.runtime?.sendMessage).catch(() => 'none'),
    { timeout: 15_000 }).toBe('function');
  return {
    browser,
    async send<T>(name: string, body: unknown = {}): Promise<T> {
      const r = await ext.evaluate((n, b) => (globalThis as unknown as WebExt).browser.runtime.sendMessage({ lockpane: 1, name: n, body: b }) as Promise<Reply>, name, body);
      if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
      return r.value as T;
    },
    async close() {
      await browser.close().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
