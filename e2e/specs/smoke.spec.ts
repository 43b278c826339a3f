/**
 * Foundation smoke specs: the worker runs and answers, content scripts appear only on enabled origins,
 * the content script ↔ worker ↔ frame round trip works, the page cannot reach into our frame, and a
 * message from the wrong sender class is refused.
 */
import { expect, sendFrom, test } from '../support/fixtures';

// The test build's fixed development key (manifest.json "key") gives this id; see README.
const expectedId = 'ekndomebbkmcdbphkccpepjnfhgbljgf';

test('the worker starts with the fixed id and classifies an extension page as "page"', async ({ extensionId, send }) => {
  expect(extensionId).toBe(expectedId);
  const reply = await send('worker.ping');
  expect(reply).toEqual({ ok: true, value: { version: '0.1.0', senderClass: 'page' } });
});

test('the content script runs only once the origin is enabled', async ({ context, server, enableSite }) => {
  const page = await context.newPage();
  await page.goto(server.url('/demo/'));
  await page.waitForTimeout(1000); // give a wrongly registered content script time to act
  await expect(page.locator('iframe')).toHaveCount(0);
  await expect(page.locator('#message-body pre')).toBeVisible();

  await enableSite(server.origin);
  await page.reload();
  const frame = page.frameLocator('iframe[title]');
  await expect(frame.getByTestId('reader-view')).toHaveAttribute('data-kind', 'pgp-message');
  await expect(page.locator('#message-body pre')).toBeHidden();
});

test('content script → worker → reader frame round trip carries the found block', async ({ context, server, enableSite, send }) => {
  await enableSite(server.origin);
  const page = await context.newPage();
  await page.goto(server.url('/demo/'));
  const armored = (await page.locator('#message-body pre').textContent()) ?? '';
  const frame = page.frameLocator('iframe[title]');
  await expect(frame.getByTestId('reader-size')).toContainText(`${new TextEncoder().encode(armored.trim()).length} bytes`);
  // The frame shows the same personal phrase the options page gets from the worker.
  const indicator = await send('settings.indicator');
  expect(indicator.ok).toBe(true);
  const phrase = indicator.ok ? (indicator.value as { phrase: string }).phrase : '';
  await expect(frame.getByTestId('security-phrase')).toHaveText(phrase);
  // …and the page itself never sees that phrase.
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(phrase);
});

test('the page cannot read the frame, and forged postMessages are ignored', async ({ context, server, enableSite }) => {
  await enableSite(server.origin);
  const page = await context.newPage();
  await page.goto(server.url('/demo/'));
  const frame = page.frameLocator('iframe[title]');
  await expect(frame.getByTestId('reader-view')).toBeVisible();

  const probe = await page.evaluate(() => {
    const iframe = document.querySelector('iframe') as HTMLIFrameElement;
    let windowDocument = 'readable';
    try {
      void iframe.contentWindow!.document.body;
    } catch (e) {
      windowDocument = (e as Error).name;
    }
    // Forge messages shaped like ours at the frame and at the page's own window.
    const forged = { lockpane: 1, name: 'reader.claim', body: { token: 'x'.repeat(43) }, html: '<b>FORGED</b>' };
    iframe.contentWindow!.postMessage(forged, '*');
    iframe.contentWindow!.postMessage({ type: 'render', text: 'FORGED' }, '*');
    window.postMessage(forged, '*');
    return { contentDocument: iframe.contentDocument === null, windowDocument };
  });
  expect(probe).toEqual({ contentDocument: true, windowDocument: 'SecurityError' });
  await page.waitForTimeout(300);
  await expect(frame.getByTestId('reader-view')).toBeVisible();
  await expect(frame.locator('body')).not.toContainText('FORGED');
});

test('a message from the wrong sender class is refused', async ({ context, server, enableSite, extensionId, send }) => {
  // A page-class context may not use a content-script message.
  const fromPage = await send('reader.open', { kind: 'pgp-message', armored: 'x' });
  expect(fromPage).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });

  // A reader frame may not use a page-only message.
  await enableSite(server.origin);
  const page = await context.newPage();
  await page.goto(server.url('/demo/'));
  await expect(page.frameLocator('iframe[title]').getByTestId('reader-view')).toBeVisible();
  const readerFrame = page.frames().find((f) => f.url().startsWith('chrome-extension://'));
  expect(readerFrame).toBeDefined();
  const fromFrame = await sendFrom(readerFrame as never, 'sites.enable', { origin: 'https://evil.example' });
  expect(fromFrame).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });

  // A frame page opened top-level (not inside a tab's page) is nobody at all.
  const topLevel = await context.newPage();
  await topLevel.goto(`chrome-extension://${extensionId}/reader.html`);
  const fromTop = await sendFrom(topLevel, 'settings.indicator');
  expect(fromTop).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
});

test('a reader token is single-use: a copy of our frame made by the page is refused', async ({ context, server, enableSite }) => {
  await enableSite(server.origin);
  const page = await context.newPage();
  await page.goto(server.url('/demo/'));
  await expect(page.frameLocator('iframe[title]').getByTestId('reader-view')).toBeVisible();
  // The page can read our frame's src (with its token) and mount a copy of it.
  await page.evaluate(() => {
    const ours = document.querySelector('iframe') as HTMLIFrameElement;
    const copy = document.createElement('iframe');
    copy.src = ours.src;
    copy.id = 'copy';
    document.body.append(copy);
  });
  await expect(page.frameLocator('#copy').getByTestId('reader-error')).toBeVisible();
  await expect(page.frameLocator('#copy').getByTestId('reader-view')).toHaveCount(0);
});
