/**
 * Gmail, on its replica (e2e/sites/gmail, served at https://mail.google.com/mail/u/0/ by request routing):
 * Bob reads mail a real peer (gpg, as Alice) made — inline OpenPGP in the message body, PGP/MIME through
 * Gmail's "Download original" route — with the sender read from Gmail's header for the signer check,
 * moving between conversations without a page load; he writes to Alice in Gmail's compose window with the
 * recipient taken from its chips (or added by the secure editor and written back as a chip), and what
 * Gmail's own Send gets is ciphertext that gpg decrypts, with encrypted files through Gmail's upload. S/MIME
 * from openssl is read over "Download original"; Reply securely opens Gmail's inline reply. A Gmail whose
 * stable hooks changed puts the page in generic mode with one notice; renamed classes do not.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, FrameLocator, Locator, Page } from '@playwright/test';
import { TestPki } from '../../keyring/testing/openssl-pki';
import { opensslMail, PeerGpg, pgpInline, pgpMimeEncrypted, pgpMimeSigned, textEntity, type Headers } from '../../extension/testing/peer-mail';
import { serveGmailReplica, type Replica, type ReplicaThread } from '../sites/gmail/replica';
import { expect, ok, sendFrom, test } from '../support/fixtures';
import { answerPromptIfAsked, messageText, revealInReader } from '../support/frames';
import { pressGuarded } from '../support/guarded';
import { bob, enable, setUpProfile, type Profile } from '../support/identities';

test.describe.configure({ timeout: 180_000 });

const aliceAddr = 'alice@example.test';
const alice = { name: 'Alice Example', email: aliceAddr };
const mallory = { name: 'Mallory', email: 'mallory@example.test' };

// Alice is a real peer (GnuPG), new for each test, as is Bob's profile.
let gpg: PeerGpg;
test.beforeEach(() => {
  gpg = new PeerGpg();
});
test.afterEach(() => gpg?.cleanup());

const head = (subject: string, from = aliceAddr): Headers => ({ from, to: bob.email, subject });

/** What Gmail shows for a text/plain mail: its body, without the header. */
function shownText(raw: Buffer): string {
  const text = raw.toString('utf8');
  return text.slice(text.indexOf('\r\n\r\n') + 4).replace(/\r\n/g, '\n');
}

async function bobWithAlice(context: BrowserContext): Promise<Profile> {
  const profile = await setUpProfile(context, bob);
  const alicePub = gpg.generate(`Alice <${aliceAddr}>`);
  gpg.importKey(profile.publicKey);
  const imported = await ok<{ results: { key: { fingerprint: string } }[] }>(sendFrom(profile.ext, 'keys.import', { text: alicePub }));
  await ok(sendFrom(profile.ext, 'keys.setAcceptance', { fingerprint: imported.results[0]!.key.fingerprint, event: 'verify' }));
  await enable(profile, 'https://mail.google.com');
  return profile;
}

function mailbox(): ReplicaThread[] {
  const inline = pgpInline(gpg, head('Befund'), 'Inline from gpg: Befund 17');
  const mime = pgpMimeEncrypted(gpg, head('Laborwert'), textEntity('PGP/MIME encrypted by gpg: Laborwert 4,2'));
  const forged = pgpMimeSigned(gpg, head('Trust me', mallory.email), textEntity('Signed by Alice, sent as Mallory'), aliceAddr);
  return [
    { subject: 'Befund', messages: [{ from: alice, body: shownText(inline), raw: inline }] },
    {
      subject: 'Laborwert',
      messages: [{
        from: alice, body: '', raw: mime,
        // Gmail lists PGP/MIME's two parts as attachments and shows no body text.
        attachments: [{ name: 'noname', type: 'application/pgp-encrypted' }, { name: 'encrypted.asc', type: 'application/octet-stream' }],
      }],
    },
    {
      subject: 'Trust me',
      // multipart/signed: Gmail shows the signed text and lists the signature as an attachment.
      messages: [{ from: mallory, body: 'Signed by Alice, sent as Mallory', raw: forged, attachments: [{ name: 'signature.asc', type: 'application/pgp-signature' }] }],
    },
  ];
}

const reader = (page: Page): FrameLocator => page.frameLocator('iframe[src*="reader.html"]');

