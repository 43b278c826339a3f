/** Large data through `lockpane sop`: bounded peak memory (polled from /proc) and exact round trips, and the SEIPDv1 spool path's integrity handling. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliPath, runLockpane } from '../../testing/cli';

let dir: string;
const f = (n: string) => path.join(dir, n);

/** Runs the CLI with stdin/stdout as files, polling VmHWM; returns exit code and peak RSS in MiB. */
function runMeasured(args: string[], inFile: string, outFile: string): Promise<{ code: number; peakMiB: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const inFd = openSync(inFile, 'r');
    const outFd = openSync(outFile, 'w');
    const child = spawn(process.execPath, [cliPath, 'sop', ...args], { stdio: [inFd, outFd, 'pipe'] });
    let peak = 0;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch { /* exited */ }
    }, 25);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      closeSync(inFd); closeSync(outFd);
      resolve({ code: code ?? -1, peakMiB: peak, stderr });
    });
  });
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lockpane-large-'));
  writeFileSync(f('key'), (await runLockpane(['sop', 'generate-key', 'Big <big@example.test>'])).stdout);
  writeFileSync(f('cert'), (await runLockpane(['sop', 'extract-cert'], readFileSync(f('key')))).stdout);
  // 32 MiB of incompressible data, written in pieces
  const piece = Buffer.alloc(1 << 20);
  const fd = openSync(f('data'), 'w');
  for (let i = 0; i < 32; i++) {
    for (let j = 0; j < piece.length; j += 32) createHash('sha256').update(`${i}:${j}`).digest().copy(piece, j);
    writeFileSync(fd, piece);
  }
  closeSync(fd);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('32 MiB encrypt and decrypt with bounded peak memory, byte-exact', async (t) => {
  const enc = await runMeasured(['encrypt', '--no-armor', f('cert')], f('data'), f('data.pgp'));
  assert.equal(enc.code, 0, enc.stderr);
  assert.ok(statSync(f('data.pgp')).size > 32 * 1024 * 1024);
  const dec = await runMeasured(['decrypt', f('key')], f('data.pgp'), f('data.out'));
  assert.equal(dec.code, 0, dec.stderr);
  assert.equal(sha(f('data.out')), sha(f('data')));
  t.diagnostic(`peak RSS: encrypt ${enc.peakMiB.toFixed(0)} MiB, decrypt ${dec.peakMiB.toFixed(0)} MiB`);
  // Node and the bundle take ~55 MiB; the old whole-buffer path peaked at ~4x the data size.
  assert.ok(enc.peakMiB > 0 && enc.peakMiB < 160, `encrypt peak ${enc.peakMiB.toFixed(0)} MiB`);
  assert.ok(dec.peakMiB > 0 && dec.peakMiB < 160, `decrypt peak ${dec.peakMiB.toFixed(0)} MiB`);
});

test('spool path: a flipped byte anywhere, a truncation or trailing junk → error and empty stdout', async () => {
  const small = Buffer.alloc(200_000, 0x42);
  const enc = await runLockpane(['sop', 'encrypt', '--no-armor', f('cert')], small);
  assert.equal(enc.code, 0, enc.stderr);
  const variants: [string, Buffer][] = [
    ['flip middle', (() => { const b = Buffer.from(enc.stdout); b[Math.floor(b.length / 2)]! ^= 1; return b; })()],
    ['flip last', (() => { const b = Buffer.from(enc.stdout); b[b.length - 1]! ^= 1; return b; })()],
    ['truncated', enc.stdout.subarray(0, enc.stdout.length - 50)],
    ['trailing junk', Buffer.concat([enc.stdout, Buffer.from([0xd2, 0x01, 0x01])])],
  ];
  for (const [name, bytes] of variants) {
    const r = await runLockpane(['sop', 'decrypt', f('key')], bytes);
    assert.notEqual(r.code, 0, name);
    assert.equal(r.stdout.length, 0, name);
  }
  const ok = await runLockpane(['sop', 'decrypt', f('key')], enc.stdout);
  assert.ok(ok.stdout.equals(small));
});

test('spool path with a password (SKESK) and a signed, compressed message from the general path', async () => {
  writeFileSync(f('pw'), 'pass phrase');
  const enc = await runLockpane(['sop', 'encrypt', '--no-armor', '--with-password', f('pw')], 'via password');
  const dec = await runLockpane(['sop', 'decrypt', '--with-password', f('pw')], enc.stdout);
  assert.equal(dec.stdout.toString(), 'via password');
  const signed = await runLockpane(['sop', 'encrypt', '--no-armor', '--sign-with', f('key'), f('cert')], 'signed inside');
  const v = await runLockpane(['sop', 'decrypt', '--verify-with', f('cert'), '--verifications-out', f('ver'), f('key')], signed.stdout);
  assert.equal(v.code, 0, v.stderr);
  assert.equal(v.stdout.toString(), 'signed inside');
  assert.match(readFileSync(f('ver'), 'utf8'), /mode:binary/);
});

test('a failure while writing into a regular-file stdout cuts it back, also in append mode', async () => {
  for (const flags of ['a', 'r+'] as const) {
    writeFileSync(f('existing'), 'earlier content\n');
    const outFd = openSync(f('existing'), flags);
    const inFd = openSync(dir, 'r'); // reading a directory fails once encryption has started
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [cliPath, 'sop', 'encrypt', '--no-armor', f('cert')], { stdio: [inFd, outFd, 'ignore'] });
      child.on('close', (c) => resolve(c ?? -1));
    });
    closeSync(inFd); closeSync(outFd);
    assert.notEqual(code, 0);
    assert.equal(readFileSync(f('existing'), 'utf8'), 'earlier content\n', `mode ${flags}`);
  }
});
