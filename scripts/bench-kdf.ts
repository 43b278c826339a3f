/**
 * `npm run bench:kdf`: what the password-mail KDF costs the recipient and what it leaves an attacker.
 * - recipient: time to open a message (one Argon2 derivation + AEAD check) with the chosen parameters,
 *   here in Node's WASM (the same argon2 code openpgp.js runs in the HTML file);
 * - attacker: wrong-password tries per second on this machine, one per core in parallel (a lower bound:
 *   native or GPU code is faster, and for the iterated S2K a GPU is faster by orders of magnitude);
 * - the same for the GnuPG-compatible profile (iterated S2K, 65 MB of SHA-256 per try), measured with
 *   Node's native SHA-256.
 *   BENCH_ROUNDS=5 npm run bench:kdf
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as openpgp from 'openpgp';
import {
  argon2Profile, argon2MemoryMiB, defaultArgon2, encryptForPassword, fillPasswordFile, gpgCompatibleProfile, sealPasswordMail, suggestionBits,
} from '../keyring/password-mail';

const template = path.resolve(__dirname, '../dist/test/chrome/password-mail.html.template');

/** Opens a filled password file in Chromium (file://) and times the click → message shown; null without a build. */
async function browserOpenSeconds(password: string): Promise<number[] | null> {
  if (!fs.existsSync(template)) return null;
  const sealed = await sealPasswordMail({ subject: 'bench', text: 'bench', attachments: [], password, senderKey: null });
  const file = path.join(fs.mkdtempSync(path.join(tmpdir(), 'lockpane-bench-kdf-')), 'bench.html');
  fs.writeFileSync(file, fillPasswordFile(fs.readFileSync(template, 'utf8'), sealed.armored, { from: null, fingerprint: null, senderKey: null, lang: 'en' }));
  const browser = await chromium.launch({ executablePath: process.env.LOCKPANE_CHROMIUM ?? '/usr/bin/chromium', headless: true });
  const out: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const page = await browser.newPage();
      await page.goto(`file://${file}`);
      await page.fill('#lp-password', password);
      const t0 = performance.now();
      await page.click('button[type="submit"]');
      await page.waitForSelector('#lp-body', { timeout: 60_000 });
      out.push((performance.now() - t0) / 1000);
      await page.close();
    }
  } finally {
    await browser.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  return out;
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const cores = availableParallelism();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function tryOnce(armored: string, password: string): Promise<number> {
  const t0 = performance.now();
  await openpgp.decrypt({ message: await openpgp.readMessage({ armoredMessage: armored }), passwords: [password], format: 'binary' }).catch(() => undefined);
  return (performance.now() - t0) / 1000;
}

function iteratedSeconds(): number {
  const count = 65_011_712;
  const block = Buffer.alloc(1 << 20, 0x61);
  const t0 = performance.now();
  const h = createHash('sha256');
  for (let done = 0; done < count; done += block.length) h.update(done + block.length <= count ? block : block.subarray(0, count - done));
  h.digest();
  return (performance.now() - t0) / 1000;
}

/** Wrong-password tries on all cores at once, for `seconds`: tries per second in total. */
function parallelTries(armored: string, seconds: number): Promise<number> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const openpgp = await import('openpgp');
      let n = 0; const end = Date.now() + workerData.ms;
      while (Date.now() < end) {
        await openpgp.decrypt({ message: await openpgp.readMessage({ armoredMessage: workerData.armored }), passwords: ['guess' + n], format: 'binary' }).catch(() => undefined);
        n++;
      }
      parentPort.postMessage(n);
    })();`;
  const runs = Array.from({ length: cores }, () => new Promise<number>((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { armored, ms: seconds * 1000 } });
    w.once('message', (n: number) => { resolve(n); void w.terminate(); });
    w.once('error', reject);
  }));
  return Promise.all(runs).then((ns) => ns.reduce((a, b) => a + b, 0) / seconds);
}

function years(bits: number, perSecond: number): string {
  const y = 2 ** bits / 2 / perSecond / (365.25 * 24 * 3600);
  return y >= 1e6 ? y.toExponential(1) : y.toFixed(1);
}

async function main(): Promise<void> {
  const data = new TextEncoder().encode('bench');
  const password = 'bako-refu-timo-laze-nupi';
  const armored = await encryptForPassword({ data, password, profile: argon2Profile });
  const iterArmored = await encryptForPassword({ data, password, profile: gpgCompatibleProfile });
  const p = defaultArgon2;
  console.log(`Argon2id t=${p.passes} p=${p.parallelism} m=2^${p.memoryExponent} KiB (${argon2MemoryMiB(p)} MiB), ${cores} cores, ${rounds} rounds`);
  const open = median(await sequential(rounds, () => tryOnce(armored, password)));
  console.log(`  recipient: opening takes ${open.toFixed(3)} s here (WASM, one core); a phone is typically 3-6x slower`);
  const inBrowser = await browserOpenSeconds(password);
  console.log(inBrowser
    ? `  recipient: opening the HTML file in Chromium takes ${median(inBrowser).toFixed(3)} s (click to message shown, median of ${rounds})`
    : '  recipient: (no dist/test/chrome/password-mail.html.template: run npm run build:test for the browser timing)');
  const perSec = await parallelTries(armored, 5);
  console.log(`  attacker:  ${perSec.toFixed(1)} tries/s on all ${cores} cores of this machine`);
  console.log(`  a suggested password (${suggestionBits.toFixed(1)} bits): ${years(suggestionBits, perSec)} years on average here; 40 bits: ${years(40, perSec)} years`);
  const iter = median(await sequential(rounds, async () => iteratedSeconds()));
  console.log(`GnuPG-compatible: iterated+salted SHA-256 S2K, 65,011,712 bytes per try`);
  console.log(`  one try ${iter.toFixed(3)} s native (${(cores / iter).toFixed(1)} tries/s on ${cores} cores; GPUs do thousands per second)`);
  console.log(`  openpgp.js opening: ${median(await sequential(rounds, () => tryOnce(iterArmored, password))).toFixed(3)} s`);
}

async function sequential(n: number, f: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}

void main();
