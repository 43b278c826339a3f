/**
 * Outlook on the web, on its replica (e2e/sites/outlook) served at https://outlook.live.com/mail/0/
 * (personal) and https://outlook.office.com/mail/ (Microsoft 365) by request routing. Bob reads mail a
 * real peer (gpg, as Alice) made — inline OpenPGP in a conversation of several messages, PGP/MIME through
 * OWA's own GetItem source route where the session has OWA's canary cookie, S/MIME by openssl and
 * gpg-encrypted attached files (saved byte-exact) the same way — with the sender read from OWA's "From:" line for the signer check, moving between messages without
 * a page load; on a token-only OWA (no canary) the adapter offers no source and fetches nothing. He writes
 * to Alice with the recipient taken from OWA's persona chips (two drafts open), and what OWA's Send posts is
 * ciphertext gpg decrypts; "Reply securely" uses OWA's own inline reply and its upload; a forward popped
 * out into its own window is secured and sent from there. An Outlook whose
 * stable hooks changed gets generic mode and one notice; renamed classes and German labels do not.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, FrameLocator, Page } from '@playwright/test';
import { TestPki } from '../../keyring/testing/openssl-pki';
import { opensslMail, PeerGpg, pgpInline, pgpMimeEncrypted, pgpMimeSigned, pgpWithFiles, textEntity, type Headers } from '../../extension/testing/peer-mail';
import { serveOutlookReplica, type ReplicaThread } from '../sites/outlook/replica';
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

/** What OWA shows for a text/plain mail: its body, without the header. */
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
  await enable(profile, 'https://outlook.live.com');
  await enable(profile, 'https://outlook.office.com');
  return profile;
}

function mailbox(): ReplicaThread[] {
  const inline = pgpInline(gpg, head('Befund'), 'Inline from gpg: Befund 17');
  const mime = pgpMimeEncrypted(gpg, head('Laborwert'), textEntity('PGP/MIME encrypted by gpg: Laborwert 4,2'));
  const forged = pgpMimeSigned(gpg, head('Trust me', mallory.email), textEntity('Signed by Alice, sent as Mallory'), aliceAddr);
  return [
    // A conversation: Alice's encrypted message and Bob's answer, both open.
    { subject: 'Befund', messages: [{ from: alice, body: shownText(inline), raw: inline }, { from: { name: 'Bob Example', email: bob.email }, body: 'Danke, ist angekommen.' }] },
    // PGP/MIME as OWA shows it (Mailvelope issue #826): no body text, the two parts by their descriptions.
    { subject: 'Laborwert', messages: [{ from: alice, body: '', raw: mime, attachments: ['PGP/MIME version identification', 'OpenPGP encrypted message.asc'] }] },
    { subject: 'Trust me', messages: [{ from: mallory, body: 'Signed by Alice, sent as Mallory', raw: forged, attachments: ['signature.asc'] }] },
  ];
}

const reader = (page: Page): FrameLocator => page.frameLocator('iframe[src*="reader.html"]');

test('read (outlook.live.com): inline OpenPGP by gpg in a conversation of two, the sender from OWA\'s From line; a token-only OWA offers no source', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveOutlookReplica(context, server, 'live', mailbox());
  const page = await context.newPage();
  await page.goto(replica.threadUrl(0));
  await revealInReader(reader(page), bob.passphrase);
  await expect(messageText(reader(page))).toHaveText('Inline from gpg: Befund 17');
  const sig = reader(page).getByTestId('signature').first();
  await expect(sig).toHaveAttribute('data-status', 'verified');
  await expect(sig).toHaveAttribute('data-sender-matches', 'true');
  await expect(page.locator('iframe[src*="reader.html"]')).toHaveCount(1);

  // Single-page navigation to a PGP/MIME message: personal OWA here has no canary cookie, so the adapter
  // has no way to the source and asks for none.
  const loads: string[] = [];
  page.on('load', () => loads.push(page.url()));
  await page.getByRole('option', { name: /Laborwert/ }).click();
  await expect(page.getByRole('heading', { name: 'Laborwert' })).toBeVisible();
  await page.waitForTimeout(1500);
  await expect(page.locator('iframe[src*="reader.html"]')).toHaveCount(0);
  expect(replica.sources).toEqual([]);
  expect(replica.refused).toBe(0);
  expect(loads).toEqual([]);
});

