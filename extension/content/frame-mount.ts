/**
 * Mounts an extension-origin frame into the page. The frame gets only a single-use token in its URL hash;
 * its height is fixed so that the page cannot learn the plaintext's length or the outcome (SECURITY A6.4).
 */
import browser from 'webextension-polyfill';
import type { FrameKind } from '../shared/catalogue';
import { flattenAncestors } from './frame-host';

export const frameHeightPx = 360;
export const editorFrameHeightPx = 460;

export function mountFrame(kind: FrameKind, token: string, after: Element): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.src = `${browser.runtime.getURL(`${kind}.html`)}#${token}`;
  frame.title = browser.i18n.getMessage(kind === 'reader' ? 'frameTitleReader' : 'frameTitleEditor');
  frame.setAttribute('allow', '');
  frame.setAttribute('referrerpolicy', 'no-referrer');
  frame.style.cssText = `display:block;width:100%;max-width:100%;height:${frameHeightPx}px;border:0;margin:8px 0;color-scheme:normal`;
  after.after(frame);
  flattenAncestors(frame);
  return frame;
}
