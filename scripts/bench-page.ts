/**
 * `npm run bench:page`: what the content script costs a busy web mail page, and how fast an armored block
 * becomes readable. Prints medians and ratios measured in this run (machines are noisy: compare ratios).
 *
 *  1. main-thread time (CDP TaskDuration) of a 5,000-row list churning for 3 s, with Lockpane enabled on the
 *     page vs. the same browser build without the extension: ratio (target < 1.05)
 *  2. block appears → reader frame ready; click → plaintext shown (passphrase cached), warm and cold worker,
 *     and cold after a user's click in the page (the content script wakes the worker on input);
 *     twice: as the test driver sees it (Playwright polling included) and as the browser timed it (User
 *     Timing marks in the reader frame against the page's clock, both on `performance.timeOrigin`)
 *  3. on each web mail replica (Gmail, Outlook, Yahoo): detection latency and the page's script time with
 *     and without Lockpane (scripts/bench-page-sites.ts)
 * `BENCH_PART=list` or `BENCH_PART=sites` runs only the first two or only the third.
 */
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { encrypt, readKey } from '../keyring/pgp';
import { chromiumPath, ensureChromium } from '../e2e/support/chromium';
import { launchWithExtension, sendFrom } from '../e2e/support/fixtures';
import { setUpProfile, bob } from '../e2e/support/identities';
import { startServer } from '../e2e/support/server';
import { stopServiceWorker } from '../e2e/support/worker-control';
import { readerMarks } from '../extension/frames/timing';
import { benchSites } from './bench-page-sites';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const part = process.env.BENCH_PART ?? 'all';
/** Click → message shown by the web mail in the 'input' mode; real web mails take longer (they fetch it). */
const inputToBlockMs = 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function taskSeconds(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  await page.evaluate(() => (window as unknown as { churn(ms: number): Promise<number> }).churn(3000));
  await page.waitForTimeout(200);
  const after = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  await cdp.detach();
  return after - before;
}

async function churnCost(url: string, withExtension: BrowserContext, without: BrowserContext): Promise<{ on: number; off: number }> {
  const on: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const [ctx, out] of [[withExtension, on], [without, off]] as const) {
      const page = await ctx.newPage();
      await page.goto(url);
      await page.waitForTimeout(300);
      out.push(await taskSeconds(ctx, page));
      await page.close();
    }
  }
  return { on: median(on), off: median(off) };
}

/**
 * The worker's spans for one round: each measure (summed by name), and for a fresh worker its start
 * (global created, from the block's append on the page clock), script compile before our first module, and
 * the top-level evaluation of the bundle.
 */
async function workerTimings(worker: Worker | undefined, appendedAt: number): Promise<Map<string, number>> {
  if (!worker) return new Map();
  const { origin, entries } = await worker.evaluate(() => ({
    origin: performance.timeOrigin,
    entries: performance.getEntries().map((e) => ({ name: e.name, type: e.entryType, start: e.startTime, duration: e.duration })),
  }));
  const out = new Map<string, number>();
  const markAt = (n: string) => entries.find((e) => e.type === 'mark' && e.name === n)?.start;
  const evalStart = markAt('lp:eval-start');
  const evalEnd = markAt('lp:eval-end');
  if (evalStart !== undefined && evalEnd !== undefined) {
    out.set('0 block appended → worker global created', origin - appendedAt);
    out.set('1 worker created → first own module runs (fetch + compile)', evalStart);
    out.set('2 bundle top-level evaluation', evalEnd - evalStart);
  }
  for (const e of entries) if (e.type === 'measure') out.set(e.name, (out.get(e.name) ?? 0) + e.duration);
  return out;
}