test('read (outlook.office.com): PGP/MIME by gpg through OWA\'s GetItem source, then a mail signed by Alice but sent as Mallory shows the mismatch', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveOutlookReplica(context, server, 'office', mailbox(), { canary: true });
  const page = await context.newPage();
  await page.goto(replica.threadUrl(1));
  await expect(reader(page).getByTestId('reader-view')).toHaveAttribute('data-kind', 'raw-message');
  await revealInReader(reader(page), bob.passphrase);
  await expect(messageText(reader(page))).toContainText('PGP/MIME encrypted by gpg: Laborwert 4,2');
  await expect(reader(page).getByTestId('signature').first()).toHaveAttribute('data-sender-matches', 'true');
  expect(replica.sources).toHaveLength(1);
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('Laborwert 4,2');

  const loads: string[] = [];
  page.on('load', () => loads.push(page.url()));
  await page.getByRole('option', { name: /Trust me/ }).click();
  await expect(reader(page).getByTestId('reader-view')).toHaveAttribute('data-kind', 'raw-message');
  await revealInReader(reader(page), bob.passphrase);
  await expect(messageText(reader(page))).toContainText('Signed by Alice, sent as Mallory');
  await expect(reader(page).getByTestId('signature').first()).toHaveAttribute('data-sender-matches', 'false');
  await expect(reader(page).getByTestId('sender-mismatch')).toBeVisible();
  expect(replica.sources).toHaveLength(2);
  expect(loads).toEqual([]);
});

test('read (outlook.office.com): files gpg encrypted and attached (*.pgp, as OWA lists them) are read over GetItem, and saved to their exact bytes', async ({ context, server }) => {
  await bobWithAlice(context);
  const file = { name: 'befund.pdf', data: Buffer.from(`%PDF-1.4 Befund ${Date.now()}\n`) };
  const mail = pgpWithFiles(gpg, head('Befund mit Anhang'), 'Der Befund ist angehängt.', [file]);
  // OWA shows the encrypted text part as the body and lists the file.
  const replica = await serveOutlookReplica(context, server, 'office', [{ subject: 'Befund mit Anhang', messages: [{ from: alice, body: '', raw: mail, attachments: [`${file.name}.pgp`] }] }], { canary: true });
  const page = await context.newPage();
  await page.goto(replica.threadUrl(0));
  await expect(reader(page).getByTestId('reader-view')).toHaveAttribute('data-kind', 'raw-message');
  await revealInReader(reader(page), bob.passphrase);
  await expect(messageText(reader(page))).toContainText('Der Befund ist angehängt.');
  const listed = reader(page).locator(`[data-testid="attachment"][data-name="${file.name}"]`);
  await expect(listed).toHaveCount(1);
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await pressGuarded(listed.getByTestId('attachment-save'));
  expect(readFileSync(await (await download).path()).equals(file.data)).toBe(true);
  expect(replica.sources).toHaveLength(1);
});

test('read (outlook.office.com): S/MIME signed by Alice and encrypted to Bob by openssl, read over the exact bytes from GetItem', async ({ context, server }) => {
  const pki = new TestPki('Lockpane Outlook CA');
  try {
    const aliceCert = pki.user('alice');
    const bobCert = pki.user('bob');
    const phrase = 'bob s/mime on outlook';
    const ext = await setUpProfile(context, bob).then((p) => p.ext);
    await ok(sendFrom(ext, 'keys.import', { base64: readFileSync(bobCert.p12).toString('base64'), password: 'test', protectWith: phrase }));
    await ok(sendFrom(ext, 'trust.addRoot', { text: readFileSync(pki.caCrt, 'utf8') }));
    await ok(sendFrom(ext, 'sites.enable', { origin: 'https://outlook.office.com' }));
    const h = head('Befund S/MIME');
    const signed = opensslMail(h, ['-sign', '-signer', aliceCert.crt, '-inkey', aliceCert.key, '-md', 'sha256'], textEntity('S/MIME from openssl: Befund 8'));
    const mail = opensslMail(h, ['-encrypt', '-aes-256-gcm', '-recip', bobCert.crt, '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'], signed);
    // OWA without its S/MIME control lists the encrypted body as an attachment, smime.p7m.
    const replica = await serveOutlookReplica(context, server, 'office', [{ subject: 'Befund S/MIME', messages: [{ from: alice, body: '', raw: mail, attachments: ['smime.p7m'] }] }], { canary: true });
    const page = await context.newPage();
    await page.goto(replica.threadUrl(0));
    await expect(reader(page).getByTestId('reader-view')).toHaveAttribute('data-kind', 'raw-message');
    await revealInReader(reader(page), phrase);
    await expect(messageText(reader(page))).toContainText('S/MIME from openssl: Befund 8');
    await expect(reader(page).getByTestId('signature').first()).toHaveAttribute('data-sender-matches', 'true');
    expect(replica.sources).toHaveLength(1);
  } finally {
    pki.cleanup();
  }
});

