/**
 * Alice → Bob through a real Roundcube (Dovecot + Postfix) with Lockpane in both browsers: Alice writes in
 * Lockpane's editor over Roundcube's own compose form and sends with Roundcube; Bob opens the mail in his
 * preview pane, decrypts it in the reader and sees "verified". Bob then replies securely: Lockpane opens
 * Roundcube's own reply form (so Roundcube sets To, "Re:" and the thread headers) with the secure editor
 * quoting what the reader showed; Alice reads the reply, verified. Nothing on the server holds the plaintext.
 */
import type { Frame, Page } from '@playwright/test';
import PostalMime from 'postal-mime';
import { address, fillComposeHeaders, login, maildirFiles, requireRoundcube, uidBySubject, waitForStored, type Rig } from '../roundcube/rig';
import { expect, launchWithExtension, test } from '../support/fixtures';
import { answerPromptIfAsked, escapeRegExp, messageText, revealInReader } from '../support/frames';
import { alice, bob, enable, introduce, setUpProfile } from '../support/identities';
import { pressGuarded } from '../support/guarded';

test.describe.configure({ timeout: 180_000 });

let rig: Rig;
test.beforeAll(() => {
  rig = requireRoundcube();
});

async function previewFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frame({ name: 'messagecontframe' })?.url() ?? '').toContain('_action=preview');
  return page.frame({ name: 'messagecontframe' }) as Frame;
}

