/**
 * `npm test`: type-check, lint, build, unit + interop tests (node:test), then end-to-end specs (Playwright,
 * Debian's Chromium, and Debian's firefox-esr for the core flows). The check steps are counted apart (`Checks: N of N passed`); the last line,
 * `N passed, N failed[, N skipped]`, counts tests only, and names failed checks after them. The tests run
 * with HOME pointed at a fresh folder (scripts/test-home.ts): anything they write there fails the run.
 * Exits non-zero when any test or check failed.
 *
 *   npm test                   everything
 *   npm test -- --unit-only    skip the browser specs
 *   npm test -- --e2e-only     only the browser specs (after a build)
 *   npm test -- --e2e-only e2e/specs/x.spec.ts   only these specs
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createTestHome, strayWrites } from './test-home';
import { summary } from './test-summary';

const root = path.resolve(__dirname, '..');
const args = new Set(process.argv.slice(2).filter((a) => a.startsWith('--')));
const specs = process.argv.slice(2).filter((a) => !a.startsWith('--'));
/** Tests (unit, interop, end-to-end). */
const totals = { passed: 0, failed: 0, skipped: 0 };
/** Check steps: type-check, lint, builds, web-ext lint, and "nothing written outside the clone". */
const checks = { passed: 0, failed: 0 };
const failures: string[] = [];
const testHome = createTestHome();

function run(label: string, cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(label: string, passed: boolean): void {
  if (passed) checks.passed += 1;
  else {
    checks.failed += 1;
    failures.push(label);
  }
}

function step(label: string, cmd: string, cmdArgs: string[]): void {
  check(label, run(label, cmd, cmdArgs));
}

/** After a test run: whatever it left in the test HOME was written outside the clone. */
function checkTestHome(what: string): void {
  const stray = strayWrites(testHome.dir);
  if (stray.length > 0) {
    console.log(`\n✗ ${what} wrote outside the clone (into HOME, here ${testHome.dir}): ${stray.join(', ')}`);
    console.log('  A test must keep its files in the clone or a temporary folder of its own (e.g. gpg --homedir).');
  }
  check(`${what}: nothing written outside the clone${stray.length > 0 ? ` (wrote ${stray.join(', ')})` : ''}`, stray.length === 0);
  fs.rmSync(testHome.dir, { recursive: true, force: true });
  fs.mkdirSync(testHome.dir);
}

function listTests(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listTests(full, out);
    else if (entry.name.endsWith('.test.ts')) out.push(path.relative(root, full));
  }
  return out.sort();
}

function unitTests(): void {
  const files = ['keyring', 'extension', 'scripts', 'e2e'].flatMap((d) => listTests(path.join(root, d)));
  const tap = path.join(root, 'test-results', 'unit.tap');
  fs.mkdirSync(path.dirname(tap), { recursive: true });
  // Node 20 does not discover .ts files: pass every file explicitly.
  const ok = run(`unit and interop tests (${files.length} files)`, process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], testHome.env);
  const summary = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(summary)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += count('skipped') + count('todo');
  if (!ok && failed === 0) {
    totals.failed += 1;
    failures.push('unit test run (the runner itself failed)');
  } else if (failed > 0) failures.push(`${failed} unit/interop test(s)`);
  checkTestHome('unit and interop tests');
}

type PlaywrightStats = { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number } };

function e2eTests(): void {
  const report = path.join(root, 'test-results', 'e2e-results.json');
  fs.rmSync(report, { force: true });
  // Playwright's own CLI, not npx: npm would write its logs into the test HOME.
  // Two Playwright projects: every spec in Chromium, the core set in Firefox (playwright.config.ts).
  const ok = run('end-to-end specs (Playwright: Chromium, and Firefox for the core flows)', process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', ...specs], testHome.env);
  const stats = fs.existsSync(report) ? (JSON.parse(fs.readFileSync(report, 'utf8')) as PlaywrightStats).stats : undefined;
  const passed = (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  if ((stats?.flaky ?? 0) > 0) console.log(`E2E: ${stats?.flaky} spec(s) passed only on retry (flaky): see the report above`);
  const failed = stats?.unexpected ?? 0;
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += stats?.skipped ?? 0;
  if (!ok && failed === 0) {
    totals.failed += 1;
    failures.push('end-to-end run (Playwright itself failed: see above)');
  } else if (failed > 0) failures.push(`${failed} end-to-end spec(s)`);
  checkTestHome('end-to-end specs');
}

function main(): number {
  const e2eOnly = args.has('--e2e-only');
  if (!e2eOnly) {
    step('type-check (tsc, extension and keyring)', 'npm', ['run', '-s', 'typecheck']);
    step('lint (eslint)', 'npm', ['run', '-s', 'lint']);
    step('build (production: chrome, firefox, cli)', 'npm', ['run', '-s', 'build']);
    step('store packages (chrome = edge zip, firefox zip)', process.execPath, ['--import', 'tsx', 'scripts/build/check-packages.ts']);
    step('build (e2e test build)', 'npm', ['run', '-s', 'build:test']);
    step('web-ext lint (dist/firefox)', 'npm', ['run', '-s', 'lint:firefox']);
    unitTests();
  }
  if (!args.has('--unit-only')) e2eTests();
  fs.rmSync(testHome.dir, { recursive: true, force: true });
  const { lines, exitCode } = summary(totals, checks, failures);
  console.log(['', ...lines].join('\n'));
  return exitCode;
}

process.exitCode = main();