test('compose (outlook.office.com): the recipient comes from OWA\'s persona chip, one added in the secure editor is written into OWA\'s Cc well, and OWA\'s Send posts only ciphertext that gpg decrypts', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveOutlookReplica(context, server, 'office', mailbox(), { canary: true });
  const secret = `Termin ${Date.now()}: 9 Uhr, Zimmer 4`;
  const page = await context.newPage();
  await page.goto(replica.inboxUrl());
  // Two drafts open at once: each is its own compose pane with its own Secure control.
  await page.getByRole('button', { name: 'New mail' }).click();
  await page.getByRole('button', { name: 'New mail' }).click();
  const forms = page.locator('[data-app-section="ComposeForm"]');
  await expect(forms).toHaveCount(2);
  await expect(page.locator('lockpane-secure')).toHaveCount(2);
  const other = forms.nth(1).getByRole('textbox', { name: 'To', exact: true });
  await other.pressSequentially('carol@example.test');
  await other.press('Enter');
  const form = forms.nth(0);
  const to = form.getByRole('textbox', { name: 'To', exact: true });
  await to.pressSequentially(aliceAddr);
  await to.press('Enter');
  await expect(to.locator('[data-lpc-hover-target-id]')).toHaveAttribute('title', aliceAddr);
  await form.getByRole('textbox', { name: 'Subject' }).fill('Termin');
  await form.locator('lockpane-secure').click();
  const editor = page.frameLocator('iframe[src*="editor.html"]');
  await expect(editor.getByTestId('editor-to')).toHaveValue(aliceAddr);
  // A recipient added in the secure editor only (Bob's own address as Cc) is written into OWA's Cc well.
  await editor.getByTestId('editor-cc').fill(bob.email);
  await editor.getByTestId('editor-body').fill(secret);
  await expect(editor.getByTestId('recipient')).toHaveCount(2);
  for (const r of await editor.getByTestId('recipient').all()) await expect(r).toHaveAttribute('data-ready', 'true');
  await pressGuarded(editor.getByTestId('editor-encrypt'));
  await editor.getByTestId('passphrase-input').fill(bob.passphrase);
  await pressGuarded(editor.getByTestId('passphrase-submit'));
  await expect(editor.getByTestId('editor-status')).toBeVisible();
  await expect(form.getByRole('textbox', { name: 'Cc', exact: true }).locator('[data-lpc-hover-target-id]')).toHaveAttribute('title', bob.email);
  const body = form.getByRole('textbox', { name: /^Message body/ });
  await expect(body).toContainText('-----BEGIN PGP MESSAGE-----');
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(secret);

  await pressGuarded(form.getByRole('button', { name: 'Send' }));
  await expect.poll(() => replica.sent.length).toBe(1);
  const sent = replica.sent[0]!;
  expect(sent.to).toEqual([aliceAddr]);
  expect(sent.cc).toEqual([bob.email]);
  expect(sent.subject).toBe('Termin');
  expect(sent.body).toMatch(/^-----BEGIN PGP MESSAGE-----[\s\S]+-----END PGP MESSAGE-----\s*$/);
  expect(sent.body).not.toContain(secret);
  for (const draft of replica.drafts) expect(draft).not.toContain(secret);
  // The real peer opens what OWA's Send got (the replica keeps OWA's one-<div>-per-line editor).
  expect(gpg.gpg(['--decrypt'], sent.body).toString('utf8').trim()).toBe(secret);
});

test('reply securely (outlook.live.com): OWA\'s own inline reply form opens with Alice in its To chip; the reply and an encrypted file go through OWA\'s editor and upload to its Send', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveOutlookReplica(context, server, 'live', mailbox());
  const page = await context.newPage();
  await page.goto(replica.threadUrl(0));
  await revealInReader(reader(page), bob.passphrase);
  await pressGuarded(reader(page).getByTestId('reply-securely'));
  const form = page.locator('[data-app-section="ComposeForm"]');
  await expect(form.getByRole('textbox', { name: 'To', exact: true }).locator('[data-lpc-hover-target-id]')).toHaveAttribute('title', aliceAddr);
  const editor = page.frameLocator('iframe[src*="editor.html"]');
  await expect(editor.getByTestId('editor-to')).toHaveValue(aliceAddr);
  const replyBody = editor.getByTestId('editor-body');
  await expect(replyBody).toHaveValue(/^> Inline from gpg: Befund 17/m);
  const answer = `Danke ${Date.now()}, Befund erhalten.`;
  await replyBody.press('Control+Home');
  await replyBody.pressSequentially(`${answer}\n`);
  const file = { name: 'notiz.txt', bytes: Buffer.from(`Anhang ${Date.now()}\n`) };
  await editor.getByTestId('attach-input').setInputFiles({ name: file.name, mimeType: 'text/plain', buffer: file.bytes });
  await expect(editor.getByTestId('attachment')).toHaveCount(1);
  await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
  await pressGuarded(editor.getByTestId('editor-encrypt'));
  await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), bob.passphrase);
  await expect(editor.getByTestId('editor-status')).toBeVisible();
  await expect(form.locator('[data-testid="AttachmentCard"]')).toHaveAttribute('title', `${file.name}.pgp`);
  await expect(form.getByRole('textbox', { name: /^Message body/ })).toContainText('-----BEGIN PGP MESSAGE-----');
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(answer);

  // The frames above the reply form settle their height after encrypting; press Send once it stays put.
  await pressGuarded(form.getByRole('button', { name: 'Send' }));
  await expect.poll(() => replica.sent.length).toBe(1);
  const sent = replica.sent[0]!;
  expect(sent.to).toEqual([aliceAddr]);
  expect(sent.subject).toBe('RE: Befund');
  expect(sent.attachments).toEqual([`${file.name}.pgp`]);
  expect(gpg.gpg(['--decrypt'], sent.body).toString('utf8')).toContain(answer);
});

