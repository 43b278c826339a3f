/**
 * Keeps the page's decorative 3D out of our frames' way. Chromium's IntersectionObserver v2 counts a frame
 * inside a 3D rendering context (an ancestor with `perspective` or `transform-style: preserve-3d`) as not
 * visible, and the frame guard then rightly refuses every press in it. SOGo's message view sits in such a
 * context (a flip card: `perspective` on #detailView, `preserve-3d` below it) although it shows flat.
 * Flattening those ancestors changes nothing a flat view shows and lets the guard see the frame. A page that
 * puts the 3D back only makes our frame refuse again: the failure stays on the safe side.
 */
const flat: [property: 'perspective' | 'transform-style', none: string][] = [
  ['perspective', 'none'],
  ['transform-style', 'flat'],
];

/** Returns how many ancestors were changed. */
export function flattenAncestors(frame: Element): number {
  let changed = 0;
  for (let el = frame.parentElement; el; el = el.parentElement) {
    const style = getComputedStyle(el);
    let touched = false;
    for (const [property, none] of flat) {
      const value = style.getPropertyValue(property).trim();
      if (value && value !== none && !(property === 'perspective' && value === 'none')) {
        (el as HTMLElement).style.setProperty(property, none, 'important');
        touched = true;
      }
    }
    if (touched) changed++;
  }
  return changed;
}
