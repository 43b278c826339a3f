/**
 * `npm run bench:pgp`: encrypts and decrypts a 100 MiB file with `lockpane sop`, `sqop` and `gpg`
 * in one run (several rounds, medians), prints our time as a ratio to each peer and every
 * tool's peak RSS (VmHWM polled from /proc); then messages to our key made by gpg (-z 0) and sqop,
 * decrypted by us and by them; then a 200 MiB round trip of ours alone (BENCH_LARGE=0 skips it).
 * Each tool uses its own freshly made Curve25519 key and its default settings (binary output);
 * gpg is also run with compression off (-z 0), since its default zlib pass dominates on random data.
 *
 *   BENCH_ROUNDS=5 BENCH_MIB=100 [BENCH_LARGE=0] [BENCH_CLI=path/to/lockpane.js] npm run bench:pgp
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes, createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const cli = process.env.BENCH_CLI ?? path.join(root, 'dist/cli/lockpane.js'); // BENCH_CLI: another build, e.g. to compare before/after
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const mib = Number(process.env.BENCH_MIB ?? 100);
const dir = mkdtempSync(path.join(tmpdir(), 'lockpane-bench-'));
const f = (n: string) => path.join(dir, n);

type Measure = { seconds: number; cpu: number; peakMiB: number };

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Runs cmd with stdin/stdout redirected to files. Wall time, CPU time (user+sys) and peak RSS come
 * from GNU time when present; otherwise wall time and VmHWM polled from /proc (CPU time then 0).
 * CPU time matters on a shared machine, where wall time includes waiting for a core.
 */
