/**
 * What `npm start` opens, shared by scripts/start.ts and its walkthrough spec (e2e/specs/npm-start.spec.ts):
 * the local demo web mail, and per person a fresh Chromium profile with an unpacked Lockpane build — by
 * default the product build (dist/chrome), which opens its setup by itself on install, as a store install
 * does. Nothing is granted or enabled up front: the user turns Lockpane on for the demo site in the popup.
 */
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { launchWithExtension } from '../e2e/support/fixtures';
import { startServer, type TestServer } from '../e2e/support/server';

export const productChromeDir = path.resolve(__dirname, '../dist/chrome');

export type DemoProfile = { me: string; context: BrowserContext; setup: Page; mail: Page };
export type Demo = { server: TestServer; demoUrl: string; profiles: DemoProfile[]; close(): Promise<void> };
export type DemoOptions = { two?: boolean; headless?: boolean; dir?: string };

const isSetup = (p: Page) => p.url().endsWith('/options.html');

/**
 * The setup tab the extension opens on install. Polled: a new tab is announced while still blank and
 * only later shows its URL.
 */
async function setupTab(context: BrowserContext, timeoutMs = 30_000): Promise<Page> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    const page = context.pages().find(isSetup);
    if (page) return page;
  }
  throw new Error(`Lockpane did not open its setup within ${timeoutMs / 1000} s of being installed`);
}

export async function startDemo(opts: DemoOptions = {}): Promise<Demo> {
  const server = await startServer();
  const demoUrl = server.url('/demo/');
  const people = opts.two ? ['alice@example.test', 'bob@example.test'] : ['alice@example.test'];
  const opened = await Promise.allSettled(people.map((me) => openProfile(`${demoUrl}?me=${encodeURIComponent(me)}`, me, opts)));
  const profiles = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const close = async () => {
    await Promise.all(profiles.map((p) => p.context.close().catch(() => undefined)));
    await server.close();
  };
  const failed = opened.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  return { server, demoUrl, profiles, close };
}

/** One fresh profile: Lockpane's own setup tab in front, the demo mail signed in as `me` behind it. */
async function openProfile(mailUrl: string, me: string, opts: DemoOptions): Promise<DemoProfile> {
  const context = await launchWithExtension('', { dir: opts.dir ?? productChromeDir, headless: opts.headless ?? false });
  try {
    const setup = await setupTab(context);
    // The browser's first, empty tab becomes the demo mail, so no stray about:blank stays open.
    const mail = context.pages().find((p) => p.url() === 'about:blank') ?? await context.newPage();
    await mail.goto(mailUrl);
    await setup.bringToFront();
    return { me, context, setup, mail };
  } catch (e) {
    await context.close().catch(() => undefined);
    throw e;
  }
}
