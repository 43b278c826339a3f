/**
 * The web mail replicas part of `npm run bench:page` (Gmail, Outlook on the web for Microsoft 365, Yahoo;
 * e2e/sites): for each, medians over the rounds of
 *  - detection: navigation start → the message's armored text is in the DOM (the replica built its read
 *    pane) → the reader frame is mounted in it (the adapter reported the pane, Lockpane claimed the block);
 *    and the site's Compose pressed → the Secure control is on the compose form;
 *  - main-thread cost of the page's first 4 s (CDP ScriptDuration and TaskDuration) with Lockpane and in a
 *    browser without the extension, and their ratio.
 * Timestamps come from a MutationObserver the bench installs in the page before the page's own scripts
 * (the same observer runs without the extension, so its cost is on both sides).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { siteDrivers, type SiteDriver } from '../e2e/sites/hostile-drivers';
import type { TestServer } from '../e2e/support/server';

type Marks = { body: number | null; reader: number | null; click: number | null; secure: number | null };
const windowMs = 4000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function installMarks(): void {
  const marks = { body: null as number | null, reader: null as number | null, click: null as number | null, secure: null as number | null };
  (window as unknown as { benchMarks: typeof marks }).benchMarks = marks;
  document.addEventListener('click', () => { marks.click ??= performance.now(); }, true);
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (!(n instanceof Element)) continue;
        if (marks.body === null && n.textContent?.includes('BEGIN PGP MESSAGE')) marks.body = performance.now();
        if (marks.reader === null && (n.matches('iframe[src*="reader.html"]') || n.querySelector('iframe[src*="reader.html"]'))) marks.reader = performance.now();
        if (marks.secure === null && (n.localName === 'lockpane-secure' || n.querySelector('lockpane-secure'))) marks.secure = performance.now();
      }
    }
  }).observe(document, { subtree: true, childList: true });
}

const marksOf = (page: Page) => page.evaluate(() => (window as unknown as { benchMarks: Marks }).benchMarks);

/** Polls the page's marks until `done` holds (evaluate calls, not waitForFunction: no eval needed in the page). */
async function marksWhen(page: Page, done: (m: Marks) => boolean, timeoutMs = 30_000): Promise<Marks> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const m = await marksOf(page);
    if (done(m)) return m;
    if (Date.now() > until) throw new Error(`bench mark never came: ${JSON.stringify(m)}`);
    await page.waitForTimeout(20);
  }
}

/** Opens the message, waits for it (and for the reader frame when Lockpane is on), returns the marks and the first 4 s' main-thread time. */
async function openMessage(context: BrowserContext, url: string, withLockpane: boolean) {
  const page = await context.newPage();
  await page.addInitScript(installMarks);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  const marks = await marksWhen(page, (m) => m.body !== null && (!withLockpane || m.reader !== null));
  const elapsed = await page.evaluate(() => performance.now());
  if (elapsed < windowMs) await page.waitForTimeout(windowMs - elapsed);
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  await cdp.detach();
  return { page, marks, script: metric('ScriptDuration') * 1000, task: metric('TaskDuration') * 1000 };
}

async function composeLatency(page: Page, site: SiteDriver, inboxUrl: string, to: string): Promise<number> {
  const form = await site.compose(page, { threadUrl: () => inboxUrl, inboxUrl: () => inboxUrl, sent: [], drafts: [], uploads: null }, to, 'Bench');
  await form.locator('lockpane-secure').waitFor({ state: 'attached' });
  const m = await marksWhen(page, (x) => x.click !== null && x.secure !== null);
  return m.secure! - m.click!;
}

export async function benchSites(opts: { withExtension: BrowserContext; without: BrowserContext; server: TestServer; armored: string; me: { name: string; email: string }; rounds: number }): Promise<void> {
  const rows: string[] = [];
  for (const site of siteDrivers) {
    const threads = [{ subject: 'Bench', messages: [{ from: opts.me, body: opts.armored }] }];
    const on = await site.serve(opts.withExtension, opts.server, threads);
    const off = await site.serve(opts.without, opts.server, threads);
    const s = { body: [] as number[], reader: [] as number[], compose: [] as number[], scriptOn: [] as number[], scriptOff: [] as number[], taskOn: [] as number[], taskOff: [] as number[] };
    for (let i = 0; i < opts.rounds; i++) {
      const withLp = await openMessage(opts.withExtension, on.threadUrl(0), true);
      s.body.push(withLp.marks.body!);
      s.reader.push(withLp.marks.reader! - withLp.marks.body!);
      s.scriptOn.push(withLp.script);
      s.taskOn.push(withLp.task);
      s.compose.push(await composeLatency(withLp.page, site, on.inboxUrl(), opts.me.email));
      await withLp.page.close();
      const plain = await openMessage(opts.without, off.threadUrl(0), false);
      s.scriptOff.push(plain.script);
      s.taskOff.push(plain.task);
      await plain.page.close();
    }
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    const [so, sf, to, tf] = [median(s.scriptOn), median(s.scriptOff), median(s.taskOn), median(s.taskOff)];
    rows.push(`| ${site.name} | ${ms(median(s.body))} | +${ms(median(s.reader))} | ${ms(median(s.compose))} | ${ms(sf)} → ${ms(so)} (${(so / sf).toFixed(2)}) | ${ms(tf)} → ${ms(to)} (${(to / tf).toFixed(2)}) |`);
  }
  console.log(`\nWeb mail replicas (e2e/sites), medians of ${opts.rounds} rounds; main-thread time over the first ${windowMs / 1000} s of the page, without → with Lockpane (ratio)`);
  console.log('| replica | navigation → message in DOM | → reader frame mounted | Compose pressed → Secure control | script time (ScriptDuration) | main-thread time (TaskDuration) |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}
