/**
 * Where a worker start's time goes (issue #21): User Timing marks and measures in the service worker, in
 * test builds only (a production worker would keep every entry for its whole life). bench:page reads them
 * with performance.getEntries() through the test driver.
 */
// Node tests load worker modules without webpack's definitions: there the flag is absent, timing off.
const on = typeof __LOCKPANE_TEST__ !== 'undefined' && __LOCKPANE_TEST__;

export const bootMark = { evalStart: 'lp:eval-start', evalEnd: 'lp:eval-end' } as const;

export function mark(name: string): void {
  if (on) performance.mark(name);
}

/** Runs `work`, recording its span as measure `name` (test builds). */
export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!on) return work();
  const start = performance.now();
  try {
    return await work();
  } finally {
    performance.measure(name, { start, end: performance.now() });
  }
}
