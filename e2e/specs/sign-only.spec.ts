/**
 * Sign-only mail from the secure editor (issue #20): Alice presses "Sign only" on the demo web mail; the page
 * gets an OpenPGP cleartext signature that gpg verifies to exactly her text, and Bob's reader shows it
 * signed and not encrypted.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, launchWithExtension, test } from '../support/fixtures';
import { messageText } from '../support/frames';
import { pressGuarded } from '../support/guarded';
import { alice, bob, enable, introduce, setUpProfile } from '../support/identities';

const message = 'Dienstplan KW 50:\n- Mo Frühdienst\nFrom Tuesday on, nights.';

test('Sign only: the page gets a cleartext signature gpg verifies to the exact text; Bob\'s reader shows it signed, not encrypted', async ({ context, server }) => {
  const bobContext = await launchWithExtension();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-sign-only-'));
  try {
    const a = await setUpProfile(context, alice);
    const b = await setUpProfile(bobContext, bob);
    await introduce(b, a);
    await enable(a, server.origin);
    await enable(b, server.origin);

    const page = await context.newPage();
    await page.goto(server.url('/demo/'));
    await page.locator('lockpane-secure').first().waitFor();
    await page.locator('#compose-body').locator('xpath=preceding-sibling::lockpane-secure[1]').click();
    const editor = page.frameLocator('iframe[src*="editor.html"]');
    await expect(editor.getByTestId('editor-to')).toHaveValue('bob@example.test');
    await editor.getByTestId('editor-body').fill(message);
    await pressGuarded(editor.getByTestId('editor-sign-only'));
    await editor.getByTestId('passphrase-input').fill(alice.passphrase);
    await pressGuarded(editor.getByTestId('passphrase-submit'));
    await expect(editor.getByTestId('editor-status')).toContainText(/not encrypted/);

    const signed = await page.locator('#compose-body').inputValue();
    expect(signed).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----\n/);
    expect(signed).toContain('\n- - Mo Frühdienst\n- From Tuesday on, nights.\n-----BEGIN PGP SIGNATURE-----');

    // A real peer: gpg reports a good signature and prints exactly the text (with the frame's final newline).
    fs.chmodSync(home, 0o700);
    const gpg = (args: string[], input?: string) => execFileSync('gpg', ['--homedir', home, '--batch', '--status-fd', '2', ...args], { input, stdio: ['pipe', 'pipe', 'pipe'] });
    gpg(['--import'], a.publicKey);
    expect(gpg(['--decrypt'], signed).toString('utf8')).toBe(`${message}\n`);

    server.page('/inbox-bob-signed.html', `<!doctype html><html><head><meta charset="utf-8"><title>Inbox</title></head><body>
<main id="read-pane"><p class="from">From: Alice &lt;alice@example.test&gt;</p><div class="body"><pre>${signed}</pre></div></main></body></html>`);
    const bobPage = await bobContext.newPage();
    await bobPage.goto(server.url('/inbox-bob-signed.html'));
    const reader = bobPage.frameLocator('iframe[src*="reader.html"]');
    await pressGuarded(reader.getByTestId('reader-open'));
    await expect(reader.getByTestId('signature')).toHaveAttribute('data-status', 'verified');
    await expect(reader.getByTestId('encryption-status')).not.toContainText(/^Encrypted/);
    await expect(messageText(reader)).toHaveText(message);
  } finally {
    execFileSync('gpgconf', ['--homedir', home, '--kill', 'all']);
    fs.rmSync(home, { recursive: true, force: true });
    await bobContext.close();
  }
});
