/**
 * Yahoo Mail, on its replica (e2e/sites/yahoo, served at https://mail.yahoo.com/d/folders/1 and its API
 * host by request routing): Bob reads mail a real peer (gpg, as Alice) made — inline OpenPGP in the body,
 * PGP/MIME through "View raw message" on Yahoo's API host (cross-origin, CORS-checked) — with the sender
 * read from Yahoo's header for the signer check, moving between conversations without a page load, and
 * S/MIME from openssl the same way. He writes to Alice in Yahoo's compose with the recipient taken from
 * its pills, or added by the secure editor and written back as a pill; what Yahoo's own Send gets is ciphertext that gpg decrypts. Reply
 * securely opens Yahoo's inline reply (German labels). A Yahoo whose hooks changed puts the page in
 * generic mode with one notice; renamed classes do not.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, FrameLocator, Locator, Page } from '@playwright/test';
import { TestPki } from '../../keyring/testing/openssl-pki';
import { opensslMail, PeerGpg, pgpInline, pgpMimeEncrypted, pgpMimeSigned, textEntity, type Headers } from '../../extension/testing/peer-mail';
import { serveYahooReplica, type Replica, type ReplicaThread } from '../sites/yahoo/replica';
import { expect, ok, sendFrom, test } from '../support/fixtures';
import { answerPromptIfAsked, messageText, revealInReader } from '../support/frames';
import { pressGuarded } from '../support/guarded';
import { bob, enable, setUpProfile, type Profile } from '../support/identities';

test.describe.configure({ timeout: 180_000 });

const aliceAddr = 'alice@example.test';
const alice = { name: 'Alice Example', email: aliceAddr };
const mallory = { name: 'Mallory', email: 'mallory@example.test' };

let gpg: PeerGpg;
test.beforeEach(() => {
  gpg = new PeerGpg();
});
test.afterEach(() => gpg?.cleanup());

const head = (subject: string, from = aliceAddr): Headers => ({ from, to: bob.email, subject });

/** What Yahoo shows for a text/plain mail: its body, without the header. */
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
  await enable(profile, 'https://mail.yahoo.com');
  return profile;
}

function mailbox(): ReplicaThread[] {
  const inline = pgpInline(gpg, head('Befund'), 'Inline from gpg: Befund 17');
  const mime = pgpMimeEncrypted(gpg, head('Laborwert'), textEntity('PGP/MIME encrypted by gpg: Laborwert 4,2'));
  const forged = pgpMimeSigned(gpg, head('Trust me', mallory.email), textEntity('Signed by Alice, sent as Mallory'), aliceAddr);
  return [
    { subject: 'Befund', messages: [{ from: alice, body: shownText(inline), raw: inline }, { from: { name: 'Bob', email: bob.email }, body: 'Danke, angekommen.' }] },
    // Yahoo lists PGP/MIME's two parts as attachments and shows no body text.
    { subject: 'Laborwert', messages: [{ from: alice, body: '', raw: mime, attachments: [{ name: 'noname' }, { name: 'encrypted.asc' }] }] },
    // multipart/signed: Yahoo shows the signed text and lists the signature.
    { subject: 'Trust me', messages: [{ from: mallory, body: 'Signed by Alice, sent as Mallory', raw: forged, attachments: [{ name: 'signature.asc' }] }] },
  ];
}

const reader = (page: Page): FrameLocator => page.frameLocator('iframe[src*="reader.html"]');
const editorFrame = (page: Page): FrameLocator => page.frameLocator('iframe[src*="editor.html"]');

/** Encrypts what is typed in the secure editor and waits until the page's editor got it. */
async function encryptIn(editor: FrameLocator, secret: string): Promise<void> {
  await editor.getByTestId('editor-body').fill(secret);
  await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
  await pressGuarded(editor.getByTestId('editor-encrypt'));
  await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), bob.passphrase);
  await expect(editor.getByTestId('editor-status')).toBeVisible();
}

/** Presses Yahoo's Send in `compose` and checks what the replica got: only ciphertext, which gpg decrypts to `secret`. */
async function sendAndCheck(page: Page, replica: Replica, compose: Locator, secret: string) {
  await expect(compose.getByRole('textbox', { name: /Message body|Nachrichtentext/ })).toContainText('-----BEGIN PGP MESSAGE-----');
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(secret);
  const before = replica.sent.length;
  await compose.getByRole('button', { name: /^(Send|Senden)$/ }).click();
  await expect.poll(() => replica.sent.length).toBe(before + 1);
  const sent = replica.sent[before]!;
  expect(sent.body).toMatch(/^-----BEGIN PGP MESSAGE-----[\s\S]+-----END PGP MESSAGE-----\s*$/);
  expect(sent.body).not.toContain(secret);
  for (const draft of replica.drafts) expect(draft).not.toContain(secret);
  // The real peer opens what Yahoo's Send got (through the replica's one-<div>-per-line editor).
  expect(gpg.gpg(['--decrypt'], sent.body).toString('utf8').trim()).toBe(secret);
  return sent;
}

