/**
 * The hostile page (DESIGN §2, SECURITY A6) on each web mail replica: Gmail, Outlook on the web
 * (Microsoft 365) and Yahoo, with their site adapters running. A recorder installed before any of the
 * page's scripts sees every value put into its fields, every file put into its inputs, every message
 * posted to it and every text its DOM is given; every request the page makes is kept. While Bob decrypts
 * a message and while he writes, encrypts and attaches a file and presses the site's Send, neither the
 * plaintext, the file's content nor his passphrase may appear in what the page saw, in its DOM, in what
 * it sent anywhere, or in what the replica's Send, draft and upload routes received. Forged postMessages
 * to our frames do nothing, and the page cannot read the reader frame.
 */
import type { Page } from '@playwright/test';
import { siteDrivers } from '../sites/hostile-drivers';
import { expect, test } from '../support/fixtures';
import { answerPromptIfAsked, messageText } from '../support/frames';
import { pressGuarded } from '../support/guarded';
import { layoutSettled } from '../support/demo-password-mail';
import { bob, enable, setUpProfile, type Profile } from '../support/identities';
import { encryptTo } from '../support/mail-fixtures';

test.describe.configure({ timeout: 180_000 });

const bobAddr = { name: 'Bob Example', email: bob.email };

/**
 * The page's own recorder, in the page's world (never in our extension frames, which no page script can
 * run in): field values and files on every input event, posted messages, and the DOM's changing text.
 */
function installRecorder(): void {
  if (location.protocol === 'chrome-extension:') return;
  const seen: string[] = [];
  (window as unknown as { seen: string[] }).seen = seen;
  const record = (e: Event) => {
    const t = e.target as HTMLInputElement | null;
    if (!t) return;
    if (typeof t.value === 'string') seen.push(t.value);
    if (typeof (t as HTMLElement).innerText === 'string') seen.push((t as HTMLElement).innerText);
    for (const f of t.files ?? []) void f.arrayBuffer().then((b) => seen.push(`${f.name}:${new TextDecoder('latin1').decode(b)}`));
  };
  for (const type of ['input', 'change', 'keydown', 'keyup', 'paste', 'drop', 'beforeinput']) document.addEventListener(type, record, true);
  window.addEventListener('message', (e) => seen.push(JSON.stringify(e.data)));
  new MutationObserver((records) => { for (const r of records) seen.push(r.target.textContent ?? ''); })
    .observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

async function seenByPage(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { seen?: string[] }).seen?.join('\n') ?? 'recorder missing');
}

async function pageLeaks(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.outerHTML + JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.title);
}

