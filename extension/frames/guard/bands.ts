/**
 * The frame watched as horizontal bands (pure; the browser side is visibility-guard.ts).
 *
 * IntersectionObserver v2 says of each target only "fully unobscured or not". One target for the whole
 * frame would turn a frame that merely scrolled under a web mail's sticky toolbar (Roundcube's compose
 * pane does this) into an invisible one. Bands tell which part is clear: actions count only for a control
 * inside the largest clear run, and only a cover that is not where scrolling puts one (under a toolbar at
 * the top or a bar at the bottom of the part in view) is reported as the page covering the editor.
 */
import type { Box } from './rules';

/** What one band's latest IntersectionObserver v2 entry said, in the frame's own coordinates. */
export type BandReport = {
  /** `isVisible`: nothing covers, fades, filters or transforms this band. */
  clear: boolean;
  /** The band's part that is in view (zero-sized when it is scrolled or clipped out). */
  rect: Box;
};

export const bandCount = 20;

const touching = (upper: Box, lower: Box) => Math.abs(lower.y - (upper.y + upper.height)) <= 1;
const inView = (b: BandReport) => b.rect.width > 0 && b.rect.height > 0;

/** The tallest run of adjacent clear bands in view, as one box; null when no band is clear. */
export function largestClearRun(bands: readonly BandReport[]): Box | null {
  let best: Box | null = null;
  let run: Box | null = null;
  for (const b of [...bands].sort((p, q) => p.rect.y - q.rect.y)) {
    if (!b.clear || !inView(b)) {
      run = null;
      continue;
    }
    run = run && touching(run, b.rect) ? join(run, b.rect) : { ...b.rect };
    if (!best || run.height > best.height) best = run;
  }
  return best;
}

function join(a: Box, b: Box): Box {
  const x = Math.max(a.x, b.x);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const y = Math.min(a.y, b.y);
  const bottom = Math.max(a.y + a.height, b.y + b.height);
  return { x, y, width: Math.max(0, right - x), height: bottom - y };
}

/**
 * 'clear': every band in view is clear. 'edge': only a run at the top or bottom of the part in view is
 * covered, as a sticky toolbar covers a frame scrolled under it. 'covered': something lies over the middle
 * of the frame, or over all of the part in view.
 */
export function coverage(bands: readonly BandReport[]): 'clear' | 'edge' | 'covered' {
  const shown = bands.filter(inView).sort((p, q) => p.rect.y - q.rect.y);
  const firstClear = shown.findIndex((b) => b.clear);
  if (firstClear === -1) return shown.length === 0 ? 'clear' : 'covered';
  const lastClear = shown.length - 1 - [...shown].reverse().findIndex((b) => b.clear);
  if (shown.slice(firstClear, lastClear + 1).some((b) => !b.clear)) return 'covered';
  return firstClear === 0 && lastClear === shown.length - 1 ? 'clear' : 'edge';
}
