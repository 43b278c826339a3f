/**
 * Stops the extension's service worker the way Chrome does when it goes idle (MV3), through CDP: a
 * session on one of our own pages sees our origin's service worker and can stop its running version.
 */
import type { BrowserContext, Page } from '@playwright/test';

type VersionUpdate = { versions: { versionId: string; scriptURL: string; runningStatus: string }[] };

export type WorkerStopper = {
  /** Stops every running version now and waits until it is stopped. */
  stop(): Promise<void>;
  /** Whether a version of the worker runs now (as CDP last reported it). */
  running(): boolean;
  detach(): Promise<void>;
};

async function until(check: () => boolean, what: string, tries = 100): Promise<void> {
  for (let i = 0; i < tries && !check(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!check()) throw new Error(what);
}

/**
 * Attaches first so that a later `stop()` costs one CDP round trip: specs that stop the worker while a
 * request is in flight need the stop to land within milliseconds of the user's click.
 */
export async function workerStopper(context: BrowserContext, extPage: Page): Promise<WorkerStopper> {
  const cdp = await context.newCDPSession(extPage);
  const status = new Map<string, string>();
  // Versions seen stopped since the last stop(): a request in flight restarts the worker at once, so
  // polling the current status alone could miss the stop.
  const stoppedSince = new Set<string>();
  cdp.on('ServiceWorker.workerVersionUpdated', (e: VersionUpdate) => {
    for (const v of e.versions) {
      if (!v.scriptURL.endsWith('/background.js')) continue;
      status.set(v.versionId, v.runningStatus);
      if (v.runningStatus === 'stopped') stoppedSince.add(v.versionId);
    }
  });
  await cdp.send('ServiceWorker.enable');
  return {
    async stop() {
      await until(() => [...status.values()].some((s) => s === 'running'), 'no running extension service worker was found over CDP');
      const running = [...status].filter(([, s]) => s === 'running').map(([id]) => id);
      stoppedSince.clear();
      for (const versionId of running) await cdp.send('ServiceWorker.stopWorker', { versionId });
      await until(() => running.every((id) => stoppedSince.has(id)), 'the worker did not stop');
    },
    running: () => [...status.values()].some((s) => s === 'running'),
    detach: () => cdp.detach(),
  };
}

export async function stopServiceWorker(context: BrowserContext, extPage: Page): Promise<void> {
  const stopper = await workerStopper(context, extPage);
  try {
    await stopper.stop();
  } finally {
    await stopper.detach();
  }
}
