/** Shared helpers for the OpenPGP interop tests: temp dirs, a throwaway GnuPG home, and SOP runners for each peer. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCommand, runLockpane, type RunResult } from './cli';

export type SopImpl = 'lockpane' | 'sqop' | 'gosop';

export function tempDir(prefix: string): { dir: string; file: (n: string) => string; write: (n: string, d: Uint8Array | string) => string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `lockpane-${prefix}-`));
  return {
    dir,
    file: (n) => path.join(dir, n),
    write: (n, d) => { const p = path.join(dir, n); writeFileSync(p, d); return p; },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs `<impl> <args>` (lockpane through the built CLI), asserting nothing. */
export function sop(impl: SopImpl, args: string[], stdin?: Uint8Array | string): Promise<RunResult> {
  if (impl === 'lockpane') return runLockpane(['sop', ...args], stdin);
  return runCommand(impl, args, stdin);
}

/** Like sop(), but throws with the peer's stderr unless it exits 0. */
export async function sopOk(impl: SopImpl, args: string[], stdin?: Uint8Array | string): Promise<Buffer> {
  const r = await sop(impl, args, stdin);
  if (r.code !== 0) throw new Error(`${impl} ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** A GnuPG home in a temp dir; always `--batch`, loopback pinentry, and the agent is killed on cleanup. */
export class Gpg {
  readonly home: string;
  constructor(private readonly root: string) {
    this.home = path.join(root, 'gnupg');
    spawnSync('mkdir', ['-m', '700', '-p', this.home]);
    writeFileSync(path.join(this.home, 'gpg-agent.conf'), 'allow-loopback-pinentry\n');
  }

  run(args: string[], stdin?: Uint8Array | string): Promise<RunResult> {
    return runCommand('gpg', ['--homedir', this.home, '--batch', '--yes', '--no-tty', '--pinentry-mode', 'loopback', '--trust-model', 'always', ...args], stdin);
  }

  async ok(args: string[], stdin?: Uint8Array | string): Promise<RunResult> {
    const r = await this.run(args, stdin);
    if (r.code !== 0) throw new Error(`gpg ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r;
  }

  /** Makes an Ed25519 + Cv25519 key without passphrase; returns its fingerprint. */
  async genKey(uid: string): Promise<string> {
    await this.ok(['--passphrase', '', '--quick-gen-key', uid, 'ed25519', 'sign,cert', '1y']);
    const list = await this.ok(['--with-colons', '--list-secret-keys', uid]);
    const fpr = /^fpr:+([0-9A-F]{40}):/m.exec(list.stdout.toString())?.[1];
    if (!fpr) throw new Error('gpg key generation gave no fingerprint');
    await this.ok(['--passphrase', '', '--quick-add-key', fpr, 'cv25519', 'encr', '1y']);
    return fpr;
  }

  cleanup(): void {
    spawnSync('gpgconf', ['--homedir', this.home, '--kill', 'all']);
    void this.root;
  }
}

export function randomBytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; out[i] = x & 0xff; }
  return out;
}

/** The bytes between the first "--B\r\n" and the following "\r\n--B" (RFC 3156 signed part), by plain string search. */
export function firstPart(mime: string, boundary: string): string {
  const start = mime.indexOf(`--${boundary}\r\n`) + boundary.length + 4;
  const end = mime.indexOf(`\r\n--${boundary}`, start);
  return mime.slice(start, end);
}
