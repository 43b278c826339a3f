/**
 * Password mail end to end on the demo web mail (issue #22), in generic mode: the demo's compose form has
 * a file input of its own, so Lockpane attaches the protected HTML file through it. Alice (Lockpane)
 * writes to keyless Carol; the demo post office carries only the notice and protected-message.html; Carol,
 * in a plain browser without Lockpane, downloads the file from her demo inbox, opens it from disk (no
 * request), reads the text and the attachment byte-exact, and sends the armored reply from the demo;
 * Alice's Lockpane reads it, marked as the reply to her password-protected message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath } from '../support/chromium';
import { sendDemoPasswordMail } from '../support/demo-password-mail';
import { expect, test } from '../support/fixtures';
import { messageText, revealInReader } from '../support/frames';
import { alice, enable, setUpProfile } from '../support/identities';

test.describe.configure({ timeout: 180_000 });

test('Alice sends a password mail from the demo to keyless Carol; Carol opens it from disk and replies; Alice reads the marked reply', async ({ context, server }) => {
  const stamp = Date.now();
  const carolAddress = `carol.${stamp}@example.test`;
  const subject = `Results ${stamp}`;
  const body = `Dear Carol, your results ${stamp} are attached.`;
  const file = { name: 'results.pdf', mimeType: 'application/pdf', buffer: Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 13 + stamp) & 0xff)) };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-demo-pwmail-'));
  try {
    const a = await setUpProfile(context, alice);
    await enable(a, server.origin);
    const page = await context.newPage();
    await page.goto(server.url(`/demo/?me=${alice.email}`));
    const password = await sendDemoPasswordMail(page, { to: carolAddress, subject, body, file });
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(body);
    await page.locator('#send').click();
    await expect(page.locator('#demo-status')).toHaveText(`Sent to ${carolAddress}.`);

    // What the post office holds: the notice and the HTML file, never the text, the file or the password.
    const sent = server.demoMails.find((m) => m.to.includes(carolAddress))!;
    expect(sent.attachments.map((x) => x.name)).toEqual(['protected-message.html']);
    expect(sent.body).toContain('protected-message.html');
    const html = Buffer.from(sent.attachments[0]!.data, 'base64');
    for (const text of [JSON.stringify(sent), html.toString('latin1')]) {
      expect(text).not.toContain(body);
      expect(text).not.toContain(password);
    }
    expect(html.includes(file.buffer.subarray(0, 64))).toBe(false);

    // Carol: a plain browser. She downloads the file from her demo inbox and opens it from disk.
    const plain = await chromium.launch({ executablePath: chromiumPath, headless: true });
    try {
      const mailbox = await (await plain.newContext({ acceptDownloads: true })).newPage();
      await mailbox.goto(server.url(`/demo/?me=${carolAddress}`));
      await mailbox.locator('#check-mail').click();
      await mailbox.locator('.open-mail', { hasText: subject }).click();
      const download = mailbox.waitForEvent('download');
      await mailbox.locator('#message-body a', { hasText: 'protected-message.html' }).click();
      const htmlPath = path.join(tmp, 'protected-message.html');
      await (await download).saveAs(htmlPath);
      expect(fs.readFileSync(htmlPath).equals(html)).toBe(true);

      const viewer = await plain.newContext({ acceptDownloads: true });
      const requests: string[] = [];
      viewer.on('request', (r) => requests.push(r.url()));
      const view = await viewer.newPage();
      await view.goto(`file://${htmlPath}`);
      await view.getByLabel('Password').fill(password);
      await view.getByRole('button', { name: 'Open message' }).click();
      await expect(view.locator('#lp-body')).toHaveText(body, { timeout: 30_000 });
      await expect(view.getByRole('heading', { name: subject })).toBeVisible();
      const saved = view.waitForEvent('download');
      await view.locator('[data-attachment="0"]').click();
      expect(fs.readFileSync(await (await saved).path()).equals(file.buffer)).toBe(true);
      await view.getByLabel('Your reply').fill(`Thank you, Alice ${stamp}.`);
      await view.getByRole('button', { name: 'Encrypt reply' }).click();
      const armored = await view.locator('#lp-reply-armored').inputValue();
      expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:'))).toEqual([]);

      // She pastes the armored reply into her (plain) demo mail and sends it to Alice.
      await mailbox.locator('#compose-to').fill(alice.email);
      await mailbox.locator('#compose-subject').fill(`Re: ${subject}`);
      await mailbox.locator('#compose-body').fill(armored);
      await mailbox.locator('#send').click();
      await expect(mailbox.locator('#demo-status')).toHaveText(`Sent to ${alice.email}.`);
    } finally {
      await plain.close();
    }

    // Alice reads Carol's reply in the demo with Lockpane.
    await page.locator('#check-mail').click();
    await page.locator('.open-mail', { hasText: `Re: ${subject}` }).click();
    const reader = page.frameLocator('#message-body iframe[src*="reader.html"]');
    await revealInReader(reader, alice.passphrase);
    await expect(messageText(reader)).toContainText(`Thank you, Alice ${stamp}.`);
    await expect(reader.getByTestId('password-reply')).toContainText(`password-protected message to ${carolAddress}`);
    await expect(reader.getByTestId('no-signature')).toBeVisible();
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