test('forward and pop-out (outlook.live.com): OWA\'s forward form, popped out into its own window, gets the Secure control there; Send in that window posts ciphertext', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveOutlookReplica(context, server, 'live', mailbox());
  const secret = `Weiterleitung ${Date.now()}`;
  const page = await context.newPage();
  await page.goto(replica.threadUrl(0));
  await page.getByRole('button', { name: 'Forward' }).first().click();
  const forward = page.locator('[data-app-section="ComposeForm"]');
  await expect(forward.getByRole('textbox', { name: 'Add a subject' })).toHaveValue('FW: Befund');
  await expect(forward.locator('lockpane-secure')).toHaveCount(1);
  const [popup] = await Promise.all([page.waitForEvent('popup'), forward.getByRole('button', { name: 'Open in new window' }).click()]);
  await expect(forward).toHaveCount(0);
  const form = popup.locator('[data-app-section="ComposeForm"]');
  await expect(form.getByRole('textbox', { name: 'Add a subject' })).toHaveValue('FW: Befund');
  const to = form.getByRole('textbox', { name: 'To', exact: true });
  await to.pressSequentially(aliceAddr);
  await to.press('Enter');
  await form.locator('lockpane-secure').click();
  const editor = popup.frameLocator('iframe[src*="editor.html"]');
  await expect(editor.getByTestId('editor-to')).toHaveValue(aliceAddr);
  await editor.getByTestId('editor-body').fill(secret);
  await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
  await pressGuarded(editor.getByTestId('editor-encrypt'));
  await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), bob.passphrase);
  await expect(editor.getByTestId('editor-status')).toBeVisible();
  await pressGuarded(form.getByRole('button', { name: 'Send' }));
  await expect.poll(() => replica.sent.length).toBe(1);
  expect(replica.sent[0]!.subject).toBe('FW: Befund');
  expect(replica.sent[0]!.to).toEqual([aliceAddr]);
  expect(gpg.gpg(['--decrypt'], replica.sent[0]!.body).toString('utf8').trim()).toBe(secret);
});

test('resilience (outlook.live.com): an Outlook whose stable hooks changed gets generic mode and one notice; renamed class names and German labels keep the adapter', async ({ context, server }) => {
  await bobWithAlice(context);
  const replica = await serveOutlookReplica(context, server, 'live', mailbox());
  const page = await context.newPage();
  await page.goto(replica.threadUrl(0, 'classes'));
  await revealInReader(reader(page), bob.passphrase);
  await expect(reader(page).getByTestId('signature').first()).toHaveAttribute('data-sender-matches', 'true');
  await expect(page.locator('lockpane-notice')).toHaveCount(0);

  // German labels (Von:, Antworten, …): the adapter reads the sender there too.
  const german = await context.newPage();
  await german.goto(replica.threadUrl(0, 'de'));
  await revealInReader(reader(german), bob.passphrase);
  await expect(reader(german).getByTestId('signature').first()).toHaveAttribute('data-sender-matches', 'true');
  await expect(german.locator('lockpane-notice')).toHaveCount(0);

  const changed = await context.newPage();
  await changed.goto(replica.threadUrl(0, 'hooks'));
  await expect(changed.locator('lockpane-notice')).toBeVisible({ timeout: 20_000 });
  await expect(changed.locator('lockpane-notice')).toHaveCount(1);
  // Generic mode still finds the armored block; without the adapter it has no sender to compare.
  await revealInReader(reader(changed), bob.passphrase);
  await expect(messageText(reader(changed))).toHaveText('Inline from gpg: Befund 17');
  await expect(reader(changed).getByTestId('signature').first()).not.toHaveAttribute('data-sender-matches', 'true');
});
