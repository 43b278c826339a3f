/**
 * A handler's `ctx` follows its catalogue entry's allowed senders (compile time), and the router hands it
 * exactly that context (run time). The `@ts-expect-error` lines fail typecheck if a frame-only handler
 * could read a content script's fields, or a page-only one a tab id.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogue } from '../shared/catalogue';
import type { FrameToken } from '../shared/ids';
import type { ContentContext, FrameContext, PageContext } from '../shared/sender';
import { createRouter, type Handler, type HandlerMap } from './router';

const id = 'ekndomebbkmcdbphkccpepjnfhgbljgf';
const own = `chrome-extension://${id}`;

test('a frame-only handler gets the frame context with its tab and frame ids, and nothing of a content script', async () => {
  const seen: FrameContext[] = [];
  const claim: Handler<'reader.claim'> = async (_req, ctx) => {
    const cls: 'frame' = ctx.cls;
    // @ts-expect-error a frame-only handler cannot read a content script's origin
    void ctx.origin;
    // @ts-expect-error nor its page url
    void ctx.url;
    seen.push(ctx);
    return { kind: 'pgp-message', origin: cls, bytes: ctx.tabId * 100 + ctx.frameId, sender: null };
  };
  const open: Handler<'reader.open'> = async (_req, ctx) => {
    const typed: ContentContext = ctx;
    // @ts-expect-error a content-only handler has no frame document
    void ctx.documentId;
    return { token: typed.origin as string as FrameToken };
  };
  const lockAll: Handler<'keys.lockAll'> = async (_req, ctx) => {
    const typed: PageContext = ctx;
    // @ts-expect-error a page-only handler has no tab
    void ctx.tabId;
    void typed;
    return { locked: true };
  };
  const stub = Object.fromEntries(Object.keys(catalogue).map((n) => [n, async () => { throw new Error(`unexpected ${n}`); }])) as unknown as HandlerMap;
  const route = createRouter({ ownId: id, ownOrigin: own, handlers: { ...stub, 'reader.claim': claim, 'reader.open': open, 'keys.lockAll': lockAll }, isSiteEnabled: async () => true });

  const frame = { id, url: `${own}/reader.html`, tab: { id: 4 }, frameId: 2, documentId: 'doc' };
  const reply = await route({ lockpane: 1, name: 'reader.claim', body: { token: 'a'.repeat(43) } }, frame);
  assert.deepEqual(reply, { ok: true, value: { kind: 'pgp-message', origin: 'frame', bytes: 402, sender: null } });
  assert.deepEqual(seen, [{ cls: 'frame', path: '/reader.html', tabId: 4, frameId: 2, documentId: 'doc' }]);

  const content = { id, url: 'https://mail.example/inbox', origin: 'https://mail.example', tab: { id: 4 }, frameId: 0 };
  const opened = await route({ lockpane: 1, name: 'reader.open', body: { kind: 'pgp-message', armored: 'x' } }, content);
  assert.deepEqual(opened, { ok: true, value: { token: 'https://mail.example' } });
  // The other classes never reach these handlers.
  const fromContent = await route({ lockpane: 1, name: 'reader.claim', body: { token: 'a'.repeat(43) } }, content);
  assert.equal(fromContent.ok ? 'ok' : fromContent.error.code, 'forbidden-sender');
  const fromFrame = await route({ lockpane: 1, name: 'keys.lockAll', body: {} }, frame);
  assert.equal(fromFrame.ok ? 'ok' : fromFrame.error.code, 'forbidden-sender');
  assert.equal(seen.length, 1);
});
