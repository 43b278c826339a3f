/**
 * The clickjacking variants of issue #23 (SECURITY A6.3), as a hostile page applies them to one of our
 * frames: each makes the frame invisible, disguised or placed so that the user's next real click at
 * (x, y) — the page coordinates where the frame's button was — lands on that button unseen.
 */
import type { FrameLocator, Locator, Page } from '@playwright/test';

export type Lure = 'opacity-0' | 'ancestor-opacity' | 'opaque-overlay' | 'filter-opacity' | 'scaled' | 'clip-path-dot' | 'moved-on-mousemove';
export const lures: Lure[] = ['opacity-0', 'ancestor-opacity', 'opaque-overlay', 'filter-opacity', 'scaled', 'clip-path-dot', 'moved-on-mousemove'];

/** Where a control of a frame is: its centre in page coordinates and relative to the frame's corner. */
export type Target = { x: number; y: number; bx: number; by: number; fw: number; fh: number };

export async function locate(frameElement: Locator, control: Locator): Promise<Target> {
  await control.scrollIntoViewIfNeeded();
  const f = await frameElement.boundingBox();
  const b = await control.boundingBox();
  if (!f || !b) throw new Error('frame or control has no box');
  const x = b.x + b.width / 2;
  const y = b.y + b.height / 2;
  return { x, y, bx: x - f.x, by: y - f.y, fw: f.width, fh: f.height };
}

/**
 * Applies the lure inside the page (the page's own script could do exactly this). `selector` finds our
 * iframe. For 'moved-on-mousemove' the frame waits off screen and jumps under the pointer when it moves
 * over the lure button drawn at (x, y).
 */
export async function applyLure(page: Page, selector: string, lure: Lure, t: Target): Promise<void> {
  await page.evaluate(({ selector, lure, t }) => {
    const frame = document.querySelector(selector) as HTMLIFrameElement;
    const bait = document.createElement('button');
    bait.id = 'lure';
    bait.textContent = 'Claim your prize';
    // Under the frame (which the page puts on top), except where it must catch the pointer first.
    bait.style.cssText = `position:absolute;left:${t.x - 70}px;top:${t.y - 18}px;width:140px;height:36px;z-index:${lure === 'moved-on-mousemove' ? 10 : -1}`;
    document.body.append(bait);
    frame.style.position = 'relative';
    frame.style.zIndex = '1';
    switch (lure) {
      case 'opacity-0': frame.style.opacity = '0'; break;
      case 'ancestor-opacity': frame.parentElement!.style.opacity = '0.02'; break;
      case 'filter-opacity': frame.style.filter = 'opacity(0.02)'; break;
      case 'scaled': frame.style.transformOrigin = `${t.bx}px ${t.by}px`; frame.style.transform = 'scale(0.2)'; break;
      case 'clip-path-dot': frame.style.clipPath = `inset(${t.by - 4}px ${t.fw - t.bx - 4}px ${t.fh - t.by - 4}px ${t.bx - 4}px)`; break;
      case 'opaque-overlay': {
        const cover = document.createElement('div');
        cover.textContent = 'Win a prize: click the button!';
        cover.style.cssText = `position:absolute;left:${t.x - t.bx}px;top:${t.y - t.by}px;width:${t.fw}px;height:${t.fh}px;background:#fff;z-index:5;pointer-events:none`;
        document.body.append(cover);
        break;
      }
      case 'moved-on-mousemove': {
        frame.style.cssText += `;position:fixed;left:-4000px;top:0;width:${t.fw}px;height:${t.fh}px`;
        bait.style.position = 'fixed';
        bait.addEventListener('mousemove', () => {
          frame.style.left = `${t.x - t.bx}px`;
          frame.style.top = `${t.y - t.by}px`;
          frame.style.zIndex = '20';
        }, { once: true });
        break;
      }
    }
  }, { selector, lure, t });
}

/** Takes every lure away again, so the frame is plainly visible where it was. */
export async function removeLure(page: Page, selector: string): Promise<void> {
  await page.evaluate((selector) => {
    const frame = document.querySelector(selector) as HTMLIFrameElement;
    for (const p of ['opacity', 'filter', 'transform', 'transform-origin', 'clip-path', 'position', 'left', 'top', 'z-index']) frame.style.removeProperty(p);
    frame.parentElement!.style.removeProperty('opacity');
    document.getElementById('lure')?.remove();
    for (const el of document.querySelectorAll('div[style*="pointer-events:none"], div[style*="pointer-events: none"]')) el.remove();
  }, selector);
}

/** The user's real click on the lure: for the moving frame, the pointer first moves onto it, as a hand does. */
export async function userClicks(page: Page, lure: Lure, t: Target): Promise<void> {
  if (lure === 'moved-on-mousemove') {
    await page.mouse.move(t.x - 40, t.y);
    await page.mouse.move(t.x, t.y, { steps: 4 });
    // The page moved the frame: two paints later it is where input is routed; then a hand's short pause.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.waitForTimeout(100);
  }
  await page.mouse.click(t.x, t.y);
}

/**
 * A frame's button once the frame says it would accept a click: guarded buttons are aria-disabled until
 * the frame has settled (extension/frames/guard). Playwright's own click() waits for this by itself.
 */
export function armed(frame: FrameLocator, testId: string): Locator {
  return frame.locator(`[data-testid="${testId}"]:not([aria-disabled="true"]):not([disabled])`);
}
