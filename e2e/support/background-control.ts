/**
 * Stopping Lockpane's background the way the browser does when it goes idle, in either browser:
 * Chromium stops the MV3 service worker (worker-control.ts, CDP); Firefox suspends the event page
 * (background scripts) through the add-on's own terminateBackground(), the call behind both idle
 * suspension and about:debugging's "Terminate background script". The next message starts it again.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { isFirefox } from './engine';
import { extensionWorker } from './fixtures';
import { chromeEvaluate } from './firefox-launch';
import { stopServiceWorker } from './worker-control';

/** Firefox's background state for the add-on: 'starting', 'running', 'suspending' or 'stopped'. */
export async function firefoxBackgroundState(context: BrowserContext): Promise<string> {
  return String(await chromeEvaluate(context, (id) => `(() => {
    const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
    return ExtensionParent.GlobalManager.getExtension(${JSON.stringify(id)}).backgroundState;
  })()`));
}

export async function stopBackground(context: BrowserContext, extPage: Page): Promise<void> {
  if (!isFirefox()) return stopServiceWorker(context, extPage);
  const state = await chromeEvaluate(context, (id) => `(async () => {
    const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
    const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(id)});
    await extension.terminateBackground();
    return extension.backgroundState;
  })()`);
  if (state !== 'stopped') throw new Error(`Firefox did not stop Lockpane's background page (state: ${String(state)})`);
}

/**
 * The background's JS heap in bytes, or -1 where the browser does not expose it: Chromium reads
 * performance.memory in the service worker; Firefox's event page has no performance.memory.
 */
export async function backgroundHeapBytes(context: BrowserContext): Promise<number> {
  if (isFirefox()) return -1;
  const worker = await extensionWorker(context);
  return worker.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? -1);
}
