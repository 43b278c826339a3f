/**
 * Shows decrypted content. HTML goes into a sandboxed `srcdoc` frame: no `allow-scripts`, no
 * `allow-same-origin`, and a CSP of `default-src 'none'` in the document itself, so even a sanitiser
 * bypass can neither run script nor load anything (SECURITY A1.1, A1.4, A6.9). Plain text is shown
 * inline as a text node, which is never parsed as markup and loads nothing; that spares the frame's
 * load (50–100 ms of the click-to-plaintext time in bench:page).
 */
import { useLayoutEffect, useMemo } from 'preact/hooks';
import { mark, readerMarks } from '../timing';
import { sanitizeHtml } from './sanitize';

const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; form-action 'none'; base-uri 'none'";
const cspRemoteImages = "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; font-src 'none'; form-action 'none'; base-uri 'none'";
const baseStyle = 'body{font:14px/1.5 system-ui,sans-serif;margin:8px;color:#111;word-wrap:break-word}img{max-width:100%}';

export function buildSrcdoc(html: string, allowRemoteImages: boolean): { doc: string; blockedRemote: number } {
  const clean = sanitizeHtml(html, { allowRemoteImages });
  const policy = allowRemoteImages ? cspRemoteImages : csp;
  const doc = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${policy}"><meta name="referrer" content="no-referrer"><style>${baseStyle}</style></head><body>${clean.html}</body></html>`;
  return { doc, blockedRemote: clean.blockedRemote };
}

export function MessageBody(props: { text: string | null; html: string | null; allowRemoteImages: boolean; title: string }) {
  if (props.html === null) return <PlainText text={props.text ?? ''} title={props.title} />;
  return <HtmlFrame html={props.html} allowRemoteImages={props.allowRemoteImages} title={props.title} />;
}

/**
 * Line endings as an HTML parser would give them (CRLF and CR become LF): mail text arrives in CRLF form.
 * Focusable, so keyboard users can scroll a long message inside the fixed-height reader.
 */
function PlainText({ text, title }: { text: string; title: string }) {
  const shown = useMemo(() => text.replace(/\r\n?/g, '\n'), [text]);
  useLayoutEffect(() => mark(readerMarks.shown), [shown]);
  return <pre class="lp-content lp-text" data-testid="message-text" role="region" aria-label={title} tabIndex={0}>{shown}</pre>;
}

function HtmlFrame({ html, allowRemoteImages, title }: { html: string; allowRemoteImages: boolean; title: string }) {
  const { doc } = useMemo(() => buildSrcdoc(html, allowRemoteImages), [html, allowRemoteImages]);
  return (
    <iframe
      class="lp-content"
      data-testid="safe-frame"
      title={title}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      referrerpolicy="no-referrer"
      srcdoc={doc}
      onLoad={() => mark(readerMarks.shown)}
    />
  );
}
