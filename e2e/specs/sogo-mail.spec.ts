/**
 * Lockpane on SOGo in generic mode (no SOGo adapter), with mail flowing between the two real web mails of
 * the rig: Bob writes in Roundcube with Lockpane (its adapter), Alice reads in SOGo; Alice writes in SOGo's
 * compose with the Secure button over SOGo's plain-text editor, Bob reads in Roundcube. OpenPGP, encrypted
 * and signed. Nothing on the server holds the plaintext: Maildirs (INBOX, Sent, Drafts) and SOGo's own tables.
 * What generic mode does and does not do inside SOGo is written up in docs/sogo.md.
 */
import type { Frame, Page } from '@playwright/test';
import { address, fillComposeHeaders, login, maildirFiles, waitForStored } from '../roundcube/rig';
import { requireSogo, sogoDbRowsContaining, sogoLogin, sogoOpenMessage, sogoOrigin, sogoSetComposeType, type SogoRig } from '../sogo/rig';
import { expect, launchWithExtension, test } from '../support/fixtures';
import { answerPromptIfAsked, messageText, revealInReader } from '../support/frames';
import { pressGuarded } from '../support/guarded';
import { alice, bob, enable, introduce, setUpProfile, type Profile } from '../support/identities';

test.describe.configure({ timeout: 240_000 });

let rig: SogoRig;
test.beforeAll(() => {
  rig = requireSogo();
});

/** Both profiles with keys for the rig's addresses, each other's key verified, both web mails enabled. */
async function twoProfiles(bobContext: Parameters<typeof setUpProfile>[0], aliceContext: Parameters<typeof setUpProfile>[0]): Promise<{ a: Profile; b: Profile }> {
  const a = await setUpProfile(aliceContext, { ...alice, email: address(rig, 'alice') });
  const b = await setUpProfile(bobContext, { ...bob, email: address(rig, 'bob') });
  await introduce(a, b);
  await introduce(b, a);
  for (const p of [a, b]) {
    await enable(p, new URL(rig.url).origin);
    await enable(p, sogoOrigin(rig));
  }
  return { a, b };
}

/** No stored mail of either user, and no row of SOGo's database, holds `secret`. */
function expectNoPlaintextOnServer(secret: string): void {
  for (const user of ['alice', 'bob'] as const) {
    for (const folder of ['INBOX', 'Sent', 'Drafts']) {
      for (const m of maildirFiles(rig, user, folder)) expect(m.bytes.includes(secret), `${m.path} holds the plaintext`).toBe(false);
    }
  }
  expect(sogoDbRowsContaining(secret).filter((t) => t.rows > 0)).toEqual([]);
}

async function previewFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frame({ name: 'messagecontframe' })?.url() ?? '').toContain('_action=preview');
  return page.frame({ name: 'messagecontframe' }) as Frame;
}

test('OpenPGP: Bob encrypts+signs in Roundcube; in Alice\'s SOGo Lockpane (generic mode) finds it and mounts its reader, whose Decrypt the frame guard refuses there (known gap)', async ({ context }) => {
  const secret = `Roundcube to SOGo ${Date.now()}: the gate code is 4711`;
  const subject = `RC to SOGo ${Date.now()}`;
  const aliceContext = await launchWithExtension();
  try {
    await twoProfiles(context, aliceContext);

    const bobPage = await context.newPage();
    await bobPage.setViewportSize({ width: 1400, height: 1000 }); // the frame guard wants the editor well in view
    await login(bobPage, rig, 'bob');
    await bobPage.goto(`${rig.url}/?_task=mail&_action=compose`);
    await fillComposeHeaders(bobPage, { to: address(rig, 'alice'), subject });
    await bobPage.locator('lockpane-secure').first().click();
    const editor = bobPage.frameLocator('iframe[src*="editor.html"]');
    await expect(editor.getByTestId('editor-to')).toHaveValue(address(rig, 'alice'));
    await editor.getByTestId('editor-body').fill(secret);
    await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
    await pressGuarded(editor.getByTestId('editor-encrypt'));
    await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), bob.passphrase);
    await expect(editor.getByTestId('editor-status')).toBeVisible();
    await bobPage.locator('.formbuttons button.send, button.btn.send').first().click();
    await bobPage.waitForURL((u) => u.searchParams.get('_action') !== 'compose', { timeout: 30_000 });
    const stored = await waitForStored(rig, 'alice', (m) => m.bytes.includes(subject));
    expect(stored.bytes.includes('-----BEGIN PGP MESSAGE-----')).toBe(true);

    // Alice in SOGo: the generic detector finds the armored block in SOGo's message view (an AngularJS
    // view rendered after the page loaded) and mounts the reader in its place.
    const page = await aliceContext.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    await sogoLogin(page, rig, 'alice');
    const view = await sogoOpenMessage(page, subject);
    const reader = view.frameLocator('iframe[src*="reader.html"]');
    await expect(reader.getByTestId('reader-view')).toHaveAttribute('data-kind', 'pgp-message');
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(secret);
    // Known gap (docs/sogo.md, "The frame guard in SOGo"): in SOGo's page Chromium reports the reader frame
    // as not visible (IntersectionObserver v2 isVisible = false, though nothing paints over it), so the frame
    // guard keeps Decrypt refused. When the guard learns to tell this page apart, this assertion fails: then
    // the spec should go on with revealInReader and check "verified", as the Roundcube specs do.
    const open = reader.getByTestId('reader-open');
    await open.scrollIntoViewIfNeeded(); // as pressGuarded does: in view and looked at, not mid-scroll
    await expect(open).toHaveAttribute('aria-disabled', 'true');
    await page.waitForTimeout(1_500); // well past the guard's 500 ms settle time
    await expect(open).toHaveAttribute('aria-disabled', 'true');
    await open.click({ force: true });
    await expect(reader.getByTestId('reader-content')).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(secret);
    await page.screenshot({ path: 'test-results/screenshots/sogo-alice-reader-openpgp.png' });
    expectNoPlaintextOnServer(secret);
  } finally {
    await aliceContext.close();
  }
});