async function main(): Promise<void> {
  ensureChromium();
  const server = await startServer();
  const plain = await chromium.launchPersistentContext('', { executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const context = await launchWithExtension();
  try {
    const profile = await setUpProfile(context, bob);
    const enabled = await sendFrom(profile.ext, 'sites.enable', { origin: server.origin });
    if (!enabled.ok) throw new Error(enabled.error.message);
    const unlocked = await sendFrom(profile.ext, 'keys.unlock', { fingerprint: profile.fingerprint, passphrase: bob.passphrase });
    if (!unlocked.ok) throw new Error(unlocked.error.message);

    const armored = await encrypt({ data: 'benchmark plaintext', encryptionKeys: [await readKey(profile.publicKey)], format: 'utf8' });
    if (part !== 'list') {
      for (const origin of ['https://mail.google.com', 'https://outlook.office.com', 'https://mail.yahoo.com']) {
        const on = await sendFrom(profile.ext, 'sites.enable', { origin });
        if (!on.ok) throw new Error(on.error.message);
      }
      await benchSites({ withExtension: context, without: plain, server, armored, me: { name: bob.name, email: bob.email }, rounds });
    }
    if (part === 'sites') return;

    const cost = await churnCost(server.url('/bench/list.html'), context, plain);
    const series = () => ({ frame: [] as number[], plaintext: [] as number[], mounted: [] as number[] });
    // 'input': cold, but as a user meets it: a click in the page, then the web mail shows the message after
    // fetching it (modelled as inputToBlockMs, shorter than real web mails take), so the content script's
    // wake-up on input can start the worker during that fetch.
    const modes = ['warm', 'cold', 'input'] as const;
    type Mode = (typeof modes)[number];
    const perMode = <T>(make: () => T): Record<Mode, T> => ({ warm: make(), cold: make(), input: make() });
    const timings = perMode(series);
    const browserTimed = perMode(series);
    /** Epoch milliseconds of a User Timing mark in a frame (waits for it). */
    const markAt = async (frame: import('@playwright/test').Frame, name: string): Promise<number> => {
      // A loop of evaluate calls: waitForFunction's predicate would need eval, which the extension's CSP forbids.
      for (let tries = 0; tries < 300; tries++) {
        const at = await frame.evaluate((n) => {
          const entry = performance.getEntriesByName(n)[0];
          return entry ? performance.timeOrigin + entry.startTime : null;
        }, name);
        if (at !== null) return at;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`mark ${name} never came`);
    };
    // The worker's own timing (test build: extension/worker/worker-timing.ts), per mode: ms per span name.
    const workerSpans = perMode(() => new Map<string, number[]>());
    // Playwright keeps one Worker object across a stop and restart; evaluate reaches the running one.
    let latestWorker = context.serviceWorkers().at(-1);
    context.on('serviceworker', (w) => { latestWorker = w; });
    for (let i = 0; i < rounds; i++) {
      for (const mode of modes) {
        const page = await context.newPage();
        await page.goto(server.url('/bench/list.html'));
        await page.waitForTimeout(300);
        if (mode !== 'warm') await stopServiceWorker(context, profile.ext);
        else await latestWorker?.evaluate(() => { performance.clearMarks(); performance.clearMeasures(); });
        const t0 = Date.now();
        await page.evaluate(({ block, delay }) => {
          // An event, not a named function: tsx would wrap one in a helper the page does not have.
          addEventListener('bench-show', () => {
            (window as unknown as { benchAppendedAt: number }).benchAppendedAt = performance.timeOrigin + performance.now();
            const pre = document.createElement('pre');
            pre.textContent = block;
            document.getElementById('read-pane')!.append(pre);
          }, { once: true });
          if (delay === null) dispatchEvent(new Event('bench-show'));
          else addEventListener('pointerdown', () => setTimeout(() => dispatchEvent(new Event('bench-show')), delay), { once: true });
        }, { block: armored, delay: mode === 'input' ? inputToBlockMs : null });
        if (mode === 'input') await page.mouse.click(5, 5);
        let appendedAt: number | undefined;
        while (appendedAt === undefined) {
          appendedAt = await page.evaluate(() => (window as unknown as { benchAppendedAt?: number }).benchAppendedAt);
          if (appendedAt === undefined) await new Promise((r) => setTimeout(r, 10));
        }
        const reader = page.frameLocator('iframe[src*="reader.html"]');
        await reader.getByTestId('reader-open').waitFor();
        const t1 = Date.now();
        const readerFrame = page.frames().find((f) => f.url().includes('/reader.html'));
        if (!readerFrame) throw new Error('reader frame not found');
        const readyAt = await markAt(readerFrame, readerMarks.ready);
        // A real press (the frame guard refuses a script's click): into view, a moment to be seen, then the
        // mouse; `force` because Playwright's "stable" check never passed on this 5,000-row page.
        await readerFrame.evaluate(() => document.addEventListener('click', () => {
          (window as unknown as { benchClickedAt: number }).benchClickedAt = performance.timeOrigin + performance.now();
        }, { capture: true })); // the last press counts (a refused one is pressed again)
        const open = reader.getByTestId('reader-open');
        await page.locator('iframe[src*="reader.html"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await page.waitForTimeout(700); // the frame guard wants a moved frame settled (500 ms) before a press
        let tClick = Date.now();
        // A refused press (the guard saw the frame still settling on this loaded machine) is pressed again, as
        // a person would; the timing counts from the press that worked.
        for (let attempt = 1; ; attempt++) {
          tClick = Date.now();
          await open.click({ force: true });
          const shown = await reader.getByTestId('message-text').waitFor({ timeout: 5000 }).then(() => true, () => false);
          if (shown) break;
          if (attempt === 3) throw new Error('Decrypt was refused three times');
          await page.waitForTimeout(700);
        }
        const clickedAt = await readerFrame.evaluate(() => (window as unknown as { benchClickedAt: number }).benchClickedAt);
        const t2 = Date.now();
        const shownAt = await markAt(readerFrame, readerMarks.shown);
        timings[mode].frame.push(t1 - t0 - (mode === 'input' ? inputToBlockMs : 0));
        timings[mode].plaintext.push(t2 - tClick);
        browserTimed[mode].frame.push(Math.round(readyAt - appendedAt));
        // The reader frame's own time origin: when its navigation started, i.e. the content script mounted it.
        browserTimed[mode].mounted.push(Math.round((await readerFrame.evaluate(() => performance.timeOrigin)) - appendedAt));
        browserTimed[mode].plaintext.push(Math.round(shownAt - clickedAt));
        for (const [name, v] of await workerTimings(latestWorker, appendedAt)) workerSpans[mode].set(name, [...(workerSpans[mode].get(name) ?? []), v]);
        await page.close();
      }
    }

    const ratio = cost.on / cost.off;
    console.log('\nLockpane page benchmark (Chromium, headless, this machine, medians of', rounds, 'rounds)');
    console.log('| measure | without extension | with Lockpane | ratio | target |');
    console.log('|---|---|---|---|---|');
    console.log(`| main-thread time, 5,000 rows churning 3 s | ${(cost.off * 1000).toFixed(0)} ms | ${(cost.on * 1000).toFixed(0)} ms | ${ratio.toFixed(3)} | < 1.05 |`);
    console.log(`\n| block appears → (browser-timed) | warm worker | cold worker | cold worker, a click ${inputToBlockMs} ms before the block |`);
    console.log('|---|---|---|---|');
    // Median (range) of one measure over the rounds; the total is summed per round, then its median taken.
    const ms = (xs: number[]) => (xs.length === 0 ? '—' : `${median(xs)} ms (${Math.min(...xs)}–${Math.max(...xs)})`);
    const row = (label: string, pick: (s: ReturnType<typeof series>) => number[]) =>
      console.log(`| ${label} | ${modes.map((m) => ms(pick(browserTimed[m]))).join(' | ')} |`);
    const total = (s: ReturnType<typeof series>) => s.frame.map((f, i) => f + (s.plaintext[i] ?? NaN));
    row('reader frame ready (found, token, frame claimed)', (s) => s.frame);
    row('… of which: block found, token issued, frame mounted', (s) => s.mounted);
    row('click Decrypt → plaintext shown (key unlocked)', (s) => s.plaintext);
    row('total', total);
    console.log(`| total as the test driver saw it (its polling included) | ${modes.map((m) => ms(total(timings[m]))).join(' | ')} |`);
    const ratioTo = (m: Mode) => (median(total(browserTimed[m])) / median(total(browserTimed.warm))).toFixed(2);
    console.log(`cold / warm, browser-timed total: ${ratioTo('cold')}× with the block as the first event; ${ratioTo('input')}× after a click (target ≤ 1.3×)`);
    console.log('browser: User Timing marks in the reader frame vs. the page clock.');
    console.log('\n| worker span (test build marks), ms | warm median (range) | cold median (range) | cold after a click |');
    console.log('|---|---|---|---|');
    const names = [...new Set(modes.flatMap((m) => [...workerSpans[m].keys()]))];
    const cell = (xs: number[] | undefined) => (xs?.length ? `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})` : '—');
    for (const n of names) console.log(`| ${n} | ${modes.map((m) => cell(workerSpans[m].get(n))).join(' | ')} |`);
  } finally {
    await context.close();
    await plain.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(`bench:page failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
