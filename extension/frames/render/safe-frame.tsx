/**
 * Renders decrypted content in a sandboxed `srcdoc` frame: no `allow-scripts`, no `allow-same-origin`,
 * and a CSP of `default-src 'none'` in the document itself, so even a sanitiser bypass can neither run
 * script nor load anything (SECURITY A1.1, A1.4, A6.9). Text is escaped, never parsed as HTML.
 */
import { useMemo } from 'preact/hooks';
import { mark, readerMarks } from '../timing';
import { sanitizeHtml } from './sanitize';

const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; form-action 'none'; base-uri 'none'";
const cspRemoteImages = "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; font-src 'none'; form-action 'none'; base-uri 'none'";
const baseStyle = 'body{font:14px/1.5 system-ui,sans-serif;margin:8px;color:#111;word-wrap:break-word}pre{white-space:pre-wrap;font:inherit;margin:0}img{max-width:100%}';

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function buildSrcdoc(content: { text: string | null; html: string | null }, allowRemoteImages: boolean): { doc: string; blockedRemote: number } {
  let body: string;
  let blockedRemote = 0;
  if (content.html !== null) {
    const clean = sanitizeHtml(content.html, { allowRemoteImages });
    body = clean.html;
    blockedRemote = clean.blockedRemote;
  } else {
    body = `<pre>${escapeText(content.text ?? '')}</pre>`;
  }
  const policy = allowRemoteImages ? cspRemoteImages : csp;
  const doc = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${policy}"><meta name="referrer" content="no-referrer"><style>${baseStyle}</style></head><body>${body}</body></html>`;
  return { doc, blockedRemote };
}

export function SafeFrame(props: { text: string | null; html: string | null; allowRemoteImages: boolean; title: string }) {
  const { doc } = useMemo(() => buildSrcdoc(props, props.allowRemoteImages), [props.text, props.html, props.allowRemoteImages]);
  return (
    <iframe
      class="lp-content"
      data-testid="safe-frame"
      title={props.title}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      referrerpolicy="no-referrer"
      srcdoc={doc}
      onLoad={() => mark(readerMarks.shown)}
    />
  );
}