test('OpenPGP: Alice encrypts+signs in SOGo\'s compose with the Secure button (generic mode, plain-text editor); Bob reads it verified in Roundcube', async ({ context }) => {
  const secret = `SOGo to Roundcube ${Date.now()}: meet at pier 9`;
  const subject = `SOGo to RC ${Date.now()}`;
  sogoSetComposeType('alice', 'text'); // SOGo's HTML editor (CKEditor, its default) gets no Secure button: docs/sogo.md
  const aliceContext = await launchWithExtension();
  try {
    await twoProfiles(context, aliceContext);
    const page = await aliceContext.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    await sogoLogin(page, rig, 'alice');
    await page.locator('md-fab-trigger button').click();
    await page.locator('button[ng-click="mailbox.newMessage($event)"]').click();
    const dialog = page.locator('md-dialog');
    const body = dialog.locator('textarea[ng-model="editor.message.editable.text"]');
    await expect(body).toBeVisible();
    // SOGo turns a typed address into a chip on Enter; the chip is not an input, so generic mode does not
    // see it as a recipient (docs/sogo.md): Alice names Bob in Lockpane's editor.
    // One input event, then blur (md-add-on-blur): typed key by key, SOGo's lookup can split it into two chips.
    const to = dialog.locator('md-chips[ng-model="editor.message.editable.to"] input');
    await to.fill(address(rig, 'bob'));
    await to.blur();
    const chips = dialog.locator('md-chips[ng-model="editor.message.editable.to"] md-chip');
    await expect(chips).toHaveCount(1);
    await expect(chips).toContainText(address(rig, 'bob'));
    await dialog.locator('input[name=subject]').fill(subject);

    await dialog.locator('lockpane-secure').click();
    const editor = page.frameLocator('iframe[src*="editor.html"]');
    const editorTo = editor.getByTestId('editor-to');
    await expect(editorTo).toBeVisible();
    // Generic mode reads recipients from address inputs near the editor; SOGo's chips are not inputs. Its From
    // picker ("Choose which identity to send this message from") is a sender field, never a recipient.
    await expect(editor.getByTestId('editor-body')).toBeVisible();
    expect(await editorTo.inputValue()).toBe('');
    await editorTo.fill(address(rig, 'bob'));
    await expect(editorTo).toHaveValue(address(rig, 'bob'));
    await editor.getByTestId('editor-body').fill(secret);
    await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
    await pressGuarded(editor.getByTestId('editor-encrypt'));
    await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), alice.passphrase);
    await expect(editor.getByTestId('editor-status')).toBeVisible();
    await expect(body).toHaveValue(/^-----BEGIN PGP MESSAGE-----/);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(secret);
    await page.screenshot({ path: 'test-results/screenshots/sogo-alice-secure-compose.png' });
    await dialog.locator('button[ng-click="editor.send()"]').click();
    await expect(dialog).toHaveCount(0, { timeout: 30_000 });

    // SOGo sent through Postfix what its textarea held: the armored message, and kept a copy in Sent.
    const stored = await waitForStored(rig, 'bob', (m) => m.bytes.includes(subject));
    expect(stored.bytes.includes('-----BEGIN PGP MESSAGE-----')).toBe(true);
    await waitForStored(rig, 'alice', (m) => m.bytes.includes(subject), 'Sent');
    expectNoPlaintextOnServer(secret);

    const bobPage = await context.newPage();
    await login(bobPage, rig, 'bob');
    await bobPage.locator('#messagelist tr', { hasText: subject }).click();
    const reader = (await previewFrame(bobPage)).frameLocator('iframe[src*="reader.html"]');
    await revealInReader(reader, bob.passphrase);
    await expect(messageText(reader)).toHaveText(secret);
    await expect(reader.getByTestId('signature')).toHaveAttribute('data-status', 'verified');
    await expect(reader.getByTestId('signature')).toHaveAttribute('data-sender-matches', 'true');
  } finally {
    await aliceContext.close();
    sogoSetComposeType('alice', 'html');
  }
});