test('OpenPGP: Alice encrypts+signs in Roundcube compose with Lockpane; Bob reads it verified in his preview pane, replies securely in Roundcube\'s reply form; Alice reads the reply', async ({ context }) => {
  const secret = `Lab report ${Date.now()}: HbA1c 6.1 %`;
  const subject = `Secure ${Date.now()}`;
  const origin = new URL(rig.url).origin;
  const aliceContext = await launchWithExtension();
  try {
    const a = await setUpProfile(aliceContext, { ...alice, email: address(rig, 'alice') });
    const b = await setUpProfile(context, { ...bob, email: address(rig, 'bob') });
    await introduce(a, b);
    await introduce(b, a);
    await enable(a, origin);
    await enable(b, origin);

    // Alice: Roundcube's compose, then Lockpane's Secure control above the message body.
    const page = await aliceContext.newPage();
    await login(page, rig, 'alice');
    await page.goto(`${rig.url}/?_task=mail&_action=compose`);
    await fillComposeHeaders(page, { to: address(rig, 'bob'), subject });
    await page.locator('lockpane-secure').first().click();
    const editor = page.frameLocator('iframe[src*="editor.html"]');
    await expect(editor.getByTestId('editor-to')).toHaveValue(address(rig, 'bob'));
    await editor.getByTestId('editor-body').fill(secret);
    await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
    await pressGuarded(editor.getByTestId('editor-encrypt'));
    await editor.getByTestId('passphrase-input').fill(alice.passphrase);
    await pressGuarded(editor.getByTestId('passphrase-submit'));
    await expect(editor.getByTestId('editor-status')).toBeVisible();
    await expect(page.locator('#composebody')).toHaveValue(/^-----BEGIN PGP MESSAGE-----/);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(secret);
    await page.locator('.formbuttons button.send, button.btn.send').first().click();
    await page.waitForURL((u) => u.searchParams.get('_action') !== 'compose', { timeout: 30_000 });

    // On the server: ciphertext only, in Bob's inbox and Alice's Sent folder; no draft plaintext anywhere.
    const stored = await waitForStored(rig, 'bob', (m) => m.bytes.includes(subject));
    expect(stored.bytes.includes('-----BEGIN PGP MESSAGE-----')).toBe(true);
    for (const user of ['alice', 'bob'] as const) {
      for (const folder of ['INBOX', '.Sent', '.Drafts']) {
        for (const m of maildirFiles(rig, user, folder)) expect(m.bytes.includes(secret)).toBe(false);
      }
    }

    // Bob: the preview pane gets the reader; decrypt; verified.
    const bobPage = await context.newPage();
    await login(bobPage, rig, 'bob');
    await bobPage.locator('#messagelist tr', { hasText: subject }).click();
    const preview = await previewFrame(bobPage);
    const reader = preview.frameLocator('iframe[src*="reader.html"]');
    await pressGuarded(reader.getByTestId('reader-open'));
    await reader.getByTestId('passphrase-input').fill(bob.passphrase);
    await pressGuarded(reader.getByTestId('passphrase-submit'));
    await expect(messageText(reader)).toHaveText(secret);
    await expect(reader.getByTestId('signature')).toHaveAttribute('data-status', 'verified');
    // The adapter read the sender from Roundcube's header: it matches the signer.
    await expect(reader.getByTestId('signature')).toHaveAttribute('data-sender-matches', 'true');
    await bobPage.screenshot({ path: 'test-results/screenshots/roundcube-bob-reader-openpgp.png' });

    // Bob: "Reply securely" goes to Roundcube's own reply form; the secure editor there quotes the original.
    await pressGuarded(reader.getByTestId('reply-securely'));
    await bobPage.waitForURL((u) => u.searchParams.get('_action') === 'compose' && u.searchParams.has('_id'), { timeout: 30_000 });
    await expect(bobPage.locator('#compose-subject')).toHaveValue(`Re: ${subject}`);
    await expect(bobPage.locator('#_to')).toHaveValue(new RegExp(escapeRegExp(address(rig, 'alice'))));
    const replyEditor = bobPage.frameLocator('iframe[src*="editor.html"]');
    const replyBody = replyEditor.getByTestId('editor-body');
    await expect(replyBody).toHaveValue(new RegExp(`^> ${escapeRegExp(secret)}`, 'm'));
    await expect(replyEditor.getByTestId('editor-to')).toHaveValue(address(rig, 'alice'));
    const answer = `Thanks, got the report ${Date.now()}.`;
    await replyBody.press('Control+Home');
    await replyBody.pressSequentially(`${answer}\n`);
    await expect(replyEditor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
    await pressGuarded(replyEditor.getByTestId('editor-encrypt'));
    // Signing asks for Bob's passphrase only if reading did not leave his key unlocked.
    await answerPromptIfAsked(replyEditor, replyEditor.getByTestId('editor-status'), bob.passphrase);
    await expect(replyEditor.getByTestId('editor-status')).toBeVisible();
    await expect(bobPage.locator('#composebody')).toHaveValue(/^-----BEGIN PGP MESSAGE-----/);
    expect(await bobPage.evaluate(() => document.documentElement.outerHTML)).not.toContain(answer);
    await bobPage.screenshot({ path: 'test-results/screenshots/roundcube-bob-secure-reply.png' });
    await bobPage.locator('.formbuttons button.send, button.btn.send').first().click();
    await bobPage.waitForURL((u) => u.searchParams.get('_action') !== 'compose', { timeout: 30_000 });

    // Roundcube threaded it (In-Reply-To is the original's Message-ID); ciphertext only on the server.
    const replyStored = await waitForStored(rig, 'alice', (m) => m.bytes.includes(`Re: ${subject}`));
    const [original, reply] = await Promise.all([PostalMime.parse(stored.bytes), PostalMime.parse(replyStored.bytes)]);
    expect(original.messageId).toBeTruthy();
    expect(reply.inReplyTo).toBe(original.messageId);
    expect(reply.text ?? '').toContain('-----BEGIN PGP MESSAGE-----');
    for (const user of ['alice', 'bob'] as const) {
      for (const folder of ['INBOX', '.Sent', '.Drafts']) {
        for (const m of maildirFiles(rig, user, folder)) {
          expect(m.bytes.includes(answer), `${m.path} holds the reply`).toBe(false);
          expect(m.bytes.includes(secret), `${m.path} holds the quote`).toBe(false);
        }
      }
    }

    // Alice reads the reply in her Roundcube: Bob's words and the quote, verified, signer = sender.
    await page.goto(`${rig.url}/?_task=mail&_action=show&_uid=${uidBySubject(rig, 'alice', `Re: ${subject}`)}&_mbox=INBOX`);
    const aliceReader = page.frameLocator('iframe[src*="reader.html"]');
    await revealInReader(aliceReader, alice.passphrase);
    const shown = messageText(aliceReader);
    await expect(shown).toContainText(answer);
    await expect(shown).toContainText(`> ${secret}`);
    await expect(aliceReader.getByTestId('signature')).toHaveAttribute('data-status', 'verified');
    await expect(aliceReader.getByTestId('signature')).toHaveAttribute('data-sender-matches', 'true');
    await page.screenshot({ path: 'test-results/screenshots/roundcube-alice-reads-reply.png' });
  } finally {
    await aliceContext.close();
  }
});
