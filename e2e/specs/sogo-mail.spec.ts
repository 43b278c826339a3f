/**
 * Lockpane with its SOGo adapter, mail flowing between the rig's two real web mails: Bob writes in
 * Roundcube, Alice reads and replies in SOGo (its own reply form, the original quoted), Alice writes in
 * SOGo's HTML editor (CKEditor) with recipients from SOGo's chips and a file attached through SOGo's own
 * upload; OpenPGP and S/MIME, encrypted + signed. Nothing on the server holds the plaintext (Maildirs
 * INBOX, Sent, Drafts and SOGo's own tables), and SOGo's scripts see only ciphertext. docs/sogo.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import PostalMime from 'postal-mime';
import type { BrowserContext, FrameLocator, Locator, Page, TestInfo } from '@playwright/test';
import { TestPki, type User } from '../../keyring/testing/openssl-pki';
import { address, openCompose, fillComposeHeaders, login, maildirFiles, uidBySubject, waitForStored, type RigUser, type StoredMail } from '../roundcube/rig';
import {
  requireSogo, sogoAddRecipient, sogoDbRowsContaining, sogoLogin, sogoNewMessage, sogoOpenMessage, sogoOrigin, sogoScriptView, sogoSend, type SogoRig,
} from '../sogo/rig';
import { expect, extensionWorker, launchWithExtension, ok, sendFrom, test } from '../support/fixtures';
import { answerPromptIfAsked, escapeRegExp, messageText, revealInReader } from '../support/frames';
import { pressGuarded } from '../support/guarded';
import { alice, bob, enable, introduce, setUpProfile, type Profile } from '../support/identities';

test.describe.configure({ timeout: 300_000 });

let rig: SogoRig;
test.beforeAll(() => {
  rig = requireSogo();
});

/** Both profiles with OpenPGP keys for the rig's addresses, each other's key verified, both web mails enabled. */
async function twoProfiles(bobContext: BrowserContext, aliceContext: BrowserContext): Promise<{ a: Profile; b: Profile }> {
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

/** No stored mail of either user, and no row of SOGo's database, holds any of `secrets`. */
function expectNoPlaintextOnServer(...secrets: string[]): void {
  for (const secret of secrets) {
    for (const user of ['alice', 'bob'] as const) {
      for (const folder of ['INBOX', 'Sent', 'Drafts']) {
        for (const m of maildirFiles(rig, user, folder)) expect(m.bytes.includes(secret), `${m.path} holds the plaintext`).toBe(false);
      }
    }
    expect(sogoDbRowsContaining(secret).filter((t) => t.rows > 0)).toEqual([]);
  }
}

const mailName = (m: StoredMail) => path.basename(m.path).split(':')[0];

/** Calls `act` and returns the one new mail it stores in `user`'s `folder`. */
async function newStored(user: RigUser, folder: string, act: () => Promise<void>): Promise<StoredMail> {
  const seen = new Set(maildirFiles(rig, user, folder).map(mailName));
  await act();
  return waitForStored(rig, user, (m) => !seen.has(mailName(m)), folder, 60_000);
}

/** README copies are refreshed on request only (LOCKPANE_UPDATE_SCREENSHOTS=1), so a run never dirties the checkout. */
async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
  if (process.env.LOCKPANE_UPDATE_SCREENSHOTS === '1') fs.copyFileSync(file, `docs/screenshots/${name}.png`);
}

/** Bob writes in Roundcube with Lockpane; returns the mail stored in Alice's INBOX. */
async function bobWritesInRoundcube(context: BrowserContext, subject: string, secret: string, passphrase: string): Promise<StoredMail> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 }); // the frame guard wants the editor well in view
  await login(page, rig, 'bob');
  await openCompose(page, rig);
  await page.waitForURL(/_id=/);
  await fillComposeHeaders(page, { to: address(rig, 'alice'), subject });
  await page.locator('lockpane-secure').first().click();
  const editor = page.frameLocator('iframe[src*="editor.html"]');
  await expect(editor.getByTestId('editor-to')).toHaveValue(address(rig, 'alice'));
  await editor.getByTestId('editor-body').fill(secret);
  await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
  await pressGuarded(editor.getByTestId('editor-encrypt'));
  await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), passphrase);
  await expect(editor.getByTestId('editor-status')).toBeVisible();
  const stored = await newStored('alice', 'INBOX', async () => {
    await page.locator('.formbuttons button.send, button.btn.send').first().click();
    await page.waitForURL((u) => u.searchParams.get('_action') !== 'compose', { timeout: 60_000 });
  });
  await page.close();
  return stored;
}