for (const site of siteDrivers) {
  test.describe(`hostile page on the ${site.name} replica`, () => {
    let profile: Profile;
    /** Every request a web page (not our extension) made: URL and body. */
    let requests: string[];

    test.beforeEach(async ({ context }) => {
      profile = await setUpProfile(context, bob);
      for (const origin of site.origins) await enable(profile, origin);
      requests = [];
      context.on('request', (r) => {
        if (!r.url().startsWith('chrome-extension:')) requests.push(`${r.url()}\n${r.postData() ?? ''}`);
      });
    });

    test('reading: forged postMessages do nothing, the reader frame is unreadable, and decrypting leaks neither text nor passphrase', async ({ context, server }) => {
      const secret = `TOP SECRET ${site.name} lab result ${Date.now()}`;
      const armored = await encryptTo(profile.publicKey, secret);
      const received = await site.serve(context, server, [{ subject: 'Befund', messages: [{ from: bobAddr, body: armored }] }]);
      const page = await context.newPage();
      await page.addInitScript(installRecorder);
      await page.goto(received.threadUrl(0));
      const reader = page.frameLocator('iframe[src*="reader.html"]');
      await expect(reader.getByTestId('reader-open')).toBeVisible({ timeout: 30_000 });

      const probe = await page.evaluate(() => {
        const ours = document.querySelector('iframe[src*="reader.html"]') as HTMLIFrameElement;
        const token = ours.src.split('#')[1] ?? '';
        const names = ['reader.claim', 'reader.decrypt', 'reader.open', 'reader.importKey', 'editor.encrypt', 'keys.exportPrivate', 'content.insert'];
        for (const name of names) {
          const forged = { lockpane: 1, name, token, body: { token }, text: 'FORGED' };
          window.postMessage(forged, '*');
          for (let i = 0; i < window.frames.length; i++) window.frames[i]!.postMessage(forged, '*');
        }
        let readable = 'readable';
        try { void ours.contentWindow!.document; } catch (e) { readable = (e as Error).name; }
        return { readable, contentDocument: ours.contentDocument === null };
      });
      expect(probe).toEqual({ readable: 'SecurityError', contentDocument: true });
      await page.waitForTimeout(800);
      await expect(reader.getByTestId('reader-content')).toHaveCount(0); // nothing was decrypted by the forgeries
      await expect(reader.getByTestId('reader-open')).toBeVisible();

      // Bob decrypts, typing his passphrase into the reader's own prompt.
      await pressGuarded(reader.getByTestId('reader-open'));
      await expect(reader.getByTestId('passphrase-input')).toBeVisible({ timeout: 30_000 });
      await reader.getByTestId('passphrase-input').pressSequentially(bob.passphrase);
      await pressGuarded(reader.getByTestId('passphrase-submit'));
      await expect(messageText(reader)).toHaveText(secret, { timeout: 60_000 });
      await page.waitForTimeout(500);

      const seen = await seenByPage(page);
      expect(seen).toContain('BEGIN PGP MESSAGE'); // the recorder was running: it saw the ciphertext shown
      for (const s of [secret, bob.passphrase]) {
        expect(seen).not.toContain(s);
        expect(await pageLeaks(page)).not.toContain(s);
        for (const r of requests) expect(r).not.toContain(s);
      }
    });

    test('writing: text, an attached file and the passphrase never reach the page, its Send, drafts or upload', async ({ context, server }) => {
      const secret = `TOP SECRET ${site.name} note ${Date.now()}`;
      const fileText = `TOP SECRET ${site.name} file ${Date.now()}`;
      const file = { name: 'befund.txt', mimeType: 'text/plain', buffer: Buffer.from(fileText) };
      const received = await site.serve(context, server, [{ subject: 'Befund', messages: [{ from: bobAddr, body: 'Hallo' }] }]);
      const page = await context.newPage();
      await page.addInitScript(installRecorder);
      const form = await site.compose(page, received, bob.email, 'Befund');
      await form.locator('lockpane-secure').click();
      const editor = page.frameLocator('iframe[src*="editor.html"]');
      await expect(editor.getByTestId('editor-to')).toHaveValue(bob.email);
      await editor.getByTestId('editor-body').pressSequentially(secret);
      await editor.getByTestId('attach-input').setInputFiles(file);
      await expect(editor.getByTestId('attachment')).toHaveCount(1);
      await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
      await pressGuarded(editor.getByTestId('editor-encrypt'));
      await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), bob.passphrase);
      await expect(editor.getByTestId('editor-status')).toBeVisible({ timeout: 60_000 });
      await expect(site.body(form)).toContainText('-----BEGIN PGP MESSAGE-----');
      await expect(site.attachment(form, `${file.name}.pgp`)).toHaveCount(1, { timeout: 60_000 });

      const send = site.send(form);
      await send.scrollIntoViewIfNeeded();
      await layoutSettled(send);
      await send.click();
      await expect.poll(() => received.sent.length).toBe(1);
      const sent = received.sent[0]!;
      expect(sent.body).toMatch(/^-----BEGIN PGP MESSAGE-----[\s\S]+-----END PGP MESSAGE-----\s*$/);
      expect(sent.attachments).toEqual([`${file.name}.pgp`]);
      await page.waitForTimeout(500); // the recorder reads the files it was given asynchronously

      const seen = await seenByPage(page);
      expect(seen).toContain(`${file.name}.pgp:`); // the recorder saw the (encrypted) file the site was given
      const uploads = received.uploads;
      if (uploads) expect(uploads).toHaveLength(1);
      for (const s of [secret, fileText, bob.passphrase]) {
        expect(seen).not.toContain(s);
        expect(await pageLeaks(page)).not.toContain(s);
        expect(JSON.stringify(sent)).not.toContain(s);
        for (const d of received.drafts) expect(d).not.toContain(s);
        for (const u of uploads ?? []) expect(u.includes(s)).toBe(false);
        for (const r of requests) expect(r).not.toContain(s);
      }
    });
  });
}
