/**
 * Collects, inside a reader or editor frame, the facts the rules in rules.ts decide on: is the frame fully
 * visible (IntersectionObserver v2 in Chromium), did it move, has it the focus, is it of a real size.
 * One guard per frame, shared by every guarded control and warning in it.
 */
import { controlInView, coveredWarnMs, movedBetween, nextChange, refusal, confirmRefusal, showsRealPart, type Activation, type Box, type GuardFacts, type PointerSample, type Refusal } from './rules';

type Listener = () => void;

/** IntersectionObserver v2: `isVisible` says whether anything covers, fades, filters or transforms the target. */
type VisibilityInit = IntersectionObserverInit & { trackVisibility: boolean; delay: number };
type VisibilityEntry = IntersectionObserverEntry & { isVisible?: boolean };

export function reportsVisibility(): boolean {
  return typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;
}

const now = () => performance.now();

class FrameGuard {
  readonly facts: GuardFacts;
  /** Since when the frame is in view but reported not visible (covered, faded, transformed); null otherwise. */
  private coveredSince: number | null = null;
  private lastPointer: PointerSample | null = null;
  /** The part of the frame in view, in the frame's own coordinates (null before the first report). */
  private view: Box | null = null;
  private observer: IntersectionObserver | null = null;
  private sentinel: HTMLElement | null = null;
  private listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    const t = now();
    this.facts = {
      mode: reportsVisibility() ? 'observed' : 'confirm',
      visibleSince: null,
      movedAt: -Infinity,
      focusedSince: document.hasFocus() ? t : null,
      width: innerWidth,
      height: innerHeight,
    };
    if (this.facts.mode === 'observed') this.observe();
    addEventListener('focus', () => this.update(() => { this.facts.focusedSince ??= now(); }));
    addEventListener('blur', () => this.update(() => { this.facts.focusedSince = null; }));
    addEventListener('resize', () => this.update(() => {
      this.measure();
      this.facts.movedAt = now();
      this.reobserve();
    }));
    document.addEventListener('visibilitychange', () => this.update(() => {
      if (document.visibilityState !== 'visible') this.facts.visibleSince = null;
      else this.reobserve();
    }));
    for (const type of ['pointermove', 'pointerdown', 'pointerover'] as const) {
      addEventListener(type, (e) => this.pointer(e), { capture: true, passive: true });
    }
  }

  /**
   * A full-size, fixed, transparent sentinel stands for the whole frame: its visibility is the frame's
   * as the top page paints it, whatever our own content scrolls to.
   */
  private observe(): void {
    const sentinel = document.createElement('div');
    sentinel.setAttribute('aria-hidden', 'true');
    sentinel.style.cssText = 'position:fixed;inset:0;pointer-events:none;z-index:2147483647;background:transparent';
    document.documentElement.append(sentinel);
    const init: VisibilityInit = { trackVisibility: true, delay: 100, threshold: Array.from({ length: 101 }, (_, i) => i / 100) }; // 1 % steps keep `view` current while scrolling (IO reports only on crossing one)
    this.observer = new IntersectionObserver((entries) => this.entries(entries), init);
    this.observer.observe(sentinel);
    this.sentinel = sentinel;
  }

  /**
   * Asks the browser for a fresh report. It reports only when a threshold is crossed or `isVisible` flips,
   * so a frame that grows while wholly in view (ratio 1 before and after: a narrow container widened, a
   * style sheet arriving late) would keep the small rectangle of its first report and never arm; the same
   * after the tab comes back to the front. A new observation always gets a first report.
   */
  private reobserve(): void {
    if (!this.observer || !this.sentinel) return;
    this.observer.unobserve(this.sentinel);
    this.observer.observe(this.sentinel);
  }

  /**
   * The frame's size, read again; a change counts as a move. A new frame's script may run before the frame
   * has its real size (innerWidth 0 in a frame process just started), and Chromium does not always fire
   * `resize` for that first layout: a size read once would then refuse as "small" for good (seen in a full
   * run: data-guard=small for 30 s). So the size is also read with every visibility report and every press.
   */
  private measure(): boolean {
    if (innerWidth === this.facts.width && innerHeight === this.facts.height) return false;
    this.facts.width = innerWidth;
    this.facts.height = innerHeight;
    this.facts.movedAt = now();
    return true;
  }

  private entries(entries: IntersectionObserverEntry[]): void {
    const e = entries.at(-1) as VisibilityEntry | undefined;
    if (!e) return;
    this.update(() => {
      this.measure();
      const r = e.intersectionRect;
      this.view = { x: r.x, y: r.y, width: r.width, height: r.height };
      const shows = showsRealPart(e.isVisible === true, this.view) && document.visibilityState === 'visible';
      if (!shows) this.facts.visibleSince = null;
      else this.facts.visibleSince ??= now();
      const covered = e.intersectionRatio > 0 && e.isVisible === false;
      if (!covered) this.coveredSince = null;
      else this.coveredSince ??= now();
    });
  }

  private pointer(e: PointerEvent): void {
    const sample = { dx: e.screenX - e.clientX, dy: e.screenY - e.clientY, at: now() };
    if (movedBetween(this.lastPointer, sample)) this.update(() => { this.facts.movedAt = sample.at; });
    this.lastPointer = sample;
  }

  private update(change: () => void): void {
    change();
    this.notify();
  }

  /** Tells every listener, now and again when a refusal can lift or a covered frame becomes worth a warning. */
  private notify(): void {
    for (const l of this.listeners) l();
    clearTimeout(this.timer);
    const t = now();
    const due = [nextChange(this.facts, t), this.coveredSince === null ? null : this.coveredSince + coveredWarnMs]
      .filter((d): d is number => d !== null && d > t);
    if (due.length > 0) this.timer = setTimeout(() => this.notify(), Math.min(...due) - t + 5);
  }

  /** Entries the browser computed but has not delivered yet (a change in the last few ms before a click). */
  private flush(): void {
    const pending = this.observer?.takeRecords() ?? [];
    if (pending.length > 0) this.entries(pending);
  }

  /**
   * `control`: the element pressed. For a key press it must lie in the part of the frame that shows (the
   * page may show one corner of the frame while the focus sits on a button out of view). A pointer press
   * needs no such check: the browser's own hit test delivered it here, so its point is in the part that
   * shows, and checking it against the last IntersectionObserver report (which lags scrolling by up to one
   * report) would only refuse real clicks near the edge.
   */
  check(how: Activation, control?: Element): Refusal | null {
    this.flush();
    if (this.measure()) this.notify(); // changed unseen: refused as moved now, and shown armed once settled
    const inView = this.facts.mode !== 'observed' || how === 'pointer' || !control
      || (this.view !== null && controlInView(control.getBoundingClientRect(), this.view));
    return refusal(this.facts, now(), how, inView);
  }

  checkConfirm(shownAt: number): Refusal | null {
    this.flush();
    if (this.measure()) this.notify();
    return confirmRefusal(this.facts, shownAt, now());
  }

  /** Why a click now would be refused (null: it would be accepted), as the controls show it (aria-disabled, data-guard). */
  pointerRefusal(): Refusal | null {
    return refusal(this.facts, now(), 'pointer');
  }

  /** Covered, faded or transformed by the page for a while, though in view (the editor warns then). */
  covered(): boolean {
    return this.coveredSince !== null && now() - this.coveredSince >= coveredWarnMs;
  }

  now(): number {
    return now();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

let guard: FrameGuard | null = null;

/** The frame's guard, created on first use (the reader and editor call this before their first render). */
export function frameGuard(): FrameGuard {
  guard ??= new FrameGuard();
  return guard;
}

export type { FrameGuard };
