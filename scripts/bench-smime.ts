/**
 * `npm run bench:smime`: encrypt and decrypt a 50 MB MIME entity with `lockpane smime` (the built
 * CLI, dist/cli/lockpane.js) and with `openssl cms`, in one run. Prints medians, ratios and peak
 * RSS. Env: BENCH_MB (default 50), BENCH_RUNS (default 3), BENCH_CLI (the lockpane.js of another built
 * CLI, e.g. a copy of dist/cli kept for a before/after comparison: the chunk files must sit beside it). Needs `npm run build:cli` first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TestPki } from '../keyring/testing/openssl-pki';

const mb = Number(process.env.BENCH_MB ?? 50);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const cli = path.resolve(process.env.BENCH_CLI ?? path.join(__dirname, '../dist/cli/lockpane.js'));
if (!existsSync(cli)) {
  process.stderr.write(`${cli} is missing: run \`npm run build:cli\` first\n`);
  process.exit(1);
}

// Runs a command with stdin/stdout files, and reports wall time and the child's peak RSS
// (python's RUSAGE_CHILDREN is the simplest portable way to get maxrss of one child).
const probe = `import resource,subprocess,sys,time
i=open(sys.argv[1],'rb'); o=open(sys.argv[2],'wb'); t=time.perf_counter()
r=subprocess.run(sys.argv[3:],stdin=i,stdout=o,stderr=subprocess.PIPE)
d=time.perf_counter()-t
u=resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stdout.write('%d %f %d %f\\n'%(r.returncode,d,u.ru_maxrss,u.ru_utime+u.ru_stime))
sys.stderr.write(r.stderr.decode(errors='replace')[-500:])`;

type Sample = { seconds: number; rssMb: number; cpu: number };
function measure(input: string, output: string, cmd: string[]): Sample {
  const r = spawnSync('python3', ['-c', probe, input, output, ...cmd], { encoding: 'utf8' });
  const [code, seconds, rssKb, cpu] = r.stdout.trim().split(' ').map(Number);
  if (code !== 0) throw new Error(`${cmd.join(' ')} failed (${code}): ${r.stderr}`);
  return { seconds: seconds!, rssMb: rssKb! / 1024, cpu: cpu! };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const pki = new TestPki('Bench CA');
try {
  const bob = pki.user('bob');
  // A realistic large entity: an attachment-like base64 body (what mail actually carries).
  const raw = new Uint8Array(Math.floor((mb * 1024 * 1024 * 57) / 78));
  const chunk = crypto.getRandomValues(new Uint8Array(65536));
  for (let o = 0; o < raw.length; o += chunk.length) raw.set(chunk.subarray(0, Math.min(chunk.length, raw.length - o)), o);
  const body = Buffer.from(raw).toString('base64').replace(/.{76}/g, '$&\r\n');
  const entity = pki.write('entity.eml', `Content-Type: application/octet-stream; name="big.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${body}\r\n`);
  const original = readFileSync(entity);
  process.stdout.write(`entity: ${(statSync(entity).size / 1048576).toFixed(1)} MiB, runs: ${runs}, node ${process.version}, ${spawnSync('openssl', ['version']).stdout.toString().trim()}\n\n`);

  const rows: string[][] = [['operation', 'cipher', 'lockpane s', 'openssl s', 'ratio', 'lockpane cpu s', 'openssl cpu s', 'cpu ratio', 'lockpane MiB', 'openssl MiB']];
  for (const cipher of ['aes-256-gcm', 'aes-256-cbc']) {
    const res: Record<string, Sample[]> = { oursEnc: [], sslEnc: [], oursDec: [], sslDec: [] };
    for (let i = 0; i < runs; i++) {
      const oursOut = pki.file('ours.p7m');
      const sslOut = pki.file('ssl.p7m');
      res.oursEnc!.push(measure(entity, oursOut, [process.execPath, cli, 'smime', 'encrypt', '--cipher', cipher, bob.crt]));
      res.sslEnc!.push(measure(entity, sslOut, ['openssl', 'cms', '-encrypt', '-binary', `-${cipher}`, '-recip', bob.crt, '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256']));
      res.oursDec!.push(measure(oursOut, pki.file('ours.dec'), [process.execPath, cli, 'smime', 'decrypt', bob.pem]));
      res.sslDec!.push(measure(sslOut, pki.file('ssl.dec'), ['openssl', 'cms', '-decrypt', '-binary', '-recip', bob.crt, '-inkey', bob.key]));
      // Correctness: both decrypt to the original entity.
      for (const f of ['ours.dec', 'ssl.dec']) if (!readFileSync(pki.file(f)).equals(original)) throw new Error(`${f} differs from the input`);
    }
    for (const [op, a, b] of [['encrypt', 'oursEnc', 'sslEnc'], ['decrypt', 'oursDec', 'sslDec']] as const) {
      const ours = median(res[a]!.map((s) => s.seconds));
      const ssl = median(res[b]!.map((s) => s.seconds));
      const oursCpu = median(res[a]!.map((s) => s.cpu));
      const sslCpu = median(res[b]!.map((s) => s.cpu));
      rows.push([op, cipher, ours.toFixed(2), ssl.toFixed(2), `${(ours / ssl).toFixed(2)}x`, oursCpu.toFixed(2), sslCpu.toFixed(2), `${(oursCpu / sslCpu).toFixed(2)}x`,
        Math.max(...res[a]!.map((s) => s.rssMb)).toFixed(0), Math.max(...res[b]!.map((s) => s.rssMb)).toFixed(0)]);
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) process.stdout.write(`${r.map((x, c) => x.padEnd(widths[c]!)).join('  ')}\n`);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  process.stdout.write(`\nratio = lockpane median / openssl median, wall clock (target ≤ 1.5x); cpu = user+sys seconds of the process;\n`
    + `MiB = peak RSS. lockpane times include Node start-up and loading the CLI (its S/MIME chunk). Load average now: ${load}.\n`);
  writeFileSync(pki.file('done'), '');
} finally {
  pki.cleanup();
}