test('read: inline OpenPGP and PGP/MIME by gpg, the sender read from Gmail for the signer check, across conversations in one page', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveGmailReplica(context, server, mailbox());
  const page = await context.newPage();
  await page.goto(replica.threadUrl(0));
  await revealInReader(reader(page), bob.passphrase);
  await expect(messageText(reader(page))).toHaveText('Inline from gpg: Befund 17');
  const sig = reader(page).getByTestId('signature').first();
  await expect(sig).toHaveAttribute('data-status', 'verified');
  await expect(sig).toHaveAttribute('data-sender-matches', 'true');

  // Single-page navigation: back to the list, open the next conversation; no new document is loaded.
  const loads: string[] = [];
  page.on('load', () => loads.push(page.url()));
  await page.getByRole('button', { name: 'Back to Inbox' }).click();
  await page.getByRole('row', { name: /Laborwert/ }).click();
  await expect(reader(page).getByTestId('reader-view')).toHaveAttribute('data-kind', 'raw-message');
  await revealInReader(reader(page), bob.passphrase);
  await expect(messageText(reader(page))).toContainText('PGP/MIME encrypted by gpg: Laborwert 4,2');
  await expect(reader(page).getByTestId('signature').first()).toHaveAttribute('data-sender-matches', 'true');
  expect(loads).toEqual([]);
  expect(replica.originals).toHaveLength(1);
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('Laborwert 4,2');
});

test('read: a mail signed by Alice but sent as Mallory shows the sender mismatch', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveGmailReplica(context, server, mailbox());
  const page = await context.newPage();
  await page.goto(replica.threadUrl(2));
  await revealInReader(reader(page), bob.passphrase);
  await expect(messageText(reader(page))).toContainText('Signed by Alice, sent as Mallory');
  await expect(reader(page).getByTestId('signature').first()).toHaveAttribute('data-sender-matches', 'false');
  await expect(reader(page).getByTestId('sender-mismatch')).toBeVisible();
});

test('compose: the recipient comes from Gmail\'s chips, the ciphertext goes into its editor, and Gmail\'s Send gets only ciphertext that gpg decrypts', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveGmailReplica(context, server, mailbox());
  const secret = `Termin ${Date.now()}: 9 Uhr, Zimmer 4`;
  const page = await context.newPage();
  await page.goto(replica.inboxUrl());
  await page.getByRole('button', { name: 'Compose' }).click();
  const dialog = page.getByRole('dialog', { name: 'New Message' });
  await dialog.getByLabel('To recipients').fill(aliceAddr);
  await dialog.getByLabel('To recipients').press('Enter');
  await expect(dialog.locator('input[type="hidden"][name="to"]')).toHaveValue(aliceAddr);
  await dialog.getByLabel('Subject').fill('Termin');
  await dialog.locator('lockpane-secure').click();
  const editor = page.frameLocator('iframe[src*="editor.html"]');
  await expect(editor.getByTestId('editor-to')).toHaveValue(aliceAddr);
  await editor.getByTestId('editor-body').fill(secret);
  await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
  await editor.getByTestId('editor-encrypt').click();
  await editor.getByTestId('passphrase-input').fill(bob.passphrase);
  await editor.getByTestId('passphrase-submit').click();
  await expect(editor.getByTestId('editor-status')).toBeVisible();
  const body = dialog.getByRole('textbox', { name: 'Message Body' });
  await expect(body).toContainText('-----BEGIN PGP MESSAGE-----');
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(secret);

  await dialog.getByRole('button', { name: /^Send/ }).click();
  await expect.poll(() => replica.sent.length).toBe(1);
  const sent = replica.sent[0]!;
  expect(sent.to).toEqual([aliceAddr]);
  expect(sent.subject).toBe('Termin');
  expect(sent.body).toMatch(/^-----BEGIN PGP MESSAGE-----[\s\S]+-----END PGP MESSAGE-----\s*$/);
  expect(sent.body).not.toContain(secret);
  for (const draft of replica.drafts) expect(draft).not.toContain(secret);
  // The real peer opens what Gmail's Send got (the replica keeps Gmail's one-<div>-per-line editor).
  expect(gpg.gpg(['--decrypt'], sent.body).toString('utf8').trim()).toBe(secret);
});

