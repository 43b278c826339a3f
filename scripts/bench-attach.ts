/**
 * `npx tsx scripts/bench-attach.ts [MB]` (root, Roundcube rig): the large-attachment case of
 * e2e/specs/roundcube-compose.spec.ts at the product limit (25 MB by default), too slow for every CI run.
 * Prints the spec's timings (encrypt + attach through Roundcube's upload; until stored in Bob's Maildir) and
 * the resident memory of Chromium's extension process (the worker and the editor frame share it), sampled
 * every 250 ms from /proc: when Encrypt is clicked and its peak until the file is attached. The baseline is
 * already high because the test pushes the files into the frame through the DevTools protocol. RSS includes
 * garbage V8 has not collected yet: an upper bound.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const mb = Number(process.argv[2] ?? 25);

/** The largest RSS (KiB) among Chromium processes started with --extension-process. */
function extensionProcessRss(): number {
  let max = 0;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--extension-process')) continue;
      const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      max = Math.max(max, Number(rss ?? 0));
    } catch {
      // the process ended while we looked
    }
  }
  return max;
}

async function main(): Promise<void> {
  const samples: { at: number; rss: number }[] = [];
  const sampler = setInterval(() => samples.push({ at: Date.now(), rss: extensionProcessRss() }), 250);
  const child = spawn('npx', ['playwright', 'test', 'e2e/specs/roundcube-compose.spec.ts', '-g', 'large attachment', '--reporter=line'], {
    env: { ...process.env, LOCKPANE_ATTACH_MB: String(mb), LOCKPANE_ATTACH_TIMELINE: '1', LOCKPANE_PW_OUT: process.env.LOCKPANE_PW_OUT ?? '/tmp/pw-bench-attach' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  const timing = out.split('\n').find((l) => l.includes(' MB attachment:')) ?? '(no timing line: see the spec output above)';
  const marks = /clicked at (\d+), attached at (\d+)/.exec(out);
  console.log(out.includes('1 passed') ? 'spec passed' : out);
  console.log(timing.trim());
  const mbOf = (kib: number) => `${Math.round(kib / 1024)} MB`;
  if (marks) {
    const [clicked, attached] = [Number(marks[1]), Number(marks[2])];
    const before = samples.filter((x) => x.at <= clicked).at(-1)?.rss ?? 0;
    const during = Math.max(0, ...samples.filter((x) => x.at >= clicked && x.at <= attached).map((x) => x.rss));
    console.log(`extension process RSS: ${mbOf(before)} when Encrypt was clicked, peak ${mbOf(during)} until attached (+${mbOf(during - before)})`);
  }
  console.log(`extension process RSS, peak over the whole run: ${mbOf(Math.max(0, ...samples.map((x) => x.rss)))}`);
  process.exit(code ?? 1);
}

void main();
