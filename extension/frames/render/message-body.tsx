/**
 * Shows decrypted content. HTML goes into a sandboxed `srcdoc` frame: no `allow-scripts`, no
 * `allow-same-origin`, and a CSP of `default-src 'none'` in the document itself, so even a sanitiser
 * bypass can neither run script nor load anything (SECURITY A1.1, A1.4, A6.9). Plain text is shown
 * inline as a text node, which is never parsed as markup and loads nothing; that spares the frame's
 * load (50–100 ms of the click-to-plaintext time in bench:page). The HTML frame exists from the start,
 * empty and hidden, so the reader's frame count says nothing about the outcome (BodyFrame below).
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

/** Plain text, shown inline; HTML goes into the reader's one BodyFrame instead (nothing here then). */
export function MessageBody(props: { text: string | null; html: string | null; title: string }) {
  if (props.html !== null) return null;
  return <PlainText text={props.text ?? ''} title={props.title} />;
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

/** What an empty BodyFrame holds: nothing, under the same CSP. */
const idleDoc = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${csp}"></head><body></body></html>`;

/**
 * The reader's one child frame, present from the reader's first paint whatever happens next (issue #23
 * item 5): a page can count a cross-origin frame's children (`frames[i].length`), so a frame created only
 * for a decrypted HTML mail told the page that decryption worked. It stays hidden and empty until there is
 * HTML to show; the same element then gets the content (Reader keeps it at one place in its tree, so Preact
 * never replaces it).
 */
export function BodyFrame({ html, allowRemoteImages, title }: { html: string | null; allowRemoteImages: boolean; title: string }) {
  const doc = useMemo(() => (html === null ? idleDoc : buildSrcdoc(html, allowRemoteImages).doc), [html, allowRemoteImages]);
  return (
    <iframe
      class="lp-content"
      data-testid={html === null ? 'body-frame-idle' : 'safe-frame'}
      hidden={html === null}
      aria-hidden={html === null ? 'true' : undefined}
      tabIndex={html === null ? -1 : undefined}
      title={title}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      referrerpolicy="no-referrer"
      srcdoc={doc}
      onLoad={() => { if (html !== null) mark(readerMarks.shown); }}
    />
  );
}
