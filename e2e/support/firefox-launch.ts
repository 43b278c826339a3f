/**
 * Debian's firefox-esr with the Firefox test build of Lockpane (dist/test/firefox), driven by Playwright
 * over WebDriver BiDi through firefox-bidi-shim (which papers over two emulation commands ESR lacks).
 * The add-on is installed the way a sideloaded add-on is: a proxy file named after its id in the
 * profile's extensions folder points at the unpacked build (ESR honours xpinstall.signatures.required).
 * Its moz-extension UUID is pinned through a pref, so a profile reused after a restart keeps its origin.
 */
import { firefox, type BrowserContext } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const firefoxPath = process.env.LOCKPANE_FIREFOX ?? '/usr/bin/firefox-esr';
export const firefoxTestBuild = path.resolve(__dirname, '../../dist/test/firefox');
const shim = path.resolve(__dirname, 'firefox-bidi-shim.sh');
/** The test build's moz-extension host (any UUID works; a fixed one keeps URLs stable across restarts). */
export const firefoxTestUuid = '6c0c7a11-0c4e-4b9a-9d3e-10c4a9a1e2e5';

/** Why the Firefox project cannot run here, or null. */
export function firefoxMissing(): string | null {
  if (!fs.existsSync(firefoxPath)) return `firefox-esr not found at ${firefoxPath} (apt-get install firefox-esr)`;
  if (!fs.existsSync(path.join(firefoxTestBuild, 'manifest.json'))) return 'dist/test/firefox is missing (run `npm run build:test` first)';
  return null;
}

export function firefoxAddonId(dir = firefoxTestBuild): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } };
  return manifest.browser_specific_settings.gecko.id;
}

const launched = new WeakMap<BrowserContext, { addonId: string; controlFile: string }>();

/**
 * Runs `expression` in Firefox's privileged chrome scope (firefox-bidi-shim's control socket) and returns
 * its awaited value; for what no web API offers, such as suspending the add-on's background page.
 */
export async function chromeEvaluate(context: BrowserContext, expression: (addonId: string) => string): Promise<unknown> {
  const known = launched.get(context);
  if (!known) throw new Error('not a Firefox context from launchFirefoxContext');
  const port = fs.readFileSync(known.controlFile, 'utf8');
  const res = await fetch(`http://127.0.0.1:${port}/chrome-evaluate`, { method: 'POST', body: expression(known.addonId) });
  const reply = (await res.json()) as { value?: { value?: unknown }; error?: string };
  if (!res.ok) throw new Error(`chrome-scope script failed: ${reply.error ?? res.status}`);
  return reply.value?.value;
}

export type FirefoxLaunch = { headless: boolean; viewport?: { width: number; height: number }; hasTouch?: boolean; isMobile?: boolean; deviceScaleFactor?: number };

/**
 * `userDataDir` '' makes a throw-away profile (removed on close); a folder keeps state across a restart.
 * Background idle suspension stays at Firefox's default (30 s): specs that test it trigger it themselves.
 */
export async function launchFirefoxContext(userDataDir: string, opts: FirefoxLaunch, dir = firefoxTestBuild): Promise<BrowserContext> {
  const missing = firefoxMissing();
  if (missing) throw new Error(missing);
  const temporary = userDataDir === '';
  const profile = temporary ? fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-ff-')) : userDataDir;
  const id = firefoxAddonId(dir);
  const controlFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-ffctl-')), 'port');
  fs.mkdirSync(path.join(profile, 'extensions'), { recursive: true });
  fs.writeFileSync(path.join(profile, 'extensions', id), dir);
  const context = await firefox.launchPersistentContext(profile, {
    ...opts,
    channel: 'moz-firefox', // Playwright's BiDi path, the one that drives a stock Firefox
    executablePath: shim,
    env: { ...process.env, LOCKPANE_FIREFOX: firefoxPath, LOCKPANE_SHIM_CONTROL: controlFile },
    // WebDriver may navigate to moz-extension:// pages only with system access.
    args: ['--remote-allow-system-access'],
    firefoxUserPrefs: {
      'xpinstall.signatures.required': false,
      'extensions.autoDisableScopes': 0,
      'extensions.webextensions.uuids': JSON.stringify({ [id]: firefoxTestUuid }),
      // A download only saves. By default Firefox also opens its downloads panel, which takes the focus
      // from the page and keeps it (the driver's clicks do not close it as a person's do): a frame guard
      // then refuses every press for want of focus. And it opens a saved PDF in its viewer in a new tab.
      'browser.download.alwaysOpenPanel': false,
      'pdfjs.disabled': true,
      // Nor does it tell the desktop (GTK writes ~/.local/share/recently-used.xbel, outside the clone).
      'browser.download.manager.addToRecentDocs': false,
    },
  });
  launched.set(context, { addonId: id, controlFile });
  context.on('close', () => fs.rmSync(path.dirname(controlFile), { recursive: true, force: true }));
  // Firefox's last writers (telemetry) may still be finishing as the context reports closed.
  if (temporary) context.on('close', () => void fs.promises.rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }).catch(() => undefined));
  return context;
}
