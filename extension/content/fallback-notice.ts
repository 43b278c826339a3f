/**
 * The one notice shown when a web mail's adapter could not be used on this page (its bundle did not load,
 * or the site changed so its essential hooks are gone): Lockpane keeps working in generic mode, and says
 * so once, calmly. It lives in a closed shadow root so the page cannot restyle or read it.
 */
import browser from 'webextension-polyfill';

const shown = new WeakSet<Document>();

export function showFallbackNotice(doc: Document, siteLabel: string): HTMLElement | null {
  if (shown.has(doc) || !doc.body) return null;
  shown.add(doc);
  const host = doc.createElement('lockpane-notice');
  host.style.cssText = 'position:fixed;right:16px;bottom:16px;z-index:2147483646;max-width:360px';
  const shadow = host.attachShadow({ mode: 'closed' });
  const box = doc.createElement('div');
  box.setAttribute('role', 'status');
  box.style.cssText = 'font:13px/1.4 system-ui,sans-serif;color:#1f2933;background:#fff;border:1px solid #9aa5b1;border-radius:6px;padding:10px 12px;box-shadow:0 2px 8px rgba(0,0,0,.15)';
  const text = doc.createElement('p');
  text.style.margin = '0 0 8px';
  // No English fallbacks in content.js (25 KB budget): scripts/build checks every key exists in every locale.
  text.textContent = browser.i18n.getMessage('siteFallbackNotice', [siteLabel]);
  const close = doc.createElement('button');
  close.type = 'button';
  close.textContent = browser.i18n.getMessage('siteFallbackDismiss');
  close.style.cssText = 'font:inherit;padding:2px 12px;border:1px solid #2d3e50;border-radius:4px;background:#fff;cursor:pointer';
  close.addEventListener('click', () => host.remove());
  box.append(text, close);
  shadow.append(box);
  doc.body.append(host);
  return host;
}
