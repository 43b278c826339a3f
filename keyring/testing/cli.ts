/**
 * Runs the `lockpane` command the way a user or script would: the built one (dist/cli/lockpane.js),
 * or straight from the sources (keyring/cli/main.ts through tsx), which never depends on a stale dist/.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
export const cliPath = path.join(repoRoot, 'dist/cli/lockpane.js');
const sourceMain = path.join(repoRoot, 'keyring/cli/main.ts');

export type RunResult = { code: number; stdout: Buffer; stderr: string };

export function runCommand(cmd: string, args: string[], stdin?: Uint8Array | string, env?: NodeJS.ProcessEnv, cwd?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: env ?? process.env, ...(cwd !== undefined ? { cwd } : {}) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => { /* the command may exit before reading all of stdin */ });
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}

export function runLockpane(args: string[], stdin?: Uint8Array | string): Promise<RunResult> {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build:cli\` first`);
  return runCommand(process.execPath, [cliPath, ...args], stdin);
}

/** `lockpane …` from the sources (tsx resolves from the repository root). */
export function runLockpaneSource(args: string[], stdin?: Uint8Array | string): Promise<RunResult> {
  return runCommand(process.execPath, ['--import', 'tsx', sourceMain, ...args], stdin, undefined, repoRoot);
}
