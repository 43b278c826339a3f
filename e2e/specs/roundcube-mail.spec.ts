/**
 * Alice → Bob through a real Roundcube (Dovecot + Postfix) with Lockpane in both browsers: Alice writes in
 * Lockpane's editor over Roundcube's own compose form and sends with Roundcube; Bob opens the mail in his
 * preview pane, decrypts it in the reader and sees "verified". Bob then replies securely: Lockpane opens
 * Roundcube's own reply form (so Roundcube sets To, "Re:" and the thread headers) with the secure editor
 * quoting what the reader showed; Alice reads the reply, verified. Both go out as PGP/MIME (Roundcube's
 * `_pgpmime`), so the server sees "[...]" as the Subject; nothing on the server holds the plaintext.
 */
import type { Frame, Page } from '@playwright/test';
import PostalMime from 'postal-mime';
import { address, openCompose, fillComposeHeaders, login, maildirFiles, requireRoundcube, uidBySubject, waitForStored, type Rig, type RigUser, type StoredMail } from '../roundcube/rig';
import { expect, launchWithExtension, test } from '../support/fixtures';
import { answerPromptIfAsked, escapeRegExp, messageText, revealInReader } from '../support/frames';
import { alice, bob, enable, introduce, setUpProfile } from '../support/identities';
import { pressGuarded } from '../support/guarded';

test.describe.configure({ timeout: 180_000 });

let rig: Rig;
test.beforeAll(() => {
  rig = requireRoundcube();
});

/** Runs `act` and returns the one new protected ("Subject: [...]") mail it stores in `user`'s INBOX. */
async function newProtected(user: RigUser, act: () => Promise<void>): Promise<StoredMail> {
  const name = (m: StoredMail) => m.path.split('/').pop()!.split(':')[0];
  const seen = new Set(maildirFiles(rig, user).map(name));
  await act();
  return waitForStored(rig, user, (m) => !seen.has(name(m)) && m.bytes.includes('Subject: [...]'), 'INBOX', 60_000);
}

