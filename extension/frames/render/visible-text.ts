/**
 * The text a reply may quote: only what the reader visibly showed (SECURITY A3.1, A3.2). For HTML, the
 * sanitised markup is parsed inertly and every element hidden by attribute or inline style is dropped, as are
 * style sheets; for text, the text as shown.
 */
import { sanitizeHtml } from './sanitize';

const hiddenStyle = /(display\s*:\s*none|visibility\s*:\s*(hidden|collapse)|opacity\s*:\s*0(\.0*)?\s*(;|$)|font-size\s*:\s*0[a-z%]*\s*(;|$)|(height|width)\s*:\s*0[a-z%]*\s*(;|$))/i;

export function visibleText(content: { text: string | null; html: string | null }): string {
  if (content.html === null) return content.text ?? '';
  const { html } = sanitizeHtml(content.html, { allowRemoteImages: false });
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  for (const el of [...doc.body.querySelectorAll('*')]) {
    const style = el.getAttribute('style') ?? '';
    if (el.hasAttribute('hidden') || hiddenStyle.test(style) || el.tagName === 'STYLE') el.remove();
  }
  for (const br of doc.body.querySelectorAll('br')) br.replaceWith('\n');
  for (const block of doc.body.querySelectorAll('p, div, li, tr, h1, h2, h3, h4, h5, h6')) block.append('\n');
  return (doc.body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}