test('resilience: a Gmail whose stable hooks changed gets generic mode and one notice; one whose class names changed keeps the adapter', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveGmailReplica(context, server, mailbox());
  const page = await context.newPage();
  await page.goto(replica.threadUrl(0, 'classes'));
  await revealInReader(reader(page), bob.passphrase);
  await expect(reader(page).getByTestId('signature').first()).toHaveAttribute('data-sender-matches', 'true');
  await expect(page.locator('lockpane-notice')).toHaveCount(0);

  const changed = await context.newPage();
  await changed.goto(replica.threadUrl(0, 'hooks'));
  // The health check gives a lazily built Gmail some seconds before it decides.
  await expect(changed.locator('lockpane-notice')).toBeVisible({ timeout: 20_000 });
  await expect(changed.locator('lockpane-notice')).toHaveCount(1);
  // Generic mode still finds the armored block; without the adapter it has no sender to compare.
  await revealInReader(reader(changed), bob.passphrase);
  await expect(messageText(reader(changed))).toHaveText('Inline from gpg: Befund 17');
  await expect(reader(changed).getByTestId('signature').first()).not.toHaveAttribute('data-sender-matches', 'true');
});

const editorFrame = (page: Page): FrameLocator => page.frameLocator('iframe[src*="editor.html"]');

async function newMessage(page: Page, replica: Replica, to: string | null, subject: string): Promise<Locator> {
  await page.goto(replica.inboxUrl());
  await page.getByRole('button', { name: 'Compose' }).click();
  const dialog = page.getByRole('dialog', { name: 'New Message' });
  if (to) {
    await dialog.getByLabel('To recipients').fill(to);
    await dialog.getByLabel('To recipients').press('Enter');
  }
  await dialog.getByLabel('Subject').fill(subject);
  await dialog.locator('lockpane-secure').click();
  return dialog;
}

async function encryptIn(editor: FrameLocator, secret: string): Promise<void> {
  await editor.getByTestId('editor-body').fill(secret);
  await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
  await pressGuarded(editor.getByTestId('editor-encrypt'));
  await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), bob.passphrase);
  await expect(editor.getByTestId('editor-status')).toBeVisible();
}

/** Presses Gmail's Send in `form`; what the replica got must be only ciphertext that gpg decrypts to contain `secret`. */
async function sendAndCheck(replica: Replica, form: Locator, secret: string) {
  await expect(form.getByRole('textbox', { name: 'Message Body' })).toContainText('-----BEGIN PGP MESSAGE-----');
  const before = replica.sent.length;
  await form.getByRole('button', { name: /^Send/ }).click();
  await expect.poll(() => replica.sent.length).toBe(before + 1);
  const sent = replica.sent[before]!;
  expect(sent.body).toMatch(/^-----BEGIN PGP MESSAGE-----[\s\S]+-----END PGP MESSAGE-----\s*$/);
  expect(sent.body).not.toContain(secret);
  for (const draft of replica.drafts) expect(draft).not.toContain(secret);
  expect(gpg.gpg(['--decrypt'], sent.body).toString('utf8')).toContain(secret);
  return sent;
}

test('compose: a recipient added in the secure editor is written into Gmail\'s To as a chip, and Gmail\'s Send reaches her', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveGmailReplica(context, server, mailbox());
  const secret = `Rückruf ${Date.now()}`;
  const page = await context.newPage();
  const dialog = await newMessage(page, replica, null, 'Rückruf');
  const editor = editorFrame(page);
  await expect(editor.getByTestId('editor-to')).toHaveValue('');
  await editor.getByTestId('editor-to').fill(aliceAddr);
  await encryptIn(editor, secret);
  await expect(dialog.locator('input[type="hidden"][name="to"]')).toHaveValue(aliceAddr);
  const sent = await sendAndCheck(replica, dialog, secret);
  expect(sent.to).toEqual([aliceAddr]);
});