test('read: inline OpenPGP and PGP/MIME by gpg, the sender read from Yahoo for the signer check, across conversations in one page', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveYahooReplica(context, server, mailbox());
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
  await page.getByRole('article').filter({ hasText: 'Laborwert' }).click();
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
  const replica = await serveYahooReplica(context, server, mailbox());
  const page = await context.newPage();
  await page.goto(replica.threadUrl(2));
  await revealInReader(reader(page), bob.passphrase);
  await expect(messageText(reader(page))).toContainText('Signed by Alice, sent as Mallory');
  await expect(reader(page).getByTestId('signature').first()).toHaveAttribute('data-sender-matches', 'false');
  await expect(reader(page).getByTestId('sender-mismatch')).toBeVisible();
});

test('S/MIME: application/pkcs7-mime mail openssl signed and encrypted to Bob is read over "View raw message", signature verified', async ({ context, server }) => {
  const pki = new TestPki('Lockpane Yahoo E2E CA');
  try {
    const aliceCert = pki.user('alice');
    const bobCert = pki.user('bob');
    const profile = await setUpProfile(context, bob);
    await ok(sendFrom(profile.ext, 'keys.import', { base64: readFileSync(bobCert.p12).toString('base64'), password: 'test', protectWith: bob.passphrase }));
    await ok(sendFrom(profile.ext, 'trust.addRoot', { text: readFileSync(pki.caCrt, 'utf8') }));
    await enable(profile, 'https://mail.yahoo.com');
    const h = head('Röntgen');
    const signed = opensslMail({ ...h, subject: 'inner' }, ['-sign', '-signer', aliceCert.crt, '-inkey', aliceCert.key, '-md', 'sha256'], textEntity('S/MIME from openssl: Röntgen ok'));
    const raw = opensslMail(h, ['-encrypt', '-aes-256-cbc', '-recip', bobCert.crt], signed);
    expect(raw.toString('latin1')).toMatch(/Content-Type: application\/(x-)?pkcs7-mime/i);
    // An S/MIME encrypted mail as a web mail without S/MIME shows it: no body text, smime.p7m listed.
    const replica = await serveYahooReplica(context, server, [{ subject: 'Röntgen', messages: [{ from: alice, body: '', raw, attachments: [{ name: 'smime.p7m' }] }] }]);
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

test('compose: the recipient comes from Yahoo\'s pills, the ciphertext goes into its editor, and Yahoo\'s Send gets only ciphertext that gpg decrypts', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveYahooReplica(context, server, mailbox());
  const secret = `Termin ${Date.now()}: 9 Uhr, Zimmer 4`;
  const page = await context.newPage();
  await page.goto(replica.inboxUrl());
  await page.getByRole('button', { name: 'Compose' }).click();
  const compose = page.getByRole('region', { name: 'Compose' });
  await compose.getByLabel('To', { exact: true }).fill(aliceAddr);
  await compose.getByLabel('To', { exact: true }).press('Enter');
  await expect(compose.locator('[data-test-id="pill"]')).toHaveAttribute('title', `${aliceAddr} <${aliceAddr}>`);
  await compose.getByLabel('Subject').fill('Termin');
  await compose.locator('lockpane-secure').click();
  await expect(editorFrame(page).getByTestId('editor-to')).toHaveValue(aliceAddr);
  await encryptIn(editorFrame(page), secret);
  const sent = await sendAndCheck(page, replica, compose, secret);
  expect(sent.to).toEqual([aliceAddr]);
  expect(sent.subject).toBe('Termin');
});

test('attachments: a file added in the secure editor goes through Yahoo\'s own upload encrypted (gpg decrypts it), and Send lists it', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveYahooReplica(context, server, mailbox());
  const secret = `Anbei ${Date.now()}`;
  const file = { name: 'befund.pdf', bytes: Buffer.from(`%PDF-1.4 Befund ${Date.now()}\n`) };
  const page = await context.newPage();
  await page.goto(replica.inboxUrl());
  await page.getByRole('button', { name: 'Compose' }).click();
  const compose = page.getByRole('region', { name: 'Compose' });
  await compose.getByLabel('To', { exact: true }).fill(aliceAddr);
  await compose.getByLabel('To', { exact: true }).press('Enter');
  await compose.getByLabel('Subject').fill('Befund');
  await compose.locator('lockpane-secure').click();
  const editor = editorFrame(page);
  await editor.getByTestId('attach-input').setInputFiles({ name: file.name, mimeType: 'application/pdf', buffer: file.bytes });
  await expect(editor.getByTestId('attachment')).toHaveCount(1);
  await encryptIn(editor, secret);
  await expect(compose.locator('[data-test-id="attachment-name"]')).toHaveText(`${file.name}.pgp`, { timeout: 60_000 });
  expect(replica.uploads.map((u) => u.name)).toEqual([`${file.name}.pgp`]);
  expect(replica.uploads[0]!.data.includes(file.bytes)).toBe(false);
  expect(gpg.gpg(['--decrypt'], replica.uploads[0]!.data)).toEqual(file.bytes);
  const sent = await sendAndCheck(page, replica, compose, secret);
  expect(sent.attachments).toEqual([`${file.name}.pgp`]);
});

test('compose, two windows open: the recipient the secure editor adds is written into Yahoo\'s To as a pill of the right window, and its Send reaches her', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveYahooReplica(context, server, mailbox());
  const secret = `Neu ${Date.now()}: bitte zurückrufen`;
  const page = await context.newPage();
  await page.goto(replica.inboxUrl());
  await page.getByRole('button', { name: 'Compose' }).click();
  await expect(page.getByRole('region', { name: 'Compose' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Compose' }).click();
  const windows = page.getByRole('region', { name: 'Compose' });
  await expect(windows).toHaveCount(2);
  const second = windows.nth(1);
  await second.getByLabel('Subject').fill('Rückruf');
  await second.locator('lockpane-secure').click();
  const editor = editorFrame(page);
  await expect(editor.getByTestId('editor-to')).toHaveValue('');
  await editor.getByTestId('editor-to').fill(aliceAddr);
  await encryptIn(editor, secret);
  await expect(second.locator('[data-test-id="pill"]')).toHaveAttribute('title', `${aliceAddr} <${aliceAddr}>`);
  await expect(windows.nth(0).locator('[data-test-id="pill"]')).toHaveCount(0);
  const sent = await sendAndCheck(page, replica, second, secret);
  expect(sent.to).toEqual([aliceAddr]);
  expect(sent.subject).toBe('Rückruf');
});

test('reply securely (German labels): Yahoo\'s own inline reply opens with Alice as its pill, and its Send gets the ciphertext', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveYahooReplica(context, server, mailbox());
  const secret = `Antwort ${Date.now()}: erhalten`;
  const page = await context.newPage();
  await page.goto(replica.threadUrl(0, 'de'));
  await revealInReader(reader(page), bob.passphrase);
  await expect(reader(page).getByTestId('reply-securely')).toBeVisible();
  await pressGuarded(reader(page).getByTestId('reply-securely'));
  const form = page.getByRole('region', { name: 'Antworten' });
  await expect(form.locator('[data-test-id="pill"]')).toHaveAttribute('title', `${aliceAddr} <${aliceAddr}>`);
  const editor = editorFrame(page);
  await expect(editor.getByTestId('editor-body')).toHaveValue(/> Inline from gpg: Befund 17/);
  await expect(editor.getByTestId('editor-to')).toHaveValue(aliceAddr);
  await editor.getByTestId('editor-body').press('Control+Home');
  await editor.getByTestId('editor-body').pressSequentially(`${secret}\n`);
  await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
  await pressGuarded(editor.getByTestId('editor-encrypt'));
  await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), bob.passphrase);
  await expect(form.getByRole('textbox', { name: 'Nachrichtentext' })).toContainText('-----BEGIN PGP MESSAGE-----');
  await form.getByRole('button', { name: 'Senden' }).click();
  await expect.poll(() => replica.sent.length).toBe(1);
  const sent = replica.sent[0]!;
  expect(sent.to).toEqual([aliceAddr]);
  expect(sent.subject).toBe('Re: Befund');
  expect(sent.body).not.toContain(secret);
  expect(gpg.gpg(['--decrypt'], sent.body).toString('utf8')).toContain(secret);
});

test('resilience: a Yahoo whose stable hooks changed gets generic mode and one notice; one whose class names changed keeps the adapter', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveYahooReplica(context, server, mailbox());
  const page = await context.newPage();
  await page.goto(replica.threadUrl(0, 'classes'));
  await revealInReader(reader(page), bob.passphrase);
  await expect(reader(page).getByTestId('signature').first()).toHaveAttribute('data-sender-matches', 'true');
  await expect(page.locator('lockpane-notice')).toHaveCount(0);

  const changed = await context.newPage();
  await changed.goto(replica.threadUrl(0, 'hooks'));
  // The health check gives a lazily built app some seconds before it decides.
  await expect(changed.locator('lockpane-notice')).toBeVisible({ timeout: 20_000 });
  await expect(changed.locator('lockpane-notice')).toHaveCount(1);
  // Generic mode still finds the armored block; without the adapter it has no sender to compare.
  await revealInReader(reader(changed), bob.passphrase);
  await expect(messageText(reader(changed))).toHaveText('Inline from gpg: Befund 17');
  await expect(reader(changed).getByTestId('signature').first()).not.toHaveAttribute('data-sender-matches', 'true');
});
