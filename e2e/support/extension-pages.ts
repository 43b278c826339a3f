/**
 * Lockpane's own pages (options, popup) in either browser. Chromium: chrome-extension://<id from the key>,
 * opened by navigating a new tab. Firefox: moz-extension://<pinned UUID>; a tab that navigates there before
 * the add-on has started never gets a script realm over BiDi (evaluate hangs), so the page is opened again
 * until Lockpane's API answers in it.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { isFirefox } from './engine';
import { firefoxTestUuid } from './firefox-launch';

/** The extension's origin in the running spec's browser, for the test build (or the build in `dir`). */
export function extensionOriginFor(chromiumId: string): string {
  return isFirefox() ? `moz-extension://${firefoxTestUuid}` : `chrome-extension://${chromiumId}`;
}

const delay = (ms: number) => new Promise<false>((done) => setTimeout(() => done(false), ms));

async function answers(page: Page): Promise<boolean> {
  const probe = page.evaluate(() => document.readyState !== 'loading' && typeof chrome?.runtime?.sendMessage === 'function');
  return Promise.race([probe.catch(() => false), delay(3000)]);
}

/**
 * Opens `file` (e.g. 'options.html', 'popup.html?x') of the extension at `origin` in a new tab. With
 * `behind`, that page is brought to the front before the new tab loads, so the new one (a popup opened as
 * a tab) finds it as the active tab, as a real popup finds the page it was opened over (Chromium; in
 * Firefox each Playwright page has a window of its own: see playwright.config.ts, firefoxSpecs).
 */
export async function openExtensionPage(context: BrowserContext, origin: string, file: string, opts: { behind?: Page } = {}): Promise<Page> {
  const url = `${origin}/${file}`;
  if (!isFirefox()) {
    const page = await context.newPage();
    await opts.behind?.bringToFront();
    await page.goto(url);
    return page;
  }
  for (let attempt = 1; ; attempt++) {
    const page = await context.newPage();
    await opts.behind?.bringToFront();
    // BiDi does not report a moz-extension load as finished: commit, then ask the page itself. A commit
    // that never comes (the same lost document) is retried too, in a new tab.
    const committed = await page.goto(url, { waitUntil: 'commit', timeout: 8000 }).then(() => true, () => false);
    if (committed && (await answers(page))) return page;
    void page.close().catch(() => undefined);
    if (attempt === 8) throw new Error(`${url} did not start in Firefox (is the add-on installed?)`);
  }
}

/** Reloads an extension page and waits until it answers again (Firefox: see openExtensionPage). */
export async function reloadExtensionPage(page: Page): Promise<void> {
  if (!isFirefox()) return void (await page.reload());
  await page.reload({ waitUntil: 'commit' });
  for (let i = 0; i < 20 && !(await answers(page)); i++) await delay(250);
}