/** Bob opens a mail in his Roundcube's full view and reveals it in Lockpane's reader. */
async function bobReads(context: BrowserContext, subject: string, passphrase: string): Promise<{ page: Page; reader: FrameLocator }> {
  const page = await context.newPage();
  await login(page, rig, 'bob');
  await page.goto(`${rig.url}/?_task=mail&_action=show&_uid=${uidBySubject(rig, 'bob', subject)}&_mbox=INBOX`);
  const reader = page.frameLocator('iframe[src*="reader.html"]');
  await revealInReader(reader, passphrase);
  return { page, reader };
}

async function expectVerified(reader: FrameLocator): Promise<void> {
  const sig = reader.getByTestId('signature').first();
  await expect(sig).toHaveAttribute('data-status', 'verified');
  await expect(sig).toHaveAttribute('data-sender-matches', 'true');
}

/** Alice's SOGo page with the message open; returns the message view and the reader in it. */
async function aliceOpens(aliceContext: BrowserContext, subject: string): Promise<{ page: Page; view: Locator; reader: FrameLocator }> {
  const page = await aliceContext.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await sogoLogin(page, rig, 'alice');
  const view = await sogoOpenMessage(page, subject);
  return { page, view, reader: view.frameLocator('iframe[src*="reader.html"]') };
}

/**
 * Bob writes in Roundcube (PGP/MIME, Subject protected) and Alice opens it in SOGo: the reader, verified,
 * with the protected Subject; SOGo's scripts see only ciphertext. Returns what the reply test goes on with.
 */
async function roundcubeToSogo(context: BrowserContext, aliceContext: BrowserContext, testInfo: TestInfo) {
  const stamp = Date.now();
  const secret = `Roundcube to SOGo ${stamp}: the gate code is 4711`;
  const answer = `SOGo answers ${stamp}: gate opened`;
  const subject = `RC to SOGo ${stamp}`;
  await twoProfiles(context, aliceContext);
  // Roundcube sends OpenPGP as PGP/MIME with the Subject protected: SOGo lists it as "[...]" (newest first).
  const stored = await bobWritesInRoundcube(context, subject, secret, bob.passphrase);
  expect(stored.bytes.includes('-----BEGIN PGP MESSAGE-----')).toBe(true);
  expect(stored.bytes.includes('Subject: [...]')).toBe(true);

  const { page, reader } = await aliceOpens(aliceContext, '[...]');
  await expect(reader.getByTestId('reader-view')).toHaveAttribute('data-kind', 'raw-message');
  // SOGo's message view is a flip card (a 3D rendering context); content/frame-host.ts flattens the
  // frame's ancestors so the frame guard sees the reader.
  await revealInReader(reader, alice.passphrase);
  await expect(messageText(reader)).toContainText(secret);
  await expectVerified(reader);
  await expect(reader.getByTestId('protected-subject-value')).toHaveText(subject);
  // The hostile-page rule inside SOGo: after decrypting, nothing SOGo's scripts can read holds the text.
  expect(await sogoScriptView(page)).not.toContain(secret);
  await screenshot(page, testInfo, 'sogo-alice-reader-openpgp');
  return { secret, answer, subject, stored, page, reader };
}

test('OpenPGP: Bob writes in Roundcube (PGP/MIME, Subject protected); Alice reads it in SOGo verified, with the protected Subject (sender from SOGo\'s view); SOGo\'s scripts see only ciphertext', async ({ context }, testInfo) => {
  const aliceContext = await launchWithExtension();
  try {
    await roundcubeToSogo(context, aliceContext, testInfo);
  } finally {
    await aliceContext.close();
  }
});

