/** Builds real encrypted test content in Node with Lockpane's own OpenPGP core (the reader then decrypts it in the browser). */
import { encrypt, readKey } from '../../keyring/pgp';

export async function encryptTo(publicKeyArmored: string, data: string): Promise<string> {
  return encrypt({ data, encryptionKeys: [await readKey(publicKeyArmored)], format: 'utf8' });
}

export function htmlMime(html: string): string {
  return `Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${html}\r\n`;
}

/** A page with one read pane holding the block, served by the test server. */
export function mailPage(body: string, script = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Mail</title></head><body>
<main id="read-pane"><div class="body">${body}</div></main>${script ? `<script>${script}</script>` : ''}</body></html>`;
}

/**
 * Exfiltration channels of SECURITY A1.1/A1.4/A6.9, each pointing at `leak` (the test server's origin):
 * a request for any `/leak/...` path means the decrypted view reached the network.
 */
export function exfiltrationHtml(leak: string): string {
  const u = (n: string) => `${leak}/leak/${n}`;
  return [
    `<p>Hello, these are the exfiltration probes.</p>`,
    `<img src="${u('img')}">`,
    `<img srcset="${u('srcset')} 1x">`,
    `<picture><source srcset="${u('picture')}"><img alt="p"></picture>`,
    `<video poster="${u('poster')}"></video>`,
    `<svg><image href="${u('svg')}"></image></svg>`,
    `<div style="background:url('${u('css-inline')}')">css</div>`,
    `<style>@import url('${u('css-import')}'); body{background:url('${u('css-style')}')}</style>`,
    `<link rel="stylesheet" href="${u('link')}">`,
    `<meta http-equiv="refresh" content="0;url=${u('refresh')}">`,
    `<form action="${u('form')}"><input name="q" value="x"><button>go</button></form>`,
    `<style>@font-face{font-family:x;src:url('${u('font')}')}</style><span style="font-family:x">f</span>`,
    `<table background="${u('background')}"><tr><td>t</td></tr></table>`,
    `<object data="${u('object')}"></object><embed src="${u('embed')}">`,
    `<iframe src="${u('iframe')}"></iframe>`,
    `<script>fetch('${u('script')}')</script>`,
    `<img src=x onerror="fetch('${u('onerror')}')">`,
    // mXSS-style payloads (DOMPurify bypass classics): still sandboxed, still no network.
    `<math><mtext><table><mglyph><style><img src="${u('mxss1')}">`,
    `<svg></p><style><a id="</style><img src=1 onerror=fetch('${u('mxss2')}')>">`,
    `<noscript><p title="</noscript><img src=x onerror=fetch('${u('mxss3')}')>">`,
    `<a href="${u('link-click')}" id="lnk">a link</a>`,
  ].join('\n');
}
