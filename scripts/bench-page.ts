/**
 * `npm run bench:page`: what the content script costs a busy web mail page, and how fast an armored block
 * becomes readable. Prints medians and ratios measured in this run (machines are noisy: compare ratios).
 *
 *  1. main-thread time (CDP TaskDuration) of a 5,000-row list churning for 3 s, with Lockpane enabled on the
 *     page vs. the same browser build without the extension: ratio (target < 1.05)
 *  2. block appears → reader frame ready; click → plaintext shown (passphrase cached), warm and cold worker
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { encrypt, readKey } from '../keyring/pgp';
import { chromiumPath, ensureChromium } from '../e2e/support/chromium';
import { launchWithExtension, sendFrom } from '../e2e/support/fixtures';
import { setUpProfile, bob } from '../e2e/support/identities';
import { startServer } from '../e2e/support/server';
import { stopServiceWorker } from '../e2e/support/worker-control';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
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

    const cost = await churnCost(server.url('/bench/list.html'), context, plain);

    const armored = await encrypt({ data: 'benchmark plaintext', encryptionKeys: [await readKey(profile.publicKey)], format: 'utf8' });
    const timings = { warm: { frame: [] as number[], plaintext: [] as number[] }, cold: { frame: [] as number[], plaintext: [] as number[] } };
    for (let i = 0; i < rounds; i++) {
      for (const mode of ['warm', 'cold'] as const) {
        const page = await context.newPage();
        await page.goto(server.url('/bench/list.html'));
        await page.waitForTimeout(300);
        if (mode === 'cold') await stopServiceWorker(context, profile.ext);
        const t0 = Date.now();
        await page.evaluate((block) => {
          const pre = document.createElement('pre');
          pre.textContent = block;
          document.getElementById('read-pane')!.append(pre);
        }, armored);
        const reader = page.frameLocator('iframe[src*="reader.html"]');
        await reader.getByTestId('reader-open').waitFor();
        const t1 = Date.now();
        await reader.getByTestId('reader-open').click();
        await reader.frameLocator('[data-testid="safe-frame"]').locator('pre').waitFor();
        const t2 = Date.now();
        timings[mode].frame.push(t1 - t0);
        timings[mode].plaintext.push(t2 - t1);
        await page.close();
      }
    }

    const ratio = cost.on / cost.off;
    console.log('\nLockpane page benchmark (Chromium, headless, this machine, medians of', rounds, 'rounds)');
    console.log('| measure | without extension | with Lockpane | ratio | target |');
    console.log('|---|---|---|---|---|');
    console.log(`| main-thread time, 5,000 rows churning 3 s | ${(cost.off * 1000).toFixed(0)} ms | ${(cost.on * 1000).toFixed(0)} ms | ${ratio.toFixed(3)} | < 1.05 |`);
    console.log('\n| block appears → | warm worker | cold worker |');
    console.log('|---|---|---|');
    console.log(`| reader frame ready (found, token, frame claimed) | ${median(timings.warm.frame)} ms | ${median(timings.cold.frame)} ms |`);
    console.log(`| click Decrypt → plaintext shown (key unlocked) | ${median(timings.warm.plaintext)} ms | ${median(timings.cold.plaintext)} ms |`);
    console.log(`| total | ${median(timings.warm.frame) + median(timings.warm.plaintext)} ms | ${median(timings.cold.frame) + median(timings.cold.plaintext)} ms |`);
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