test('OpenPGP: Alice replies to Bob\'s PGP/MIME mail through SOGo\'s reply form, the original quoted; Bob reads the reply verified', async ({ context }, testInfo) => {
  const aliceContext = await launchWithExtension();
  try {
    const { secret, answer, subject, stored, page, reader } = await roundcubeToSogo(context, aliceContext, testInfo);
    // Reply securely: SOGo's own reply form (its dialog sets To, Re: and the thread headers) takes the editor.
    await pressGuarded(reader.getByTestId('reply-securely'));
    const dialog = page.locator('md-dialog');
    // SOGo answers the Subject it shows; the secure editor starts from the protected one.
    await expect(dialog.locator('input[name=subject]')).toHaveValue('Re: [...]', { timeout: 30_000 });
    const editor = page.frameLocator('iframe[src*="editor.html"]');
    await expect(editor.getByTestId('editor-body')).toHaveValue(new RegExp(`^> ${escapeRegExp(secret)}`, 'm'), { timeout: 30_000 });
    await expect(editor.getByTestId('editor-to')).toHaveValue(address(rig, 'bob'));
    await editor.getByTestId('editor-body').press('Control+Home');
    await editor.getByTestId('editor-body').pressSequentially(`${answer}\n`);
    await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
    // SOGo sends inline OpenPGP, which cannot protect a Subject: the protected one stays out of SOGo's field.
    await expect(editor.getByTestId('editor-subject')).toHaveValue(`Re: ${subject}`);
    await expect(editor.getByTestId('subject-note')).toHaveAttribute('data-subject', 'placeholder');
    // The whole frame clear of the dialog's toolbar (Chromium judges a cross-origin frame's occlusion as a
    // whole, docs/security.md): scrolled so its top shows, as a person would before pressing Encrypt.
    await page.locator('iframe[src*="editor.html"]').evaluate((f) => f.scrollIntoView({ block: 'start' }));
    await pressGuarded(editor.getByTestId('editor-encrypt'));
    await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), alice.passphrase);
    await expect(editor.getByTestId('editor-status')).toBeVisible();
    await expect(editor.getByTestId('subject-note')).toHaveAttribute('data-subject', 'placeholder');
    await expect(dialog.locator('input[name=subject]')).toHaveValue('Re: [...]');
    expect(await sogoScriptView(page)).not.toContain(answer);
    expect(await sogoScriptView(page)).not.toContain(subject);
    const reply = await newStored('bob', 'INBOX', () => sogoSend(dialog));
    expect(reply.bytes.includes('-----BEGIN PGP MESSAGE-----')).toBe(true);
    const parsedReply = await PostalMime.parse(reply.bytes);
    const originalId = (await PostalMime.parse(stored.bytes)).messageId;
    expect(parsedReply.inReplyTo).toBe(originalId);
    expect(parsedReply.subject).toBe('Re: [...]');
    expect(reply.bytes.includes(subject)).toBe(false);
    const sentCopy = await waitForStored(rig, 'alice', (m) => m.bytes.includes(originalId ?? '\0') && m.bytes.includes('-----BEGIN PGP MESSAGE-----'), 'Sent');
    expect(sentCopy.bytes.includes(subject)).toBe(false);
    expectNoPlaintextOnServer(secret, answer);

    const bobView = await bobReads(context, 'Re: [...]', bob.passphrase);
    await expect(messageText(bobView.reader)).toContainText(answer);
    await expect(messageText(bobView.reader)).toContainText(`> ${secret}`);
    await expectVerified(bobView.reader);
  } finally {
    await aliceContext.close();
  }
});

