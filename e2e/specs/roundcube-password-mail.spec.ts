/**
 * Password mail end to end through the real Roundcube (issue #22): Alice (Lockpane) writes to a recipient
 * without a key (the rig's bob account plays Carol, who has no Lockpane), takes the suggested password in
 * the key assistant, and sends. Roundcube carries only the notice and protected-message.html. Carol, in a
 * plain Chromium profile, opens the file from disk, reads the message and saves the attachment byte-exact,
 * writes a reply in the file and sends the armored reply from her own Roundcube; Alice's Lockpane reads it,
 * marked as the reply to her password-protected message. No plaintext is ever on the server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import PostalMime from 'postal-mime';
import { address, openCompose, fillComposeHeaders, login, maildirFiles, requireRoundcube, uidBySubject, waitForStored, type Rig } from '../roundcube/rig';
import { chromiumPath } from '../support/chromium';
import { expect, test } from '../support/fixtures';
import { messageText, revealInReader } from '../support/frames';
import { alice, enable, setUpProfile } from '../support/identities';

test.describe.configure({ timeout: 300_000 });

let rig: Rig;
let tmp: string;
test.beforeAll(() => {
  rig = requireRoundcube();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-rc-pwmail-'));
});
test.afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('Alice sends a password mail to keyless Carol; Carol opens it from disk and replies; Alice reads the marked reply', async ({ context }) => {
  const stamp = Date.now();
  const subject = `Password mail ${stamp}`;
  const body = `Dear Carol, your results ${stamp} are attached.`;
  const file = { name: 'befund.pdf', bytes: Buffer.from(Array.from({ length: 120_000 }, (_, i) => (i * 7 + stamp) & 0xff)) };
  const a = await setUpProfile(context, { ...alice, email: address(rig, 'alice') });
  await enable(a, new URL(rig.url).origin);

  // Alice: secure compose to Carol (no key), "Protect with a password", the suggestion, Encrypt.
  const page = await context.newPage();
  await login(page, rig, 'alice');
  await openCompose(page, rig);
  await fillComposeHeaders(page, { to: address(rig, 'bob'), subject });
  await page.locator('lockpane-secure').first().click();
  const editor = page.frameLocator('iframe[src*="editor.html"]');
  await editor.getByTestId('editor-body').fill(body);
  await editor.getByTestId('attach-input').setInputFiles({ name: file.name, mimeType: 'application/pdf', buffer: file.bytes });
  await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'false');
  await expect(editor.getByTestId('editor-encrypt')).toBeDisabled();
  await editor.getByTestId('password-protect').click();
  await expect(editor.getByTestId('password-explain')).toContainText('by another way');
  const password = await editor.getByTestId('password-value').inputValue();
  expect(password).toMatch(/^[a-z]{4}(-[a-z]{4}){4}$/);
  await expect(editor.getByTestId('password-strength')).toContainText('61 bits');
  // A weak typed password keeps Encrypt disabled; the suggestion enables it again.
  await editor.getByTestId('password-value').fill('sommer24');
  await expect(editor.getByTestId('password-too-weak')).toBeVisible();
  await expect(editor.getByTestId('editor-encrypt')).toBeDisabled();
  await editor.getByTestId('password-value').fill(password);
  await expect(editor.getByTestId('password-too-weak')).toHaveCount(0);
  // The panel changed the editor's layout: the frame guard wants it settled (500 ms) before a privileged click.
  await editor.getByTestId('editor-encrypt').scrollIntoViewIfNeeded();
  await page.waitForTimeout(800);
  await editor.getByTestId('editor-encrypt').click();
  await expect(editor.getByTestId('editor-error')).toHaveCount(0);
  await expect(page.locator('#attachment-list li[id^="rcmfile"]')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.locator('#attachment-list')).toContainText('protected-message.html');
  await expect(page.locator('#composebody')).toHaveValue(/sent you a protected message/);
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(body);
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(password);
  await page.locator('.formbuttons button.send, button.btn.send').first().click();
  await page.waitForURL((u) => u.searchParams.get('_action') !== 'compose', { timeout: 120_000 });

  // What the server holds: the notice and the HTML file, never the text or the password.
  const stored = await waitForStored(rig, 'bob', (m) => m.bytes.includes(subject), 'INBOX', 60_000);
  const parsed = await PostalMime.parse(stored.bytes);
  expect(parsed.text ?? '').toContain('protected-message.html');
  expect(parsed.attachments.map((x) => x.filename)).toEqual(['protected-message.html']);
  for (const user of ['alice', 'bob'] as const) {
    for (const folder of ['INBOX', 'Sent', 'Drafts']) {
      for (const m of maildirFiles(rig, user, folder)) {
        expect(m.bytes.includes(Buffer.from(body)), `${m.path} holds the text`).toBe(false);
        expect(m.bytes.includes(Buffer.from(password)), `${m.path} holds the password`).toBe(false);
      }
    }
  }
  const htmlPath = path.join(tmp, 'protected-message.html');
  fs.writeFileSync(htmlPath, Buffer.from(parsed.attachments[0]!.content as ArrayBuffer));

  // Carol: a plain browser, no Lockpane. She opens the file from disk and replies from her own Roundcube.
  const plain = await chromium.launch({ executablePath: chromiumPath, headless: true });
  try {
    const carol = await plain.newContext({ acceptDownloads: true });
    const requests: string[] = [];
    carol.on('request', (r) => requests.push(r.url()));
    const view = await carol.newPage();
    await view.goto(`file://${htmlPath}`);
    await view.getByLabel('Password').fill(password);
    await view.getByRole('button', { name: 'Open message' }).click();
    await expect(view.locator('#lp-body')).toHaveText(body, { timeout: 30_000 });
    await expect(view.getByRole('heading', { name: subject })).toBeVisible();
    const download = view.waitForEvent('download');
    await view.locator('[data-attachment="0"]').click();
    expect(fs.readFileSync(await (await download).path()).equals(file.bytes)).toBe(true);
    await view.screenshot({ path: 'test-results/screenshots/roundcube-carol-opens-password-mail.png', fullPage: true });
    await view.getByLabel('Your reply').fill(`Thank you, Alice ${stamp}.`);
    await view.getByRole('button', { name: 'Encrypt reply' }).click();
    const armored = await view.locator('#lp-reply-armored').inputValue();
    expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:'))).toEqual([]);

    const rc = await carol.newPage();
    await login(rc, rig, 'bob');
    await openCompose(rc, rig);
    await fillComposeHeaders(rc, { to: address(rig, 'alice'), subject: `Re: ${subject}` });
    await rc.locator('#composebody').fill(armored);
    await rc.locator('.formbuttons button.send, button.btn.send').first().click();
    await rc.waitForURL((u) => u.searchParams.get('_action') !== 'compose', { timeout: 60_000 });
  } finally {
    await plain.close();
  }

  // Alice reads Carol's reply in Roundcube with Lockpane.
  await waitForStored(rig, 'alice', (m) => m.bytes.includes(`Re: ${subject}`), 'INBOX', 60_000);
  const inbox = await context.newPage();
  await login(inbox, rig, 'alice');
  await inbox.goto(`${rig.url}/?_task=mail&_action=show&_uid=${uidBySubject(rig, 'alice', `Re: ${subject}`)}&_mbox=INBOX`);
  const reader = inbox.frameLocator('iframe[src*="reader.html"]');
  await revealInReader(reader, alice.passphrase);
  await expect(messageText(reader)).toContainText(`Thank you, Alice ${stamp}.`);
  await expect(reader.getByTestId('password-reply')).toContainText(`password-protected message to ${address(rig, 'bob')}`);
  await expect(reader.getByTestId('no-signature')).toBeVisible();
});