const sendButton = '.formbuttons button.send, button.btn.send';

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
    await openCompose(page, rig);
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
    await expect(page.locator('#composebody')).toHaveValue(/PGP\/MIME/);
    await expect(page.locator('input[name="_pgpmime"]')).toHaveValue(/^-----BEGIN PGP MESSAGE-----/);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(secret);
    const stored = await newProtected('bob', async () => {
      await page.locator(sendButton).first().click();
      await page.waitForURL((u) => u.searchParams.get('_action') !== 'compose', { timeout: 30_000 });
    });

    // On the server: ciphertext only, in Bob's inbox and Alice's Sent folder; no draft plaintext anywhere.
    expect((await PostalMime.parse(stored.bytes)).headers.find((h) => h.key === 'content-type')?.value).toMatch(/^multipart\/encrypted/);
    expect(stored.bytes.includes(subject)).toBe(false);
    for (const user of ['alice', 'bob'] as const) {
      for (const folder of ['INBOX', '.Sent', '.Drafts']) {
        for (const m of maildirFiles(rig, user, folder)) expect(m.bytes.includes(secret)).toBe(false);
      }
    }

    // Bob: the preview pane gets the reader; decrypt; verified.
    const bobPage = await context.newPage();
    await login(bobPage, rig, 'bob');
    // Every protected mail says "[...]" in the list; the list is newest first, and this one just arrived.
    await bobPage.locator('#messagelist tbody tr', { hasText: '[...]' }).first().click();
    const preview = await previewFrame(bobPage);
    const reader = preview.frameLocator('iframe[src*="reader.html"]');
    await pressGuarded(reader.getByTestId('reader-open'));
    await reader.getByTestId('passphrase-input').fill(bob.passphrase);
    await pressGuarded(reader.getByTestId('passphrase-submit'));
    await expect(messageText(reader)).toHaveText(secret);
    await expect(reader.getByTestId('signature')).toHaveAttribute('data-status', 'verified');
    // The adapter read the sender from Roundcube's header: it matches the signer.
    await expect(reader.getByTestId('signature')).toHaveAttribute('data-sender-matches', 'true');
    await expect(reader.getByTestId('protected-subject-value')).toHaveText(subject);
    await bobPage.screenshot({ path: 'test-results/screenshots/roundcube-bob-reader-openpgp.png' });

    // Bob: "Reply securely" goes to Roundcube's own reply form; the secure editor there quotes the original.
    await pressGuarded(reader.getByTestId('reply-securely'));
    await bobPage.waitForURL((u) => u.searchParams.get('_action') === 'compose' && u.searchParams.has('_id'), { timeout: 30_000 });
    // Roundcube answers the Subject it shows; the secure editor takes the protected one.
    await expect(bobPage.locator('#compose-subject')).toHaveValue('Re: [...]');
    await expect(bobPage.locator('#_to')).toHaveValue(new RegExp(escapeRegExp(address(rig, 'alice'))));
    const replyEditor = bobPage.frameLocator('iframe[src*="editor.html"]');
    const replyBody = replyEditor.getByTestId('editor-body');
    await expect(replyBody).toHaveValue(new RegExp(`^> ${escapeRegExp(secret)}`, 'm'));
    await expect(replyEditor.getByTestId('editor-to')).toHaveValue(address(rig, 'alice'));
    await expect(replyEditor.getByTestId('editor-subject')).toHaveValue(`Re: ${subject}`);
    await expect(replyEditor.getByTestId('send-form')).toHaveAttribute('data-form', 'pgp-mime');
    const answer = `Thanks, got the report ${Date.now()}.`;
    await replyBody.press('Control+Home');
    await replyBody.pressSequentially(`${answer}\n`);
    await expect(replyEditor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
    await pressGuarded(replyEditor.getByTestId('editor-encrypt'));
    // Signing asks for Bob's passphrase only if reading did not leave his key unlocked.
    await answerPromptIfAsked(replyEditor, replyEditor.getByTestId('editor-status'), bob.passphrase);
    await expect(replyEditor.getByTestId('editor-status')).toBeVisible();
    await expect(bobPage.locator('input[name="_pgpmime"]')).toHaveValue(/^-----BEGIN PGP MESSAGE-----/);
    expect(await bobPage.evaluate(() => document.documentElement.outerHTML)).not.toContain(answer);
    await bobPage.screenshot({ path: 'test-results/screenshots/roundcube-bob-secure-reply.png' });
    const replyStored = await newProtected('alice', async () => {
      await bobPage.locator(sendButton).first().click();
      await bobPage.waitForURL((u) => u.searchParams.get('_action') !== 'compose', { timeout: 30_000 });
    });

    // Roundcube threaded it (In-Reply-To is the original's Message-ID); ciphertext only on the server.
    const [original, reply] = await Promise.all([PostalMime.parse(stored.bytes), PostalMime.parse(replyStored.bytes)]);
    expect(original.messageId).toBeTruthy();
    expect(reply.inReplyTo).toBe(original.messageId);
    expect(reply.headers.find((h) => h.key === 'content-type')?.value).toMatch(/^multipart\/encrypted/);
    for (const user of ['alice', 'bob'] as const) {
      for (const folder of ['INBOX', '.Sent', '.Drafts']) {
        for (const m of maildirFiles(rig, user, folder)) {
          expect(m.bytes.includes(answer), `${m.path} holds the reply`).toBe(false);
          expect(m.bytes.includes(secret), `${m.path} holds the quote`).toBe(false);
          expect(m.bytes.includes(subject), `${m.path} holds the Subject`).toBe(false);
        }
      }
    }

    // Alice reads the reply in her Roundcube: Bob's words and the quote, verified, signer = sender.
    await page.goto(`${rig.url}/?_task=mail&_action=show&_uid=${uidBySubject(rig, 'alice', '[...]')}&_mbox=INBOX`);
    const aliceReader = page.frameLocator('iframe[src*="reader.html"]');
    await revealInReader(aliceReader, alice.passphrase);
    const shown = messageText(aliceReader);
    await expect(shown).toContainText(answer);
    await expect(shown).toContainText(`> ${secret}`);
    await expect(aliceReader.getByTestId('signature')).toHaveAttribute('data-status', 'verified');
    await expect(aliceReader.getByTestId('signature')).toHaveAttribute('data-sender-matches', 'true');
    await expect(aliceReader.getByTestId('protected-subject-value')).toHaveText(`Re: ${subject}`);
    await page.screenshot({ path: 'test-results/screenshots/roundcube-alice-reads-reply.png' });
  } finally {
    await aliceContext.close();
  }
});
