/**
 * When a privileged action in a reader or editor frame may run (SECURITY A6.3, A6.8). Pure: the browser
 * side (visibility-guard.ts) collects the facts, these rules decide, so the decision is unit-tested.
 *
 * A page cannot click inside our cross-origin frame, but it can make the user's own click land there
 * (clickjacking) or send the user's keys there (keyjacking). So an action must follow a time in which the
 * frame was plainly there: fully visible, not covered, not moved, of a real size, and, for a key press,
 * focused. Where the browser cannot tell visibility (no IntersectionObserver v2), the frame asks for a
 * second confirmation instead (see confirmRefusal).
 */

/** How long the frame must have been plainly visible (and focused, for keys) before an action counts. */
export const settleMs = 500;
/**
 * Below this size the frame cannot show what an action is about: for the frame itself, and for the part of
 * it in view (a clip-path leaving a dot, a frame pushed almost off screen). Only a part is required, not
 * all of it: a frame partly scrolled out of view (which scrolling a control into view may cause) is fine
 * as long as the control itself is in the part that shows (see controlInView).
 */
export const minWidthPx = 200;
export const minHeightPx = 150;
/** A covered frame must stay covered this long before the editor warns (no warning for a passing tooltip). */
export const coveredWarnMs = 300;

export type Activation = 'pointer' | 'keyboard';
export type Refusal = 'hidden' | 'moved' | 'unfocused' | 'small' | 'settling';

export type GuardFacts = {
  /** 'observed': the browser reports visibility (IntersectionObserver v2); 'confirm': it cannot. */
  mode: 'observed' | 'confirm';
  /** Since when a real-size part of the frame has been in view, unobscured and unfaded, without a break; null while not. */
  visibleSince: number | null;
  /** The last time the frame was seen to move or change size on screen. */
  movedAt: number;
  /** Since when the frame has had keyboard focus without a break; null while it has not. */
  focusedSince: number | null;
  width: number;
  height: number;
};

export type Box = { x: number; y: number; width: number; height: number };

/** Whether a real-size, unobscured part of the frame shows (from one IntersectionObserver v2 entry). */
export function showsRealPart(isVisible: boolean, view: Box): boolean {
  return isVisible && view.width >= minWidthPx && view.height >= minHeightPx;
}

/** The control's centre lies in the part of the frame that is in view (both in the frame's coordinates). */
export function controlInView(control: Box, view: Box): boolean {
  const cx = control.x + control.width / 2;
  const cy = control.y + control.height / 2;
  return cx >= view.x && cx <= view.x + view.width && cy >= view.y && cy <= view.y + view.height;
}

/** `inView`: whether the pressed control is in the visible part (unknown, so not checked, without IOv2). */
export function refusal(f: GuardFacts, now: number, how: Activation, inView = true): Refusal | null {
  if (f.width < minWidthPx || f.height < minHeightPx) return 'small';
  if (f.mode === 'observed') {
    if (f.visibleSince === null || now - f.visibleSince < settleMs || !inView) return 'hidden';
    if (now - f.movedAt < settleMs) return 'moved';
  }
  if (how === 'keyboard' && (f.focusedSince === null || now - f.focusedSince < settleMs)) return 'unfocused';
  return null;
}

/**
 * The second step where visibility is unknown: the confirmation shown at `shownAt` counts only once it has
 * been on screen for settleMs and the frame kept the focus all that time (a page that took focus in
 * between, to place a lure for the second click, breaks the chain).
 */
export function confirmRefusal(f: GuardFacts, shownAt: number, now: number): Refusal | null {
  if (f.width < minWidthPx || f.height < minHeightPx) return 'small';
  if (f.focusedSince === null || f.focusedSince > shownAt) return 'unfocused';
  if (now - shownAt < settleMs) return 'settling';
  return null;
}

/** The next moment at which a refusal may turn into consent, so the frame can show the change; null if none is due. */
export function nextChange(f: GuardFacts, now: number): number | null {
  const due = [f.visibleSince, f.movedAt, f.focusedSince]
    .filter((t): t is number => t !== null && Number.isFinite(t))
    .map((t) => t + settleMs)
    .filter((t) => t > now);
  return due.length > 0 ? Math.min(...due) : null;
}

/**
 * The frame's position on screen, as a pointer event reveals it (screen minus client coordinates). A change
 * between two events close together means the page moved the frame under the pointer.
 */
export type PointerSample = { dx: number; dy: number; at: number };
/** Only samples of one continuous motion count: a page scroll between two separate clicks is no jump under the pointer. */
export const pointerGapMs = 100;

export function movedBetween(before: PointerSample | null, after: PointerSample): boolean {
  if (!before || after.at - before.at > pointerGapMs) return false;
  return Math.abs(after.dx - before.dx) > 1.5 || Math.abs(after.dy - before.dy) > 1.5;
}
