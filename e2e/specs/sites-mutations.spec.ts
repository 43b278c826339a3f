/**
 * Resilience on each replica (Gmail, Outlook on the web for Microsoft 365, Yahoo) against two changes a
 * redesign or a new UI language brings, besides the renamed classes and hooks the provider specs cover:
 *  - a wrapper element added: every message body and every compose editor is moved into a new <div>
 *    as soon as the site builds it;
 *  - a label translated: the read pane's and the editor's labels (Reply, Forward, Message body,
 *    Attachments) become French, a language no adapter knows.
 * The changes are made by a script the spec puts in the page before the site's own, so one mutation runs
 * on all three. The adapters rely on neither (ids, data-* hooks, roles, addresses): each must keep working —
 * the sender read for the signer check, no fallback notice, a Secure control on the compose form. Where an
 * adapter cannot (a label it needs), the page must show the fallback notice and generic mode's control.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { siteDrivers } from '../sites/hostile-drivers';
import { expect, ok, sendFrom, test } from '../support/fixtures';
import { messageText, revealInReader } from '../support/frames';
import { bob, enable, setUpProfile, type Profile } from '../support/identities';
import { PeerGpg, pgpInline, type Headers } from '../../extension/testing/peer-mail';

test.describe.configure({ timeout: 180_000 });

const aliceAddr = 'alice@example.test';
const alice = { name: 'Alice Example', email: aliceAddr };
const head = (subject: string): Headers => ({ from: aliceAddr, to: bob.email, subject });

type Change = 'wrapper' | 'label';

/**
 * Adapters that find compose forms by their (English/German) labels: a language they do not know must
 * make them unhealthy, and the page falls back to generic mode with one notice. Outlook finds its editor
 * and recipient wells by aria-label (OWA gives them no other stable hook); Gmail and Yahoo do not.
 */
const composeNeedsLabels = new Set(['Outlook (outlook.office.com)']);

/** The page-side mutation, in the page before its own scripts (see the file comment). */
function mutatePage(change: Change): void {
  if (location.protocol === 'chrome-extension:') return;
  const bodies = '[id^="UniqueMessageBody"], [data-test-id="message-view-body-content"], div.ii, [contenteditable="true"][role="textbox"][aria-multiline="true"], [data-test-id="rte"]';
  const french: [RegExp, string][] = [
    [/^Reply all$/, 'Répondre à tous'], [/^Reply$/, 'Répondre'], [/^Forward$/, 'Transférer'],
    [/^Message [Bb]ody.*$/, 'Corps du message'], [/^Attachments$/, 'Pièces jointes'],
  ];
  const apply = (root: Element) => {
    for (const e of [root, ...root.querySelectorAll('*')]) {
      if (change === 'wrapper' && e.matches(bodies) && !e.parentElement?.hasAttribute('data-added-wrapper')) {
        const wrap = document.createElement('div');
        wrap.setAttribute('data-added-wrapper', '');
        e.replaceWith(wrap);
        wrap.append(e);
      }
      if (change === 'label') {
        for (const attr of ['aria-label', 'data-tooltip', 'title']) {
          const v = e.getAttribute(attr);
          const hit = v ? french.find(([re]) => re.test(v)) : undefined;
          if (v && hit) e.setAttribute(attr, v.replace(hit[0], hit[1]));
        }
        if (e.children.length === 0 && /^(Reply|Forward)$/.test(e.textContent ?? '')) e.textContent = e.textContent === 'Reply' ? 'Répondre' : 'Transférer';
      }
    }
  };
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n instanceof Element && n.isConnected) apply(n);
  }).observe(document, { subtree: true, childList: true });
}

let gpg: PeerGpg;
test.beforeEach(() => {
  gpg = new PeerGpg();
});
test.afterEach(() => gpg?.cleanup());

for (const site of siteDrivers) {
  for (const change of ['wrapper', 'label'] as const) {
    test(`${site.name}, ${change === 'wrapper' ? 'a wrapper element added' : 'labels translated (French)'}: reading keeps the sender check, compose keeps its Secure control`, async ({ context, server }) => {
      await bobWithAlice(context, site.origins);
      const inline = pgpInline(gpg, head('Befund'), 'Inline from gpg: Befund 17');
      const text = inline.toString('utf8');
      const body = text.slice(text.indexOf('\r\n\r\n') + 4).replace(/\r\n/g, '\n');
      const received = await site.serve(context, server, [{ subject: 'Befund', messages: [{ from: alice, body }] }]);
      const page = await context.newPage();
      await page.addInitScript(mutatePage, change);
      await page.goto(received.threadUrl(0));
      const reader = page.frameLocator('iframe[src*="reader.html"]');
      await revealInReader(reader, bob.passphrase);
      await expect(messageText(reader)).toHaveText('Inline from gpg: Befund 17');
      if (change === 'wrapper') await expect(page.locator('[data-added-wrapper]').first()).toBeAttached();
      const notice = page.locator('lockpane-notice');
      const sig = reader.getByTestId('signature').first();
      await expect(sig).toHaveAttribute('data-status', 'verified');
      await expect(sig).toHaveAttribute('data-sender-matches', 'true');
      await expect(notice).toHaveCount(0);

      const form = await site.compose(page, received, aliceAddr, 'Befund');
      if (change === 'label') await expect(form.locator('[aria-label="Corps du message"]')).toBeAttached();
      await expect(form.locator('lockpane-secure').first()).toBeAttached({ timeout: 20_000 });
      await page.waitForTimeout(4000); // longer than the adapter's unhealthy grace (3 s)
      const mode = await adapterOrNotice(page);
      expect(mode).toBe(change === 'label' && composeNeedsLabels.has(site.name) ? 'fallback' : 'adapter');
      if (mode === 'adapter') {
        await expect(form.locator('lockpane-secure')).toHaveCount(1);
        await form.locator('lockpane-secure').click();
        // The adapter gives the secure editor the site's recipients.
        await expect(page.frameLocator('iframe[src*="editor.html"]').getByTestId('editor-to')).toHaveValue(aliceAddr);
      } else {
        // Generic mode: the one notice, and a Secure control on every editable field of the form
        // (the message body and, being contenteditable too, Outlook's recipient wells).
        await expect(page.locator('lockpane-notice')).toBeVisible();
        expect(await form.locator('lockpane-secure').count()).toBeGreaterThanOrEqual(1);
      }
    });
  }
}

/** Which way compose went: the adapter (no notice) or the fallback (exactly one notice); recorded in the report. */
async function adapterOrNotice(page: Page): Promise<'adapter' | 'fallback'> {
  const notices = await page.locator('lockpane-notice').count();
  expect(notices).toBeLessThanOrEqual(1);
  const mode = notices === 0 ? 'adapter' : 'fallback';
  test.info().annotations.push({ type: 'compose', description: mode });
  return mode;
}

async function bobWithAlice(context: BrowserContext, origins: string[]): Promise<Profile> {
  const profile = await setUpProfile(context, bob);
  const alicePub = gpg.generate(`Alice <${aliceAddr}>`);
  gpg.importKey(profile.publicKey);
  const imported = await ok<{ results: { key: { fingerprint: string } }[] }>(sendFrom(profile.ext, 'keys.import', { text: alicePub }));
  await ok(sendFrom(profile.ext, 'keys.setAcceptance', { fingerprint: imported.results[0]!.key.fingerprint, event: 'verify' }));
  for (const origin of origins) await enable(profile, origin);
  return profile;
}