test('OpenPGP: Alice writes in SOGo\'s HTML editor (CKEditor) with recipients from SOGo\'s chips (a Cc added in the secure editor written back into them) and a file attached through SOGo\'s upload; Bob reads body and file verified in Roundcube', async ({ context }, testInfo) => {
  const stamp = Date.now();
  const secret = `SOGo to Roundcube ${stamp}: meet at pier 9`;
  const subject = `SOGo to RC ${stamp}`;
  const file = { name: 'plan.txt', bytes: Buffer.from(`the plan ${stamp}: pier 9, 21:00\n`) };
  const aliceContext = await launchWithExtension();
  try {
    await twoProfiles(context, aliceContext);
    const page = await aliceContext.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    await sogoLogin(page, rig, 'alice');
    const dialog = await sogoNewMessage(page);
    await sogoAddRecipient(dialog, 'to', address(rig, 'bob'));
    await dialog.locator('input[name=subject]').fill(subject);
    await expect(dialog.locator('iframe.cke_wysiwyg_frame')).toBeVisible();

    await dialog.locator('lockpane-secure').click();
    const editor = page.frameLocator('iframe[src*="editor.html"]');
    // The adapter reads SOGo's chips: Bob is the recipient without typing him again.
    await expect(editor.getByTestId('editor-to')).toHaveValue(address(rig, 'bob'));
    // A recipient added in the secure editor only (Alice's own address as Cc) is written into SOGo's Cc chips.
    await editor.getByTestId('editor-cc').fill(address(rig, 'alice'));
    await editor.getByTestId('editor-body').fill(secret);
    await editor.getByTestId('attach-input').setInputFiles({ name: file.name, mimeType: 'text/plain', buffer: file.bytes });
    await expect(editor.getByTestId('attachment')).toHaveCount(1);
    await expect(editor.getByTestId('recipient')).toHaveCount(2);
    for (const r of await editor.getByTestId('recipient').all()) await expect(r).toHaveAttribute('data-ready', 'true');
    await pressGuarded(editor.getByTestId('editor-encrypt'));
    await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), alice.passphrase);
    await expect(editor.getByTestId('editor-status')).toBeVisible();
    await expect(dialog.locator('md-chips[ng-model="editor.message.editable.cc"] md-chip')).toHaveText([new RegExp(escapeRegExp(address(rig, 'alice')))]);
    // The armored text went into CKEditor's own document, and SOGo's upload lists the encrypted file.
    await expect(dialog.frameLocator('iframe.cke_wysiwyg_frame').locator('body')).toContainText('-----BEGIN PGP MESSAGE-----');
    await expect(dialog.locator('md-chips[ng-model="editor.uploader.queue"] a[href]')).toHaveText(`${file.name}.pgp`, { timeout: 60_000 });
    expect(await sogoScriptView(page)).not.toContain(secret);
    await screenshot(page, testInfo, 'sogo-alice-secure-compose');

    const stored = await newStored('bob', 'INBOX', () => sogoSend(dialog));
    const parsed = await PostalMime.parse(stored.bytes);
    expect(parsed.attachments.map((a) => a.filename)).toEqual([`${file.name}.pgp`]);
    expect(parsed.cc?.map((a) => a.address)).toEqual([address(rig, 'alice')]);
    await waitForStored(rig, 'alice', (m) => m.bytes.includes(subject), 'Sent');
    expectNoPlaintextOnServer(secret, file.bytes.toString().trim());

    const bobView = await bobReads(context, subject, bob.passphrase);
    await expect(messageText(bobView.reader)).toContainText(secret);
    await expectVerified(bobView.reader);
    await expect(bobView.reader.locator(`[data-testid="attachment"][data-name="${file.name}"]`)).toHaveCount(1);
    const download = bobView.page.waitForEvent('download', { timeout: 60_000 });
    await pressGuarded(bobView.reader.locator(`[data-testid="attachment"][data-name="${file.name}"]`).getByTestId('attachment-save'));
    expect(fs.readFileSync(await (await download).path()).equals(file.bytes)).toBe(true);
  } finally {
    await aliceContext.close();
  }
});

