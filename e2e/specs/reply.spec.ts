/**
 * "Reply securely" quotes only what the reader visibly showed (SECURITY A3.1): a hidden captured ciphertext
 * or hidden text in the original never reaches the reply. Bob replies; Alice reads the reply.
 */
import { expect, launchWithExtension, test } from '../support/fixtures';
import { alice, bob, enable, introduce, setUpProfile } from '../support/identities';
import { encryptTo, htmlMime, mailPage } from '../support/mail-fixtures';
import { messageText } from '../support/frames';
import { pressGuarded } from '../support/guarded';

test('Bob replies securely quoting only the visible text; Alice reads the reply', async ({ context, server }) => {
  const aliceContext = await launchWithExtension();
  try {
    const b = await setUpProfile(context, bob);
    const a = await setUpProfile(aliceContext, alice);
    await introduce(a, b);
    await introduce(b, a);
    await enable(a, server.origin);
    await enable(b, server.origin);

    // Long enough to fill the fixed-height reader: Reply must still be in sight without scrolling.
    const filler = Array.from({ length: 60 }, (_, i) => `<p>Report line ${i + 1}.</p>`).join('');
    const original = htmlMime(`<p>Visible line for Bob.</p><div style="display:none">HIDDEN captured secret</div><p style="font-size:0">zero-size secret</p>${filler}`);
    server.page('/bob-inbox.html', mailPage(`<pre>${await encryptTo(b.publicKey, original)}</pre><textarea id="reply-box" aria-label="Reply"></textarea>`));
    const page = await context.newPage();
    await page.goto(server.url('/bob-inbox.html'));
    const reader = page.frameLocator('iframe[src*="reader.html"]');
    await pressGuarded(reader.getByTestId('reader-open'));
    await reader.getByTestId('passphrase-input').fill(bob.passphrase);
    await pressGuarded(reader.getByTestId('passphrase-submit'));
    await expect(reader.getByTestId('reply-securely')).toBeInViewport();
    await pressGuarded(reader.getByTestId('reply-securely'));

    const editor = page.frameLocator('iframe[src*="editor.html"]');
    const body = editor.getByTestId('editor-body');
    await expect(body).toHaveValue(/> Visible line for Bob\./);
    const quoted = await body.inputValue();
    expect(quoted).not.toContain('HIDDEN');
    expect(quoted).not.toContain('zero-size');
    await editor.getByTestId('editor-to').fill('alice@example.test');
    await body.press('Control+Home');
    await body.pressSequentially('Thanks, received.');
    await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
    await pressGuarded(editor.getByTestId('editor-encrypt'));
    // The status line may first say a draft was saved: wait for the ciphertext itself.
    await expect(page.locator('#reply-box')).toHaveValue(/^-----BEGIN PGP MESSAGE-----/, { timeout: 30_000 });
    const armored = await page.locator('#reply-box').inputValue();
    expect(armored).toMatch(/^-----BEGIN PGP MESSAGE-----/);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('Visible line for Bob');

    server.page('/alice-inbox.html', mailPage(`<pre>${armored}</pre>`));
    const alicePage = await aliceContext.newPage();
    await alicePage.goto(server.url('/alice-inbox.html'));
    const aliceReader = alicePage.frameLocator('iframe[src*="reader.html"]');
    await pressGuarded(aliceReader.getByTestId('reader-open'));
    await aliceReader.getByTestId('passphrase-input').fill(alice.passphrase);
    await pressGuarded(aliceReader.getByTestId('passphrase-submit'));
    const text = messageText(aliceReader);
    await expect(text).toContainText('Thanks, received.');
    await expect(text).toContainText('> Visible line for Bob.');
    await expect(aliceReader.getByTestId('signature')).toHaveAttribute('data-status', 'verified');
  } finally {
    await aliceContext.close();
  }
});
