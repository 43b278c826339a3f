/**
 * The end of `npm test`'s output: check steps counted apart from tests, and a last plain line that counts
 * tests only (`N passed, N failed[, N skipped]`), naming failed checks after them so it never reads clean
 * while a check failed.
 */
export type Counts = { passed: number; failed: number; skipped: number };
export type CheckCounts = { passed: number; failed: number };

export function summary(tests: Counts, checks: CheckCounts, failures: readonly string[]): { lines: string[]; exitCode: number } {
  const lines = [`Checks: ${checks.passed} of ${checks.passed + checks.failed} passed`];
  if (failures.length > 0) lines.push(`Failed: ${failures.join('; ')}`);
  const skipped = tests.skipped > 0 ? `, ${tests.skipped} skipped` : '';
  const failedChecks = checks.failed > 0 ? `, ${checks.failed} ${checks.failed === 1 ? 'check' : 'checks'} failed` : '';
  lines.push(`${tests.passed} passed, ${tests.failed} failed${skipped}${failedChecks}`);
  return { lines, exitCode: tests.failed > 0 || checks.failed > 0 ? 1 : 0 };
}
