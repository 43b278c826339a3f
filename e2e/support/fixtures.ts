/**
 * Playwright fixtures, browser-neutral: a fresh profile of the project's browser (engine.ts) with the test
 * build of Lockpane loaded, the extension's origin and id, and helpers to talk to the background as an
 * extension page would. `worker` (the MV3 service worker) exists in Chromium only; Firefox runs the same
 * background bundle as an event page (see background-control.ts for stopping either).
 */
import { test as base, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromiumPath } from './chromium';
import { isFirefox } from './engine';
import { extensionOriginFor, openExtensionPage } from './extension-pages';
import { firefoxMissing, launchFirefoxContext } from './firefox-launch';
import { startServer, type TestServer } from './server';

export const extensionDir = path.resolve(__dirname, '../../dist/test/chrome');

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

type Fixtures = {
  context: BrowserContext;
  /** Chromium: the id from the manifest key. Firefox: the pinned moz-extension UUID. */
  extensionId: string;
  /** chrome-extension://<id> or moz-extension://<uuid>. */
  extensionOrigin: string;
  /** Chromium only: the service worker (a Firefox spec that asks for it fails with a clear error). */
  worker: Worker;
  /** An extension page (options.html) used to send page-class messages. */
  extPage: Page;
  send: (name: string, body?: unknown) => Promise<Reply>;
  enableSite: (origin: string) => Promise<void>;
};

/**
 * A fresh browser with the test build (or the unpacked extension in `opts.dir`); pass a profile folder to
 * keep state across a browser restart.
 */
/** A phone-sized screen with touch (Firefox for Android's class of device; issue #19), for `phone: true`. */
export const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

export async function launchWithExtension(userDataDir = '', opts: { dir?: string; headless?: boolean; phone?: boolean } = {}): Promise<BrowserContext> {
  const headless = opts.headless ?? !process.env.HEADED;
  if (isFirefox()) return launchFirefoxContext(userDataDir, { headless, ...(opts.phone ? phone : {}) }, opts.dir);
  const dir = opts.dir ?? extensionDir;
  return chromium.launchPersistentContext(userDataDir, {
    ...(opts.phone ? phone : {}),
    executablePath: chromiumPath,
    headless,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      `--disable-extensions-except=${dir}`, `--load-extension=${dir}`,
    ],
  });
}

/** The test build's extension id, derived from its manifest key as Chrome does (sha256, first 32 hex digits a-p). */
export function testExtensionId(dir = extensionDir): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { key: string };
  const hash = createHash('sha256').update(Buffer.from(manifest.key, 'base64')).digest('hex').slice(0, 32);
  return [...hash].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
}

export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  if (isFirefox()) throw new Error('Firefox has no extension service worker: use extensionOriginOf / background-control instead');
  const [sw] = context.serviceWorkers();
  if (sw) return sw;
  try {
    return await context.waitForEvent('serviceworker', { timeout: 10_000 });
  } catch {
    // On a loaded machine the worker may have started and gone idle before we listened: wake it.
    const page = await context.newPage();
    const woken = context.waitForEvent('serviceworker', { timeout: 20_000 });
    woken.catch(() => undefined); // unused when the page visit finds the worker already running
    await page.goto(`chrome-extension://${testExtensionId()}/options.html`).catch(() => undefined);
    const [again] = context.serviceWorkers();
    const worker = again ?? (await woken);
    await page.close();
    return worker;
  }
}

/** The extension's origin in `context` (Chromium: read from the running worker, so it is known to be up). */
export async function extensionOriginOf(context: BrowserContext): Promise<string> {
  if (isFirefox()) return extensionOriginFor('');
  // Not URL.origin: Node gives 'null' for a chrome-extension: URL.
  return extensionOriginFor(new URL((await extensionWorker(context)).url()).host);
}

/** The value of a worker reply, or a thrown Error naming its code (for setup steps that must succeed). */
export async function ok<T>(reply: Promise<Reply>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

export async function sendFrom(page: Page, name: string, body: unknown = {}): Promise<Reply> {
  return page.evaluate(
    ([n, b]) => chrome.runtime.sendMessage({ lockpane: 1, name: n, body: b }) as Promise<Reply>,
    [name, body] as const,
  );
}

export const test = base.extend<Fixtures, { server: TestServer }>({
  server: [async ({}, use) => {
    const server = await startServer();
    await use(server);
    await server.close();
  }, { scope: 'worker' }],
  context: async ({}, use, info) => {
    const missing = isFirefox() ? firefoxMissing() : null;
    // As prerequisites.ts: skipped outside CI, a failure under CI=true.
    if (missing && process.env.CI === 'true') throw new Error(`${missing} (CI=true: a missing prerequisite fails the spec)`);
    info.skip(missing !== null, `${missing}: skipped outside CI`);
    const context = await launchWithExtension();
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => use(await extensionWorker(context)),
  extensionOrigin: async ({ context }, use) => use(await extensionOriginOf(context)),
  extensionId: async ({ extensionOrigin }, use) => use(new URL(extensionOrigin).host),
  extPage: async ({ context, extensionOrigin }, use) => use(await openExtensionPage(context, extensionOrigin, 'options.html')),
  send: async ({ extPage }, use) => use((name, body) => sendFrom(extPage, name, body)),
  enableSite: async ({ send }, use) => use(async (origin) => {
    const reply = await send('sites.enable', { origin });
    if (!reply.ok) throw new Error(`could not enable ${origin}: ${reply.error.message}`);
  }),
});

export const expect = test.expect;
