/**
 * Public attack vectors (SECURITY A1.1, A3.1) that apply to inline/generic mode: an attacker mail that hides a
 * captured PGP/INLINE ciphertext with HTML and CSS tricks, rendered by the web mail as a page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '../support/fixtures';
import { enable, setUpProfile } from '../support/identities';
import { sendFrom } from '../support/fixtures';
import { messageText } from '../support/frames';
import { pressGuarded } from '../support/guarded';

const dir = path.resolve(__dirname, '../fixtures/covert-content');
const htmlBodyOf = (eml: string) => fs.readFileSync(path.join(dir, eml), 'utf8').split(/\r?\n\r?\n/).slice(1).join('\n\n');
const plaintext = '*** THIS IS A PGP/INLINE ENCRYPTED MESSAGE ***';

for (const eml of ['pgp-inline-00-original-mail.eml', 'pgp-inline-03-reply-inl-css.eml']) {
  test(`${eml}: no automatic decryption, a visible separate frame, no network, no plaintext in the page`, async ({ context, server }) => {
    const profile = await setUpProfile(context, { name: 'Reader', email: 'reader@example.test', passphrase: 'reader passphrase' });
    const imported = await sendFrom(profile.ext, 'keys.import', { text: fs.readFileSync(path.join(dir, 'manager-secret.asc'), 'utf8'), protectWith: 'manager passphrase' });
    expect(imported.ok).toBe(true);
    await enable(profile, server.origin);
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));

    const body = htmlBodyOf(eml);
    server.page(`/${eml}.html`, body.includes('<html') ? body : `<!doctype html><html><body><pre>${body}</pre></body></html>`);
    const page = await context.newPage();
    await page.goto(server.url(`/${eml}.html`));
    const frameEl = page.locator('iframe[src*="reader.html"]');
    await expect(frameEl).toHaveCount(1);
    await expect(frameEl).toBeVisible();
    const reader = page.frameLocator('iframe[src*="reader.html"]');
    await expect(reader.getByTestId('reader-open')).toBeVisible();
    await page.waitForTimeout(500);
    await expect(reader.getByTestId('reader-content')).toHaveCount(0);

    await pressGuarded(reader.getByTestId('reader-open'));
    await reader.getByTestId('passphrase-input').fill('manager passphrase');
    await pressGuarded(reader.getByTestId('passphrase-submit'));
    await expect(messageText(reader)).toContainText(plaintext);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('THIS IS A PGP/INLINE');
    const foreign = requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith('chrome-extension://') && !u.startsWith('moz-extension://') && !u.startsWith('data:') && u !== 'about:srcdoc');
    expect(foreign).toEqual([]);
  });
}
