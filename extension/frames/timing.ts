/**
 * User Timing marks at the reader's two visible moments, for `npm run bench:page`: it reads them from
 * the frame and compares them with the page's clock (both epoch-based through `performance.timeOrigin`),
 * so the latency measured is the browser's, without the test driver's polling. Marks carry no content.
 */
export const readerMarks = { ready: 'lockpane:reader-ready', shown: 'lockpane:content-shown' } as const;

export function mark(name: (typeof readerMarks)[keyof typeof readerMarks]): void {
  try {
    performance.mark(name);
  } catch {
    // User Timing missing or full: the marks only serve the benchmark
  }
}
