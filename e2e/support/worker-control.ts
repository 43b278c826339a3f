/**
 * Stops the extension's service worker the way Chrome does when it goes idle (MV3), through CDP: a
 * session on one of our own pages sees our origin's service worker and can stop its running version.
 */
import type { BrowserContext, Page } from '@playwright/test';

type VersionUpdate = { versions: { versionId: string; scriptURL: string; runningStatus: string }[] };

export async function stopServiceWorker(context: BrowserContext, extPage: Page): Promise<void> {
  const cdp = await context.newCDPSession(extPage);
  const status = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', (e: VersionUpdate) => {
    for (const v of e.versions) if (v.scriptURL.endsWith('/background.js')) status.set(v.versionId, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  const until = async (check: () => boolean, what: string) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
    if (!check()) throw new Error(what);
  };
  await until(() => [...status.values()].some((s) => s === 'running'), 'no running extension service worker was found over CDP');
  for (const [versionId, s] of status) if (s === 'running') await cdp.send('ServiceWorker.stopWorker', { versionId });
  await until(() => [...status.values()].every((s) => s === 'stopped'), 'the worker did not stop');
  await cdp.detach();
}