test.describe('S/MIME', () => {
  let pki: TestPki;
  let aliceUser: User;
  let bobUser: User;
  test.beforeAll(() => {
    pki = new TestPki('Lockpane SOGo CA');
    aliceUser = pki.user('alice', { email: address(rig, 'alice') });
    bobUser = pki.user('bob', { email: address(rig, 'bob') });
  });
  test.afterAll(() => pki?.cleanup());

  async function setUpSmime(context: BrowserContext, me: User, passphrase: string, peer: User): Promise<void> {
    const id = new URL((await extensionWorker(context)).url()).host;
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${id}/options.html`);
    await ok(sendFrom(ext, 'keys.import', { base64: fs.readFileSync(me.p12).toString('base64'), password: 'test', protectWith: passphrase }));
    await ok(sendFrom(ext, 'trust.addRoot', { text: fs.readFileSync(pki.caCrt, 'utf8') }));
    await ok(sendFrom(ext, 'keys.import', { text: fs.readFileSync(peer.crt, 'utf8') }));
    for (const origin of [new URL(rig.url).origin, sogoOrigin(rig)]) await ok(sendFrom(ext, 'sites.enable', { origin }));
    await ext.close();
  }

  test('S/MIME both ways: Alice writes in SOGo (one smime.p7m through SOGo\'s upload, Subject protected), Bob reads it in Roundcube and replies there; Alice reads the reply in SOGo, verified', async ({ context }) => {
    const stamp = Date.now();
    const subject = `SOGo SMIME ${stamp}`;
    const body = `Vertraulich aus SOGo ${stamp}: Befund anbei.`;
    const answer = `Antwort aus Roundcube ${stamp}: erhalten.`;
    const aliceContext = await launchWithExtension();
    try {
      await setUpSmime(aliceContext, aliceUser, 'alice s/mime phrase', bobUser);
      await setUpSmime(context, bobUser, 'bob s/mime phrase', aliceUser);
      const page = await aliceContext.newPage();
      await page.setViewportSize({ width: 1400, height: 900 });
      await sogoLogin(page, rig, 'alice');
      const dialog = await sogoNewMessage(page);
      await sogoAddRecipient(dialog, 'to', address(rig, 'bob'));
      await dialog.locator('input[name=subject]').fill(subject);
      await expect(dialog.locator('iframe.cke_wysiwyg_frame')).toBeVisible();
      await dialog.locator('lockpane-secure').click();
      const editor = page.frameLocator('iframe[src*="editor.html"]');
      await expect(editor.getByTestId('editor-to')).toHaveValue(address(rig, 'bob'));
      await expect(editor.getByTestId('editor-subject')).toHaveValue(subject);
      await editor.getByTestId('editor-body').fill(body);
      await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
      await pressGuarded(editor.getByTestId('editor-encrypt'));
      await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), 'alice s/mime phrase');
      await expect(dialog.locator('md-chips[ng-model="editor.uploader.queue"] a[href]')).toHaveText('smime.p7m', { timeout: 60_000 });
      await expect(dialog.locator('input[name=subject]')).toHaveValue('[...]');
      expect(await sogoScriptView(page)).not.toContain(body);
      const inbox = await newStored('bob', 'INBOX', () => sogoSend(dialog));
      expect(inbox.bytes.includes(Buffer.from(subject)), 'the real Subject travels only inside').toBe(false);
      expect((await PostalMime.parse(inbox.bytes)).attachments.map((a) => a.filename)).toEqual(['smime.p7m']);
      expectNoPlaintextOnServer(body, subject);

      const bobView = await bobReads(context, '[...]', 'bob s/mime phrase');
      await expect(messageText(bobView.reader)).toContainText(body);
      await expectVerified(bobView.reader);
      await expect(bobView.reader.getByTestId('protected-subject-value')).toHaveText(subject);

      // Bob answers with Roundcube's reply form; Alice reads the answer in SOGo (raw source, S/MIME).
      await pressGuarded(bobView.reader.getByTestId('reply-securely'));
      await bobView.page.waitForURL((u) => u.searchParams.get('_action') === 'compose' && u.searchParams.has('_id'), { timeout: 30_000 });
      const replyEditor = bobView.page.frameLocator('iframe[src*="editor.html"]');
      await expect(replyEditor.getByTestId('editor-body')).toHaveValue(new RegExp(`^> ${escapeRegExp(body)}`, 'm'));
      await replyEditor.getByTestId('editor-body').press('Control+Home');
      await replyEditor.getByTestId('editor-body').pressSequentially(`${answer}\n`);
      await expect(replyEditor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
      await pressGuarded(replyEditor.getByTestId('editor-encrypt'));
      await answerPromptIfAsked(replyEditor, replyEditor.getByTestId('editor-status'), 'bob s/mime phrase');
      await expect(bobView.page.locator('#attachment-list')).toContainText('smime.p7m', { timeout: 60_000 });
      await newStored('alice', 'INBOX', async () => {
        await bobView.page.locator('.formbuttons button.send, button.btn.send').first().click();
        await bobView.page.waitForURL((u) => u.searchParams.get('_action') !== 'compose', { timeout: 120_000 });
      });
      expectNoPlaintextOnServer(answer);

      await page.reload();
      const view = await sogoOpenMessage(page, '[...]');
      const reader = view.frameLocator('iframe[src*="reader.html"]');
      await expect(reader.getByTestId('reader-view')).toHaveAttribute('data-kind', 'raw-message');
      await revealInReader(reader, 'alice s/mime phrase');
      await expect(messageText(reader)).toContainText(answer);
      await expect(messageText(reader)).toContainText(`> ${body}`);
      await expectVerified(reader);
      await expect(reader.getByTestId('protected-subject-value')).toHaveText(`Re: ${subject}`);
      expect(await sogoScriptView(page)).not.toContain(answer);
    } finally {
      await aliceContext.close();
    }
  });
});