function measure(cmd: string, args: string[], inFile: string, outFile: string, env?: NodeJS.ProcessEnv): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const inFd = openSync(inFile, 'r');
    const outFd = openSync(outFile, 'w');
    const timeFile = f('time.out');
    const [c, a] = gnuTime ? [gnuTime, ['-f', '%e %U %S %M', '-o', timeFile, cmd, ...args]] : [cmd, args];
    const t0 = process.hrtime.bigint();
    const child = spawn(c, a, { stdio: [inFd, outFd, 'pipe'], env: { ...process.env, ...env } });
    let peak = 0;
    let err = '';
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    const poll = gnuTime ? null : setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch { /* gone */ }
    }, 10);
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      if (poll) clearInterval(poll);
      closeSync(inFd); closeSync(outFd);
      if (code !== 0) { reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`)); return; }
      if (!gnuTime) { resolve({ seconds: wall, cpu: 0, peakMiB: peak }); return; }
      const [e, u, sys, m] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-4).map(Number) as [number, number, number, number];
      resolve({ seconds: e, cpu: u + sys, peakMiB: m / 1024 });
    });
  });
}

function sh(cmd: string, args: string[], input?: Buffer | string): Buffer {
  const r = spawnSync(cmd, args, { input, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

type Tool = { name: string; encrypt: [string, string[]]; decrypt: [string, string[]]; env?: NodeJS.ProcessEnv };

function setup(): Tool[] {
  if (!existsSync(cli)) sh('npm', ['run', 'build:cli']);
  const tools: Tool[] = [];
  writeFileSync(f('lp.key'), sh(process.execPath, [cli, 'sop', 'generate-key', 'Bench LP <bench-lp@example.test>']));
  writeFileSync(f('lp.cert'), sh(process.execPath, [cli, 'sop', 'extract-cert'], readFileSync(f('lp.key'))));
  tools.push({ name: 'lockpane sop', encrypt: [process.execPath, [cli, 'sop', 'encrypt', '--no-armor', f('lp.cert')]], decrypt: [process.execPath, [cli, 'sop', 'decrypt', f('lp.key')]] });
  if (has('sqop')) {
    writeFileSync(f('sq.key'), sh('sqop', ['generate-key', 'Bench <bench@example.test>']));
    writeFileSync(f('sq.cert'), sh('sqop', ['extract-cert'], readFileSync(f('sq.key'))));
    tools.push({ name: 'sqop', encrypt: ['sqop', ['encrypt', '--no-armor', f('sq.cert')]], decrypt: ['sqop', ['decrypt', f('sq.key')]] });
  }
  if (has('gpg')) {
    const home = f('gnupg');
    sh('mkdir', ['-m', '700', '-p', home]);
    const g = ['--homedir', home, '--batch', '--yes', '--pinentry-mode', 'loopback', '--passphrase', ''];
    sh('gpg', [...g, '--quick-gen-key', 'Bench <bench@example.test>', 'ed25519', 'sign,cert', '1y']);
    const fpr = /^fpr:+([0-9A-F]{40}):/m.exec(sh('gpg', [...g, '--with-colons', '--list-secret-keys']).toString())![1]!;
    sh('gpg', [...g, '--quick-add-key', fpr, 'cv25519', 'encr', '1y']);
    const common = ['--homedir', home, '--batch', '--yes', '--trust-model', 'always'];
    tools.push({ name: 'gpg', encrypt: ['gpg', [...common, '-r', fpr, '--encrypt']], decrypt: ['gpg', [...common, '--decrypt']] });
    tools.push({ name: 'gpg -z 0', encrypt: ['gpg', [...common, '-z', '0', '-r', fpr, '--encrypt']], decrypt: ['gpg', [...common, '--decrypt']] });
    // our key in gpg's keyring too, so gpg can write to it and read what others wrote to it
    sh('gpg', [...g, '--import', f('lp.key')]);
    gpgCommon = common;
  }
  return tools;
}

let gpgCommon: string[] | null = null;

/**
 * Messages to our key made by the peers (gpg -z 0: 8 KiB partial chunks, as mail from GnuPG users
 * arrives; sqop), each decrypted by us and by every peer that can, with the same key.
 */
async function peerMade(want: string): Promise<void> {
  const makers: [string, string, string[]][] = [];
  if (gpgCommon) makers.push(['gpg -z 0', 'gpg', [...gpgCommon, '-z', '0', '--encrypt', '-r', 'bench-lp@example.test']]);
  if (has('sqop')) makers.push(['sqop', 'sqop', ['encrypt', '--no-armor', f('lp.cert')]]);
  const readers: [string, string, string[]][] = [['lockpane sop', process.execPath, [cli, 'sop', 'decrypt', f('lp.key')]]];
  if (has('sqop')) readers.push(['sqop', 'sqop', ['decrypt', f('lp.key')]]);
  if (gpgCommon) readers.push(['gpg', 'gpg', [...gpgCommon, '--decrypt']]);
  if (!makers.length) return;
  console.log('\nDecrypting peer-made messages to our key (medians; ours / fastest peer reader, wall | CPU):');
  console.log('| made by | reader | wall s | CPU s | peak RSS MiB |');
  console.log('|---|---|---:|---:|---:|');
  for (const [maker, cmd, args] of makers) {
    const msg = f(`made-${cmd}.pgp`);
    await measure(cmd, args, f('data'), msg);
    const got = new Map<string, Measure[]>(readers.map(([n]) => [n, []]));
    for (let r = 0; r < rounds; r++) {
      for (const [name, c, a] of readers) {
        got.get(name)!.push(await measure(c, a, msg, f('data.out')));
        if (digest(f('data.out')) !== want) throw new Error(`${name} did not decrypt the message made by ${maker}`);
      }
    }
    const rows = readers.map(([name]) => {
      const m = got.get(name)!;
      return { name, wall: median(m.map((x) => x.seconds)), cpu: median(m.map((x) => x.cpu)), peak: Math.max(...m.map((x) => x.peakMiB)) };
    });
    for (const r of rows) console.log(`| ${maker} | ${r.name} | ${r.wall.toFixed(2)} | ${r.cpu.toFixed(2)} | ${r.peak.toFixed(0)} |`);
    const ours = rows[0]!;
    const peers = rows.slice(1);
    if (peers.length) {
      const w = Math.min(...peers.map((r) => r.wall));
      const c = Math.min(...peers.map((r) => r.cpu));
      console.log(`|  | ours / fastest peer | ${(ours.wall / w).toFixed(2)}x | ${c > 0 ? (ours.cpu / c).toFixed(2) : 'n/a'}x |  |`);
    }
  }
}

function makeData(file: string, size: number): void {
  const fd = openSync(file, 'w');
  for (let left = size; left > 0; left -= 1 << 20) writeSync(fd, randomBytes(Math.min(left, 1 << 20)));
  closeSync(fd);
}

async function main(): Promise<void> {
  console.log(`bench:pgp — ${mib} MiB of random data, ${rounds} rounds, medians (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);
  const tools = setup();
  makeData(f('data'), mib << 20);
  const want = digest(f('data'));
  const results = new Map<string, { enc: Measure[]; dec: Measure[] }>();
  for (const t of tools) results.set(t.name, { enc: [], dec: [] });
  for (let r = 0; r < rounds; r++) {
    for (const t of tools) { // interleaved, so that load changes hit every tool alike
      const res = results.get(t.name)!;
      res.enc.push(await measure(t.encrypt[0], t.encrypt[1], f('data'), f('data.pgp'), t.env));
      res.dec.push(await measure(t.decrypt[0], t.decrypt[1], f('data.pgp'), f('data.out'), t.env));
      if (digest(f('data.out')) !== want) throw new Error(`${t.name} did not round-trip the data`);
    }
  }
  const rows = tools.map((t) => {
    const res = results.get(t.name)!;
    return {
      name: t.name,
      enc: median(res.enc.map((m) => m.seconds)), dec: median(res.dec.map((m) => m.seconds)),
      encCpu: median(res.enc.map((m) => m.cpu)), decCpu: median(res.dec.map((m) => m.cpu)),
      encMiB: Math.max(...res.enc.map((m) => m.peakMiB)), decMiB: Math.max(...res.dec.map((m) => m.peakMiB)),
    };
  });
  console.log('\n| tool | encrypt wall s | decrypt wall s | encrypt CPU s | decrypt CPU s | encrypt peak RSS MiB | decrypt peak RSS MiB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.enc.toFixed(2)} | ${r.dec.toFixed(2)} | ${r.encCpu.toFixed(2)} | ${r.decCpu.toFixed(2)} | ${r.encMiB.toFixed(0)} | ${r.decMiB.toFixed(0)} |`);
  }
  const ours = rows[0]!;
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
  console.log('\nours / peer (below 1.00 = we are faster), wall time | CPU time:');
  for (const r of rows.slice(1)) {
    console.log(`  vs ${r.name.padEnd(9)} encrypt ${ratio(ours.enc, r.enc)} | ${ratio(ours.encCpu, r.encCpu)}   decrypt ${ratio(ours.dec, r.dec)} | ${ratio(ours.decCpu, r.decCpu)}`);
  }
  const peers = rows.slice(1);
  if (peers.length) {
    const fastEnc = Math.min(...peers.map((r) => r.enc));
    const fastDec = Math.min(...peers.map((r) => r.dec));
    console.log(`  vs fastest peer (wall): encrypt ${ratio(ours.enc, fastEnc)}, decrypt ${ratio(ours.dec, fastDec)}; our peak RSS ${Math.max(ours.encMiB, ours.decMiB).toFixed(0)} MiB (budget 256)`);
  }
  await peerMade(want);
  if (process.env.BENCH_LARGE !== '0') {
    makeData(f('big'), 200 << 20);
    const t = tools[0]!;
    const e = await measure(t.encrypt[0], t.encrypt[1], f('big'), f('big.pgp'));
    const d = await measure(t.decrypt[0], t.decrypt[1], f('big.pgp'), f('big.out'));
    const same = digest(f('big.out')) === digest(f('big'));
    console.log(`\n200 MiB, lockpane sop: encrypt ${e.seconds.toFixed(2)} s wall, ${e.cpu.toFixed(2)} s CPU (peak ${e.peakMiB.toFixed(0)} MiB), decrypt ${d.seconds.toFixed(2)} s wall, ${d.cpu.toFixed(2)} s CPU (peak ${d.peakMiB.toFixed(0)} MiB), round trip ${same ? 'exact' : 'MISMATCH'}; ciphertext ${(statSync(f('big.pgp')).size / 2 ** 20).toFixed(1)} MiB`);
  }
}

main().catch((e: unknown) => { console.error(e); process.exitCode = 1; }).finally(() => {
  if (existsSync(f('gnupg'))) spawnSync('gpgconf', ['--homedir', f('gnupg'), '--kill', 'all']);
  rmSync(dir, { recursive: true, force: true });
});