test('attachments: a file added in the secure editor goes through Gmail\'s Filedata upload encrypted (gpg decrypts it), and Send lists it', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveGmailReplica(context, server, mailbox());
  const secret = `Anbei ${Date.now()}`;
  const file = { name: 'befund.pdf', bytes: Buffer.from(`%PDF-1.4 Befund ${Date.now()}\n`) };
  const page = await context.newPage();
  const dialog = await newMessage(page, replica, aliceAddr, 'Befund');
  const editor = editorFrame(page);
  await editor.getByTestId('attach-input').setInputFiles({ name: file.name, mimeType: 'application/pdf', buffer: file.bytes });
  await expect(editor.getByTestId('attachment')).toHaveCount(1);
  await encryptIn(editor, secret);
  await expect(page.locator(`[download_url*=":${file.name}.pgp:"]`)).toHaveCount(1, { timeout: 60_000 });
  expect(replica.uploads.map((u) => u.name)).toEqual([`${file.name}.pgp`]);
  expect(replica.uploads[0]!.data.includes(file.bytes)).toBe(false);
  expect(gpg.gpg(['--decrypt'], replica.uploads[0]!.data)).toEqual(file.bytes);
  const sent = await sendAndCheck(replica, dialog, secret);
  expect(sent.attachments).toEqual([`${file.name}.pgp`]);
});

test('reply securely: Gmail\'s own inline reply opens under the message with Alice as its chip, and its Send gets the ciphertext', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveGmailReplica(context, server, mailbox());
  const secret = `Antwort ${Date.now()}: erhalten`;
  const page = await context.newPage();
  await page.goto(replica.threadUrl(0));
  await revealInReader(reader(page), bob.passphrase);
  await pressGuarded(reader(page).getByTestId('reply-securely'));
  const form = page.locator('.M9');
  await expect(form.locator('input[type="hidden"][name="to"]')).toHaveValue(aliceAddr);
  const editor = editorFrame(page);
  await expect(editor.getByTestId('editor-body')).toHaveValue(/> Inline from gpg: Befund 17/);
  await editor.getByTestId('editor-body').press('Control+Home');
  await editor.getByTestId('editor-body').pressSequentially(`${secret}\n`);
  await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
  await pressGuarded(editor.getByTestId('editor-encrypt'));
  await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), bob.passphrase);
  const sent = await sendAndCheck(replica, form, secret);
  expect(sent.to).toEqual([aliceAddr]);
  expect(sent.subject).toBe('Re: Befund');
});

test('S/MIME: application/pkcs7-mime mail openssl signed and encrypted to Bob is read over "Download original", signature verified', async ({ context, server }) => {
  const pki = new TestPki('Lockpane Gmail E2E CA');
  try {
    const aliceCert = pki.user('alice');
    const bobCert = pki.user('bob');
    const profile = await setUpProfile(context, bob);
    await ok(sendFrom(profile.ext, 'keys.import', { base64: readFileSync(bobCert.p12).toString('base64'), password: 'test', protectWith: bob.passphrase }));
    await ok(sendFrom(profile.ext, 'trust.addRoot', { text: readFileSync(pki.caCrt, 'utf8') }));
    await enable(profile, 'https://mail.google.com');
    const h = head('Röntgen');
    const signed = opensslMail({ ...h, subject: 'inner' }, ['-sign', '-signer', aliceCert.crt, '-inkey', aliceCert.key, '-md', 'sha256'], textEntity('S/MIME from openssl: Röntgen ok'));
    const raw = opensslMail(h, ['-encrypt', '-aes-256-cbc', '-recip', bobCert.crt, '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'], signed);
    expect(raw.toString('latin1')).toMatch(/Content-Type: application\/(x-)?pkcs7-mime/i);
    // Gmail shows an S/MIME encrypted mail as an smime.p7m attachment and no body text.
    const replica = await serveGmailReplica(context, server, [{ subject: 'Röntgen', messages: [{ from: alice, body: '', raw, attachments: [{ name: 'smime.p7m', type: 'application/pkcs7-mime' }] }] }]);
    const page = await context.newPage();
    await page.goto(replica.threadUrl(0));
    await expect(reader(page).getByTestId('reader-view')).toHaveAttribute('data-kind', 'raw-message');
    await revealInReader(reader(page), bob.passphrase);
    await expect(messageText(reader(page))).toContainText('S/MIME from openssl: Röntgen ok');
    const sig = reader(page).getByTestId('signature').first();
    await expect(sig).toHaveAttribute('data-status', 'verified');
    await expect(sig).toHaveAttribute('data-sender-matches', 'true');
    expect(replica.originals).toHaveLength(1);
  } finally {
    pki.cleanup();
  }
});
