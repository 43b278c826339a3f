/**
 * The one sanitiser for decrypted HTML (DESIGN §2.4), DOMPurify with a strict profile: no scripts, forms,
 * frames, style elements or remote URLs; links forced to open in a new tab without opener or referrer.
 * Remote images only when the user allowed them for this message. The frame's CSP forbids loading
 * anything too, but the sanitiser does not rely on it (issue #23 item 6): `style` attributes keep only
 * declarations that cannot load anything, decided on the decoded CSS (css-inline.ts), and `<style>`
 * elements, whose rules could not be judged as safely, never survive.
 */
import DOMPurify from 'dompurify';
import { filterInlineStyle } from './css-inline';

export type SanitizeOptions = { allowRemoteImages: boolean };

const urlAttributes = ['src', 'srcset', 'background', 'poster', 'xlink:href', 'href', 'action', 'formaction', 'data', 'ping'];
const remote = /^\s*(https?:|\/\/|ftp:)/i;
const inlineData = /^\s*data:image\/(png|gif|jpeg|webp);/i;

export function sanitizeHtml(html: string, opts: SanitizeOptions): { html: string; blockedRemote: number } {
  let blockedRemote = 0;
  const purify = DOMPurify(window);
  purify.addHook('afterSanitizeAttributes', (node) => {
    for (const attr of urlAttributes) {
      const value = node.getAttribute(attr);
      if (value === null) continue;
      if (attr === 'href' && node.tagName === 'A') continue;
      const allowed = inlineData.test(value) || (opts.allowRemoteImages && node.tagName === 'IMG' && attr === 'src' && /^\s*https:/i.test(value));
      if (!allowed) {
        if (remote.test(value)) blockedRemote += 1;
        node.removeAttribute(attr);
      }
    }
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
    const style = node.getAttribute('style');
    if (style !== null) {
      const filtered = filterInlineStyle(style);
      blockedRemote += filtered.blockedRemote;
      if (filtered.style === null) node.removeAttribute('style');
      else node.setAttribute('style', filtered.style);
    }
  });
  const clean = purify.sanitize(html, {
    FORBID_TAGS: ['style', 'link', 'meta', 'base', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'audio', 'video', 'source', 'track', 'svg', 'math', 'template'],
    FORBID_ATTR: ['srcdoc', 'ping', 'formaction', 'action'],
    ALLOW_DATA_ATTR: false,
    WHOLE_DOCUMENT: false,
  });
  return { html: clean, blockedRemote };
}
