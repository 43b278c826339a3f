/**
 * Where a cold service-worker start spends its time (issue #21), from a Chromium trace: the extension's
 * worker is stopped, woken by one message, and the trace's V8 events on the worker thread (script
 * compile, top-level evaluation) and CPU samples are summed; samples are attributed to the bundle's
 * source by position (test build, minified: the printed snippet names the library).
 *   npm run -s build:test && npx tsx scripts/profile-worker-start.ts
 * Per source module: see scripts/profile-worker.webpack.ts.
 */
import fs from 'node:fs';
import { launchWithExtension, sendFrom, extensionDir } from '../e2e/support/fixtures';
import { setUpProfile, bob } from '../e2e/support/identities';
import { stopServiceWorker } from '../e2e/support/worker-control';

type TraceEvent = { name: string; cat: string; ph: string; dur?: number; tid: number; pid: number; ts: number; args?: Record<string, unknown> };

async function main() {
  // PROFILE_DIR: an extension directory whose background.js was built without module concatenation and
  // with named module ids (webpack optimization { concatenateModules: false, moduleIds: 'named' }):
  // samples are then summed per source module.
  const dir = process.env.PROFILE_DIR ?? extensionDir;
  const context = await launchWithExtension('', { dir });
  try {
    const profile = await setUpProfile(context, bob);
    const browser = context.browser();
    if (!browser) throw new Error('no browser object for tracing');
    const source = fs.readFileSync(`${dir}/background.js`, 'utf8');
    const modules = [...source.matchAll(/\n\/\*\*\*\/ "(\.\/[^"]+)"/g)].map((m) => ({ at: m.index, name: m[1]! }));
    const moduleAt = (at: number) => {
      let found = '(runtime)';
      for (const m of modules) { if (m.at > at) break; found = m.name; }
      return found.replace(/^\.\/node_modules\/([^/]+\/)?([^/]+)\/.*$/, 'npm:$1$2').replace(/^\.\/(extension|keyring)\/([^/]+)\/.*$/, '$1/$2');
    };
    const lineStarts = [0];
    for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    for (let r = 0; r < rounds; r++) {
      await stopServiceWorker(context, profile.ext);
      await browser.startTracing(undefined, { categories: ['v8', 'devtools.timeline', 'disabled-by-default-v8.compile', 'disabled-by-default-v8.cpu_profiler', 'ServiceWorker'] });
      const t0 = Date.now();
      const reply = await sendFrom(profile.ext, 'worker.status', { verbose: false });
      const wake = Date.now() - t0;
      const buf = await browser.stopTracing();
      if (!reply.ok) throw new Error(`worker did not answer: ${JSON.stringify(reply)}`);
      const events = (JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
      const workerTid = events.find((e) => e.name === 'thread_name' && String(e.args?.['name']).includes('ServiceWorker'))?.tid;
      const onWorker = events.filter((e) => e.tid === workerTid);
      const sum = (pred: (e: TraceEvent) => boolean) => onWorker.filter(pred).reduce((a, e) => a + (e.dur ?? 0), 0) / 1000;
      console.log(`round ${r + 1}: message → reply ${wake} ms (driver); on the worker thread:`);
      for (const name of ['v8.compile', 'V8.CompileCode', 'v8.produceCache', 'v8.consumeCache', 'v8.run', 'EvaluateScript', 'FunctionCall', 'v8.callFunction']) {
        const ms = sum((e) => e.name === name);
        if (ms > 0) console.log(`  ${name.padEnd(18)} ${ms.toFixed(1)} ms`);
      }
      // CPU samples of the worker's evaluation, by bundle position.
      const profileIds = new Set(events.filter((e) => e.name === 'Profile' && e.tid === workerTid).map((e) => (e as { id?: string }).id));
      const chunks = events.filter((e) => e.name === 'ProfileChunk' && profileIds.has((e as { id?: string }).id));
      if (process.env.DEBUG_TRACE) console.log('profiles', events.filter((e) => e.name === 'Profile').map((e) => [e.tid, (e as { id?: string }).id]), 'worker tid', workerTid);
      const nodes = new Map<number, { url: string; line: number; col: number; fn: string }>();
      const hits = new Map<number, number>();
      for (const c of chunks) {
        const data = (c.args?.['data'] ?? {}) as { cpuProfile?: { nodes?: { id: number; callFrame: { url: string; lineNumber: number; columnNumber: number; functionName: string } }[]; samples?: number[] }; timeDeltas?: number[] };
        for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, { url: n.callFrame.url, line: n.callFrame.lineNumber, col: n.callFrame.columnNumber, fn: n.callFrame.functionName });
        for (const s of data.cpuProfile?.samples ?? []) hits.set(s, (hits.get(s) ?? 0) + 1);
      }
      const byPlace = new Map<string, number>();
      let total = 0;
      for (const [id, n] of hits) {
        total += n;
        const node = nodes.get(id);
        if (!node?.url?.endsWith('background.js')) { byPlace.set(`(${node?.fn || node?.url || 'native'})`, (byPlace.get(`(${node?.fn || node?.url || 'native'})`) ?? 0) + n); continue; }
        const at = (lineStarts[node.line] ?? 0) + node.col;
        const key = modules.length > 0 ? moduleAt(at) : `@${at} ${node.fn || '(top)'}: ${source.slice(at, at + 70).replace(/\s+/g, ' ')}`;
        byPlace.set(key, (byPlace.get(key) ?? 0) + n);
      }
      console.log(`  ${total} samples; top places:`);
      for (const [k, n] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 16)) console.log(`   ${String(n).padStart(4)}  ${k}`);
    }
  } finally {
    await context.close();
  }
}

void main().catch((e: unknown) => { console.error(e); process.exit(1); });
