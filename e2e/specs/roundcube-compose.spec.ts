/**
 * Compose with attachments through a real Roundcube (Dovecot + Postfix) with Lockpane: Alice adds files in
 * the secure editor, Lockpane encrypts them in the worker and attaches only ciphertext through Roundcube's
 * own upload. Asserted on what the SERVER stored (Bob's Maildir and Alice's Sent folder) with real peers:
 * sqop decrypts each *.pgp with Bob's key to the exact bytes and verifies Alice's signature; openssl cms
 * decrypts the smime.p7m with Bob's key and verifies Alice's signature over a MIME entity holding the
 * body and the file. No plaintext (body, files, drafts) is anywhere on the server.
 *
 * LOCKPANE_ATTACH_MB sets the size of the large attachment (default 4; 25 is the product limit, measured
 * with `LOCKPANE_ATTACH_MB=25 npx playwright test e2e/specs/roundcube-compose.spec.ts -g large`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, FrameLocator, Page } from '@playwright/test';
import * as openpgp from 'openpgp';
import PostalMime from 'postal-mime';
import { TestPki, type User } from '../../keyring/testing/openssl-pki';
import { address, openCompose, fillComposeHeaders, login, maildirFiles, requireRoundcube, uidBySubject, waitForStored, type Rig, type StoredMail } from '../roundcube/rig';
import { backgroundHeapBytes } from '../support/background-control';
import { openExtensionPage } from '../support/extension-pages';
import { expect, extensionOriginOf, launchWithExtension, ok, sendFrom, test } from '../support/fixtures';
import { answerPromptIfAsked, escapeRegExp, messageText, revealInReader } from '../support/frames';
import { alice, bob, enable, introduce, setUpProfile, type Profile } from '../support/identities';
import { pressGuarded } from '../support/guarded';
import { mailPage } from '../support/mail-fixtures';
import { pgpMimeMaxFileBytes } from '../../extension/shared/limits';

test.describe.configure({ timeout: 300_000 });

let rig: Rig;
let tmp: string;
test.beforeAll(() => {
  rig = requireRoundcube();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-rc-compose-'));
});
test.afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Bytes no other test makes: every byte value, seeded, so a plaintext leak is found by a plain search. */
function fileBytes(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}

/** Roundcube compose for Alice with Bob as recipient, and Lockpane's editor opened over it. */
/** Alice (in `aliceContext`) and Bob on the rig, Alice holding Bob's key, Lockpane enabled on Roundcube for her. */
async function aliceKnowsBob(aliceContext: BrowserContext, context: BrowserContext): Promise<{ a: Profile; b: Profile }> {
  const a = await setUpProfile(aliceContext, { ...alice, email: address(rig, 'alice') });
  const b = await setUpProfile(context, { ...bob, email: address(rig, 'bob') });
  await introduce(a, b);
  await enable(a, new URL(rig.url).origin);
  return { a, b };
}

async function openSecureCompose(context: BrowserContext, subject: string): Promise<{ page: Page; editor: FrameLocator }> {
  const page = await context.newPage();
  await login(page, rig, 'alice');
  await openCompose(page, rig);
  await page.waitForURL(/_id=/);
  await fillComposeHeaders(page, { to: address(rig, 'bob'), subject });
  await page.locator('lockpane-secure').first().click();
  const editor = page.frameLocator('iframe[src*="editor.html"]');
  await expect(editor.getByTestId('editor-to')).toHaveValue(address(rig, 'bob'));
  return { page, editor };
}

async function encryptWithFiles(page: Page, editor: FrameLocator, body: string, files: { name: string; bytes: Buffer }[], passphrase: string): Promise<number> {
  await editor.getByTestId('editor-body').fill(body);
  if (files.length > 0) {
    await editor.getByTestId('attach-input').setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: f.bytes })));
    await expect(editor.getByTestId('attachment')).toHaveCount(files.length);
  }
  await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
  const started = Date.now();
  await pressGuarded(editor.getByTestId('editor-encrypt'));
  await editor.getByTestId('passphrase-input').fill(passphrase);
  await pressGuarded(editor.getByTestId('passphrase-submit'));
  await expect(editor.getByTestId('editor-error')).toHaveCount(0);
  return started;
}

async function sendAndStore(page: Page, subject: string): Promise<{ inbox: StoredMail; sent: StoredMail }> {
  await page.locator('.formbuttons button.send, button.btn.send').first().click();
  await page.waitForURL((u) => u.searchParams.get('_action') !== 'compose', { timeout: 120_000 });
  const inbox = await waitForStored(rig, 'bob', (m) => m.bytes.includes(subject), 'INBOX', 60_000);
  const sent = await waitForStored(rig, 'alice', (m) => m.bytes.includes(subject), 'Sent', 60_000);
  return { inbox, sent };
}

/** A stored mail's name without the flags Dovecot appends when it moves it from new/ to cur/. */
const mailName = (m: StoredMail) => path.basename(m.path).split(':')[0];

/**
 * Calls `act` and waits for the one new mail it stores in `user`'s `folder`: protected (S/MIME) mail says
 * only "[...]" in its Subject, so it cannot be found by its real one.
 */
async function newStored(user: 'alice' | 'bob', folder: string, act: () => Promise<void>): Promise<StoredMail> {
  const seen = new Set(maildirFiles(rig, user, folder).map(mailName));
  await act();
  return waitForStored(rig, user, (m) => !seen.has(mailName(m)) && m.bytes.includes('Subject: [...]'), folder, 60_000);
}

/** Sends from Roundcube's compose page a mail whose Subject is the placeholder; returns Bob's and Alice's stored copies. */
async function sendProtected(page: Page): Promise<{ inbox: StoredMail; sent: StoredMail }> {
  const sentMail = newStored('alice', 'Sent', async () => {});
  const inbox = await newStored('bob', 'INBOX', async () => {
    await page.locator('.formbuttons button.send, button.btn.send').first().click();
    await page.waitForURL((u) => u.searchParams.get('_action') !== 'compose', { timeout: 120_000 });
  });
  return { inbox, sent: await sentMail };
}

/** No folder of either user holds any of these byte strings (body text, a window of each file). */
function expectNoPlaintext(needles: Buffer[]): void {
  for (const user of ['alice', 'bob'] as const) {
    for (const folder of ['INBOX', 'Sent', 'Drafts']) {
      for (const m of maildirFiles(rig, user, folder)) {
        for (const n of needles) expect(m.bytes.includes(n), `${m.path} holds plaintext`).toBe(false);
      }
    }
  }
}

const run = (cmd: string, args: string[], input?: Buffer) => execFileSync(cmd, args, { input, maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });

/**
 * Bob's secret key as exported by Lockpane (protected with AEAD S2K, which this sqop and gpg 2.2 cannot
 * read), unprotected for the peer with the passphrase.
 */
async function bobKeyForPeers(b: { ext: Page; fingerprint: string }): Promise<string> {
  const { armored } = await ok<{ armored: string }>(sendFrom(b.ext, 'keys.exportPrivate', { fingerprint: b.fingerprint, passphrase: bob.passphrase }));
  const key = await openpgp.decryptKey({ privateKey: await openpgp.readPrivateKey({ armoredKey: armored }), passphrase: bob.passphrase });
  return key.armor();
}

/** sqop decrypts with Bob's secret key and verifies with Alice's certificate: the exact bytes. */
function sqopOpen(cipher: Uint8Array, bobKey: string, alicePub: string): { plain: Buffer; verifications: string } {
  const dir = fs.mkdtempSync(path.join(tmp, 'sqop-'));
  fs.writeFileSync(path.join(dir, 'bob.key'), bobKey);
  fs.writeFileSync(path.join(dir, 'alice.cert'), alicePub);
  const ver = path.join(dir, 'ver');
  const plain = run('sqop', ['decrypt', `--verifications-out=${ver}`,
    `--verify-with=${path.join(dir, 'alice.cert')}`, path.join(dir, 'bob.key')], Buffer.from(cipher));
  return { plain, verifications: fs.readFileSync(ver, 'utf8') };
}

/** Bob opens the mail in his own Roundcube (full view) and decrypts it in Lockpane's reader frame. */
async function readAsBob(context: BrowserContext, subject: string, passphrase: string): Promise<{ page: Page; reader: FrameLocator }> {
  const page = await context.newPage();
  await login(page, rig, 'bob');
  await page.goto(`${rig.url}/?_task=mail&_action=show&_uid=${uidBySubject(rig, 'bob', subject)}&_mbox=INBOX`);
  const reader = page.frameLocator('iframe[src*="reader.html"]');
  // The prompt comes only while Bob's key is locked (exporting it for the peers above unlocked it).
  await revealInReader(reader, passphrase);
  return { page, reader };
}

/** What Bob's reader shows: the body, Alice's signature verified and matching the sender, the files by name. */
async function expectBobSees(reader: FrameLocator, body: string, fileNames: string[]): Promise<void> {
  await expect(messageText(reader)).toContainText(body);
  await expect(reader.getByTestId('encryption-status')).toHaveText(/^Encrypted/);
  const sig = reader.getByTestId('signature').first();
  await expect(sig).toHaveAttribute('data-status', 'verified');
  await expect(sig).toHaveAttribute('data-sender-matches', 'true');
  await expect(reader.getByTestId('attachment')).toHaveCount(fileNames.length);
  for (const name of fileNames) await expect(reader.locator(`[data-testid="attachment"][data-name="${name}"]`)).toHaveCount(1);
}

/** Saves one file from the reader frame; returns the bytes the browser wrote. */
async function saveFromReader(page: Page, reader: FrameLocator, name: string): Promise<Buffer> {
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await pressGuarded(reader.locator(`[data-testid="attachment"][data-name="${name}"]`).getByTestId('attachment-save'));
  return fs.readFileSync(await (await download).path());
}

/**
 * The page's view of everything Lockpane did, as a hostile page script would record it: every field value
 * on every input/change event, the text of every node added, every window message. Installed before the
 * page's own scripts run (in every page of the context); read back with `pageRecords`.
 */
async function recordPages(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    if (location.protocol !== 'http:' && location.protocol !== 'https:') return; // Lockpane's own frames are not the page
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    const note = (v: unknown) => { if (typeof v === 'string' && v) seen.push(v); };
    for (const type of ['input', 'change']) {
      document.addEventListener(type, (e) => note((e.target as HTMLInputElement | null)?.value), true);
    }
    window.addEventListener('message', (e) => { try { note(JSON.stringify(e.data)); } catch { /* not serialisable */ } }, true);
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) note(n.textContent);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

async function pageRecords(page: Page): Promise<string> {
  const seen = await page.evaluate(() => (window as unknown as { __seen?: string[] }).__seen ?? []);
  const fields = await page.evaluate(() => [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((f) => f.value));
  return [...seen, ...fields, await page.evaluate(() => document.documentElement.outerHTML)].join('\n');
}

/** The `encrypted.asc` part of a stored multipart/encrypted mail, and its top-level Content-Type and Subject. */
async function pgpMimeParts(stored: StoredMail): Promise<{ contentType: string; subject: string; armored: string }> {
  const parsed = await PostalMime.parse(stored.bytes);
  const header = (name: string) => parsed.headers.find((h) => h.key === name)?.value ?? '';
  const asc = parsed.attachments.find((x) => x.filename === 'encrypted.asc');
  expect(asc, `${stored.path} has encrypted.asc`).toBeDefined();
  return { contentType: header('content-type'), subject: parsed.subject ?? '', armored: Buffer.from(asc!.content as ArrayBuffer).toString('utf8') };
}

/** gpg (a temp GNUPGHOME holding Bob's secret key and Alice's public key) decrypts and verifies. */
function gpgOpen(armored: string, bobKey: string, alicePub: string): { plain: Buffer; status: string } {
  const home = fs.mkdtempSync(path.join(tmp, 'gnupg-'));
  const gpg = (args: string[], input?: Buffer) => execFileSync('gpg', ['--homedir', home, '--batch', '--no-tty', '--trust-model', 'always', ...args],
    { input, maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    gpg(['--import'], Buffer.from(bobKey));
    gpg(['--import'], Buffer.from(alicePub));
    const statusFile = path.join(home, 'status');
    const plain = gpg(['--status-file', statusFile, '--decrypt'], Buffer.from(armored));
    return { plain, status: fs.readFileSync(statusFile, 'utf8') };
  } finally {
    spawnSync('gpgconf', ['--homedir', home, '--kill', 'all']);
  }
}

test('OpenPGP as PGP/MIME: text and file leave Roundcube as one multipart/encrypted mail with the Subject protected; gpg opens it; Bob and Alice\'s Sent copy read it in Roundcube', async ({ context }) => {
  const stamp = Date.now();
  const subject = `Results: HIV test ${stamp}`;
  const body = `Befund ${stamp}: see the file.\nZweite Zeile für Frau Müller.`;
  const file = { name: 'befund.pdf', bytes: fileBytes(180_000, stamp) };
  const aliceContext = await launchWithExtension();
  try {
    const a = await setUpProfile(aliceContext, { ...alice, email: address(rig, 'alice') });
    const b = await setUpProfile(context, { ...bob, email: address(rig, 'bob') });
    await introduce(a, b);
    await introduce(b, a);
    await enable(a, new URL(rig.url).origin);
    await enable(b, new URL(rig.url).origin);

    await recordPages(aliceContext);
    const { page, editor } = await openSecureCompose(aliceContext, subject);
    // The editor says which form goes out before sending.
    await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
    await expect(editor.getByTestId('send-form')).toHaveAttribute('data-form', 'pgp-mime');
    await expect(editor.getByTestId('send-form')).toHaveText(/PGP\/MIME, subject protected/);
    await expect(editor.getByTestId('subject-note')).toHaveAttribute('data-subject', 'protected');
    await encryptWithFiles(page, editor, body, [file], alice.passphrase);
    await expect(editor.getByTestId('editor-status')).toBeVisible();
    await expect(editor.getByTestId('subject-note')).toHaveAttribute('data-subject', 'protected');
    // Roundcube's compose form: a readable line in the body, the placeholder Subject, the armor in _pgpmime, no upload.
    await expect(page.locator('#composebody')).toHaveValue(/^This message is encrypted with OpenPGP \(PGP\/MIME\)/);
    await expect(page.locator('#compose-subject')).toHaveValue('[...]');
    await expect(page.locator('form[name="form"] input[type="hidden"][name="_pgpmime"]')).toHaveCount(1);
    expect(await page.locator('input[name="_pgpmime"]').inputValue()).toMatch(/^-----BEGIN PGP MESSAGE-----\n[\s\S]+-----END PGP MESSAGE-----/);
    await expect(page.locator('#attachment-list li[id^="rcmfile"]')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screenshots/roundcube-pgp-mime-compose.png' });
    // The page never saw the text or the file (a hostile page script would have recorded these).
    const pageSaw = await pageRecords(page);
    for (const needle of [`Befund ${stamp}`, 'Zweite Zeile', file.bytes.subarray(5000, 5064).toString('base64').slice(0, 60)]) {
      expect(pageSaw.includes(needle), `the page saw ${needle}`).toBe(false);
    }

    // Roundcube's own "Save" keeps the same structure in Drafts.
    const draft = await newStored('alice', 'Drafts', async () => {
      await page.evaluate(() => (window as unknown as { rcmail: { command(c: string): unknown } }).rcmail.command('savedraft'));
    });
    expect((await pgpMimeParts(draft)).contentType).toMatch(/^multipart\/encrypted/);

    const { inbox, sent } = await sendProtected(page);
    expectNoPlaintext([Buffer.from(`Befund ${stamp}`), Buffer.from('Zweite Zeile'), Buffer.from(subject), file.bytes.subarray(5000, 5064),
      Buffer.from(file.bytes.subarray(5000, 5064).toString('base64').slice(0, 60))]);

    const bobKey = await bobKeyForPeers(b);
    for (const stored of [inbox, sent]) {
      const outer = await pgpMimeParts(stored);
      expect(outer.contentType).toMatch(/^multipart\/encrypted;.*protocol="?application\/pgp-encrypted"?/);
      expect(outer.subject).toBe('[...]');
      const { plain, status } = gpgOpen(outer.armored, bobKey, a.publicKey);
      expect(status).toMatch(new RegExp(`VALIDSIG .*${a.fingerprint.toUpperCase()}`));
      const inner = await PostalMime.parse(plain);
      expect(inner.subject).toBe(subject);
      expect(inner.headers.find((h) => h.key === 'content-type')?.value).toMatch(/hp="cipher"/);
      expect(inner.text).toBe(body);
      const att = inner.attachments.find((x) => x.filename === file.name);
      expect(att).toBeDefined();
      expect(Buffer.from(att!.content as ArrayBuffer).equals(file.bytes)).toBe(true);
    }

    // Bob reads it in his Roundcube with Lockpane: verified, the protected Subject, the file byte-exact.
    const bobView = await readAsBob(context, '[...]', bob.passphrase);
    await expectBobSees(bobView.reader, `Befund ${stamp}`, [file.name]);
    await expect(bobView.reader.getByTestId('protected-subject-value')).toHaveText(subject);
    await expect(bobView.reader.getByTestId('protected-subject-outside')).toContainText('[...]');
    expect((await saveFromReader(bobView.page, bobView.reader, file.name)).equals(file.bytes)).toBe(true);
    await bobView.page.screenshot({ path: 'test-results/screenshots/roundcube-pgp-mime-bob-reads.png' });

    // Alice's Sent copy opens for her too.
    const alicePage = await aliceContext.newPage();
    await login(alicePage, rig, 'alice');
    await alicePage.goto(`${rig.url}/?_task=mail&_action=show&_uid=${uidBySubject(rig, 'alice', '[...]', 'Sent')}&_mbox=Sent`);
    const aliceReader = alicePage.frameLocator('iframe[src*="reader.html"]');
    await revealInReader(aliceReader, alice.passphrase);
    await expect(messageText(aliceReader)).toContainText(`Befund ${stamp}`);
    await expect(aliceReader.getByTestId('protected-subject-value')).toHaveText(subject);
  } finally {
    await aliceContext.close();
  }
});

test('PGP/MIME: a stale _pgpmime never goes out: changing the body or opening the editor again removes it', async ({ context }) => {
  const stamp = Date.now();
  const aliceContext = await launchWithExtension();
  try {
    await aliceKnowsBob(aliceContext, context);
    const { page, editor } = await openSecureCompose(aliceContext, `Stale ${stamp}`);
    await encryptWithFiles(page, editor, `first ${stamp}`, [], alice.passphrase);
    const field = page.locator('input[name="_pgpmime"]');
    await expect(field).toHaveCount(1);
    // A click elsewhere (as on Send) with the body untouched keeps it.
    await page.locator('#compose-subject').click();
    await expect(field).toHaveCount(1);
    await page.locator('#composebody').press('End');
    await page.locator('#composebody').pressSequentially(' plus');
    await expect(field).toHaveCount(0);
    // Encrypt again in a new editor, then open yet another one: the field goes when it opens.
    await page.locator('lockpane-secure').first().click();
    await expect(page.locator('iframe[src*="editor.html"]')).toHaveCount(2);
    // A new editor mounts right after the Secure control, so before the first one.
    const second = page.locator('iframe[src*="editor.html"]').first().contentFrame();
    await second.getByTestId('editor-body').fill(`second ${stamp}`);
    await expect(second.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
    await pressGuarded(second.getByTestId('editor-encrypt'));
    // The key is still unlocked from the first send, unless the worker locked it since.
    await answerPromptIfAsked(second, second.getByTestId('editor-status'), alice.passphrase);
    await expect(field).toHaveCount(1);
    await page.locator('lockpane-secure').first().click();
    await expect(field).toHaveCount(0);
  } finally {
    await aliceContext.close();
  }
});

/** Attaches a file with Roundcube's own Attach button (its upload input) and waits for its list entry. */
async function roundcubeAttach(page: Page, file: { name: string; bytes: Buffer }): Promise<void> {
  await page.locator('#uploadformInput').setInputFiles({ name: file.name, mimeType: 'application/octet-stream', buffer: file.bytes });
  await expect(page.locator('#attachment-list li[id^="rcmfile"]', { hasText: file.name })).toHaveCount(1, { timeout: 60_000 });
}

/** Removes a file from Roundcube's compose list with its own delete control. */
async function roundcubeRemove(page: Page, name: string): Promise<void> {
  page.once('dialog', (d) => void d.accept());
  await page.locator('#attachment-list li', { hasText: name }).locator('a.delete').click({ force: true });
  await expect(page.locator('#attachment-list li', { hasText: name })).toHaveCount(0, { timeout: 30_000 });
}

test('PGP/MIME and Roundcube\'s own Attach button: Encrypt refuses while its list holds a file; one attached after Encrypt blocks Send; the file moved into the editor arrives inside multipart/encrypted', async ({ context }) => {
  const stamp = Date.now();
  const subject = `Rc attach ${stamp}`;
  const body = `Befund ${stamp} im Anhang.`;
  const early = { name: 'roundcube-early.pdf', bytes: fileBytes(40_000, stamp + 7) };
  const late = { name: 'roundcube-late.pdf', bytes: fileBytes(30_000, stamp + 8) };
  const aliceContext = await launchWithExtension();
  try {
    const { a, b } = await aliceKnowsBob(aliceContext, context);
    const { page, editor } = await openSecureCompose(aliceContext, subject);
    const field = page.locator('form[name="form"] input[name="_pgpmime"]');
    await roundcubeAttach(page, early);

    // Encrypt: refused, with the file named and what to do; nothing reached Roundcube's form.
    await editor.getByTestId('editor-body').fill(body);
    await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
    await pressGuarded(editor.getByTestId('editor-encrypt'));
    await answerPromptIfAsked(editor, editor.getByTestId('site-files-refused'), alice.passphrase);
    const refused = editor.getByTestId('site-files-refused');
    await expect(refused).toHaveAttribute('role', 'alert');
    await expect(refused).toContainText(early.name);
    await expect(refused).toContainText('attach them here instead, where they are encrypted');
    await expect(refused).toContainText('Roundcube’s server has already received them unencrypted');
    await expect(field).toHaveCount(0);
    await expect(page.locator('#composebody')).not.toHaveValue(/PGP\/MIME/);
    await expect(page.locator('#compose-subject')).toHaveValue(subject);
    await expect(editor.getByTestId('editor-body')).toBeEditable();
    await page.screenshot({ path: 'test-results/screenshots/roundcube-site-files-refused.png' });

    // As told: out of Roundcube's list, into the editor; Encrypt now goes through.
    await roundcubeRemove(page, early.name);
    await editor.getByTestId('attach-input').setInputFiles({ name: early.name, mimeType: 'application/octet-stream', buffer: early.bytes });
    await expect(editor.getByTestId('attachment')).toHaveCount(1);
    await pressGuarded(editor.getByTestId('editor-encrypt'));
    await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), alice.passphrase);
    await expect(editor.getByTestId('editor-status')).toBeVisible();
    await expect(editor.getByTestId('site-files-refused')).toHaveCount(0);
    await expect(field).toHaveCount(1);

    // After Encrypt, a file attached with Roundcube's button: a notice at once, and Send is blocked.
    await roundcubeAttach(page, late);
    const notice = page.locator('lockpane-site-files [role="alert"]');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(late.name);
    await page.locator('lockpane-site-files button').click();
    await expect(page.locator('lockpane-site-files')).toHaveCount(0);
    await page.locator('.formbuttons button.send').click();
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Remove it from Roundcube’s attachment list');
    await page.screenshot({ path: 'test-results/screenshots/roundcube-site-files-send-blocked.png' });
    await page.waitForTimeout(2000);
    expect(new URL(page.url()).searchParams.get('_action')).toBe('compose');
    await expect(field).toHaveCount(1);
    expect(maildirFiles(rig, 'bob', 'INBOX').some((m) => m.bytes.includes(`Subject: [...]`) && m.bytes.includes(late.name))).toBe(false);

    // Removed again: Send goes out as PGP/MIME with the editor's file inside, and Roundcube's files nowhere.
    await roundcubeRemove(page, late.name);
    const { inbox, sent } = await sendProtected(page);
    expectNoPlaintext([Buffer.from(body), early.bytes.subarray(1000, 1064), late.bytes.subarray(1000, 1064),
      Buffer.from(early.bytes.subarray(1200, 1300).toString('base64').slice(4, 64)), Buffer.from(late.bytes.subarray(1200, 1300).toString('base64').slice(4, 64))]);
    const bobKey = await bobKeyForPeers(b);
    for (const stored of [inbox, sent]) {
      const outerMail = await PostalMime.parse(stored.bytes);
      expect(outerMail.attachments.filter((x) => x.filename === early.name || x.filename === late.name)).toEqual([]);
      const outer = await pgpMimeParts(stored);
      expect(outer.contentType).toMatch(/^multipart\/encrypted;.*protocol="?application\/pgp-encrypted"?/);
      const { plain, status } = gpgOpen(outer.armored, bobKey, a.publicKey);
      expect(status).toMatch(new RegExp(`VALIDSIG .*${a.fingerprint.toUpperCase()}`));
      const inner = await PostalMime.parse(plain);
      expect(inner.text).toBe(body);
      expect(inner.subject).toBe(subject);
      expect(inner.attachments.map((x) => x.filename)).toEqual([early.name]);
      expect(Buffer.from(inner.attachments[0]!.content as ArrayBuffer).equals(early.bytes)).toBe(true);
    }
  } finally {
    await aliceContext.close();
  }
});

test('HTML editor (TinyMCE): Roundcube sends the PGP/MIME part Lockpane set (not the HTML body), and sqop decrypts it', async ({ context }) => {
  const stamp = Date.now();
  const subject = `PGP html ${stamp}`;
  const body = `HTML-mode secret ${stamp}`;
  const aliceContext = await launchWithExtension();
  try {
    const { a, b } = await aliceKnowsBob(aliceContext, context);
    const page = await aliceContext.newPage();
    await login(page, rig, 'alice');
    await openCompose(page, rig);
    await page.waitForURL(/_id=/);
    await page.evaluate(() => (window as unknown as { rcmail: { command(c: string, p: unknown): unknown } }).rcmail.command('toggle-editor', { html: true }));
    await page.frameLocator('#composebody_ifr').locator('body').waitFor();
    await fillComposeHeaders(page, { to: address(rig, 'bob'), subject });
    await page.locator('lockpane-secure').first().click();
    const editor = page.frameLocator('iframe[src*="editor.html"]');
    await encryptWithFiles(page, editor, body, [], alice.passphrase);
    await expect(page.frameLocator('#composebody_ifr').locator('pre')).toContainText('PGP/MIME');
    await expect(page.locator('input[name="_pgpmime"]')).toHaveCount(1);
    const { inbox } = await sendProtected(page);
    expectNoPlaintext([Buffer.from(body), Buffer.from(subject)]);
    const outer = await pgpMimeParts(inbox);
    expect(outer.contentType).toMatch(/^multipart\/encrypted/);
    const { plain, verifications } = sqopOpen(Buffer.from(outer.armored), await bobKeyForPeers(b), a.publicKey);
    const inner = await PostalMime.parse(plain);
    expect(inner.text).toBe(body);
    expect(inner.subject).toBe(subject);
    expect(verifications).toContain(a.fingerprint.toUpperCase().slice(-16));
  } finally {
    await aliceContext.close();
  }
});

test('large attachment: encrypted, sent through Roundcube and stored byte-exact (timed; PGP/MIME up to 16 MiB, above as a .pgp file)', async ({ context }) => {
  const mb = Number(process.env.LOCKPANE_ATTACH_MB ?? 4);
  const stamp = Date.now();
  const subject = `PGP large ${stamp}`;
  const big = { name: 'scan.tiff', bytes: fileBytes(Math.round(mb * 1024 * 1024), stamp + 1) };
  const aliceContext = await launchWithExtension();
  try {
    const { a, b } = await aliceKnowsBob(aliceContext, context);
    const { page, editor } = await openSecureCompose(aliceContext, subject);
    // Above the 25 MB limit: a clear message, and the file stays out.
    await editor.getByTestId('attach-input').setInputFiles({ name: 'too-big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(25 * 1024 * 1024 + 1) });
    await expect(editor.getByTestId('attach-problem')).toContainText('too-big.bin');
    await expect(editor.getByTestId('attachment')).toHaveCount(0);
    // Drag and drop adds a file; its remove button works from the keyboard.
    const frame = page.frames().find((f) => f.url().includes('editor.html'))!;
    const dropped = await frame.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['dropped text'], 'dropped.txt', { type: 'text/plain' }));
      return dt;
    });
    await frame.locator('[data-testid="attach-drop"]').dispatchEvent('drop', { dataTransfer: dropped });
    await expect(editor.getByTestId('attachment')).toHaveAttribute('data-name', 'dropped.txt');
    await editor.getByRole('button', { name: /dropped\.txt/ }).focus();
    await page.keyboard.press('Enter');
    await expect(editor.getByTestId('attachment')).toHaveCount(0);
    const asPgpMime = big.bytes.length <= pgpMimeMaxFileBytes;
    const started = await encryptWithFiles(page, editor, `large ${stamp}`, [big], alice.passphrase);
    await expect(editor.getByTestId('send-form')).toHaveAttribute('data-form', asPgpMime ? 'pgp-mime' : 'inline');
    if (asPgpMime) await expect(page.locator('input[name="_pgpmime"]')).toHaveCount(1, { timeout: 240_000 });
    else await expect(page.locator('#attachment-list li[id^="rcmfile"]')).toHaveCount(1, { timeout: 240_000 });
    const attachedMs = Date.now() - started;
    if (process.env.LOCKPANE_ATTACH_TIMELINE) console.log(`[roundcube-compose] timeline: encrypt clicked at ${started}, attached at ${Date.now()}`);
    const heap = await backgroundHeapBytes(aliceContext);
    const { inbox } = asPgpMime ? await sendProtected(page) : await sendAndStore(page, subject);
    const sentMs = Date.now() - started;
    console.log(`[roundcube-compose] ${mb} MB attachment: encrypt+attach ${attachedMs} ms, through send+delivery ${sentMs} ms, worker JS heap after ${heap < 0 ? 'n/a (no performance.memory in this background)' : `${Math.round(heap / 1024 / 1024)} MB`}`);
    const bobKey = await bobKeyForPeers(b);
    if (asPgpMime) {
      const { plain } = sqopOpen(Buffer.from((await pgpMimeParts(inbox)).armored), bobKey, a.publicKey);
      const att = (await PostalMime.parse(plain)).attachments.find((x) => x.filename === big.name)!;
      expect(Buffer.from(att.content as ArrayBuffer).equals(big.bytes)).toBe(true);
    } else {
      const att = (await PostalMime.parse(inbox.bytes)).attachments.find((x) => x.filename === 'scan.tiff.pgp')!;
      const { plain } = sqopOpen(new Uint8Array(att.content as ArrayBuffer), bobKey, a.publicKey);
      expect(plain.equals(big.bytes)).toBe(true);
    }
    expectNoPlaintext([big.bytes.subarray(100_000, 100_064)]);
  } finally {
    await aliceContext.close();
  }
});

test('generic web mail without a file field of its own: the editor explains that attachments need one and takes no files', async ({ server }) => {
  // (The demo mail has a file field, so generic mode attaches there: demo-password-mail.spec.ts.)
  server.page('/no-upload.html', mailPage('<form><label>To <input id="to" value="bob@example.test"></label><textarea id="compose-body" aria-label="Message"></textarea></form>'));
  const own = await launchWithExtension();
  try {
    const a = await setUpProfile(own, alice);
    await enable(a, server.origin);
    const page = await own.newPage();
    await page.goto(server.url('/no-upload.html'));
    await page.locator('lockpane-secure').click();
    const editor = page.frameLocator('iframe[src*="editor.html"]');
    await expect(editor.getByTestId('attach-unsupported')).toBeVisible();
    await expect(editor.getByTestId('attach-input')).toHaveCount(0);
  } finally {
    await own.close();
  }
});

test.describe('S/MIME', () => {
  let pki: TestPki;
  let aliceUser: User;
  let bobUser: User;
  test.beforeAll(() => {
    pki = new TestPki('Lockpane Roundcube CA');
    aliceUser = pki.user('alice', { email: address(rig, 'alice') });
    bobUser = pki.user('bob', { email: address(rig, 'bob') });
  });
  test.afterAll(() => pki?.cleanup());

  async function setUpSmime(context: BrowserContext, me: User, passphrase: string, peer: User): Promise<Page> {
    const ext = await openExtensionPage(context, await extensionOriginOf(context), 'options.html');
    await ok(sendFrom(ext, 'keys.import', { base64: fs.readFileSync(me.p12).toString('base64'), password: 'test', protectWith: passphrase }));
    await ok(sendFrom(ext, 'trust.addRoot', { text: fs.readFileSync(pki.caCrt, 'utf8') }));
    await ok(sendFrom(ext, 'keys.import', { text: fs.readFileSync(peer.crt, 'utf8') }));
    await ok(sendFrom(ext, 'sites.enable', { origin: new URL(rig.url).origin }));
    return ext;
  }

  test('S/MIME: body and attachment go out as one smime.p7m; openssl decrypts it with Bob\'s key and verifies Alice\'s signature; Bob reads it in Roundcube and replies securely; Alice reads the reply', async ({ context }) => {
    const stamp = Date.now();
    const subject = `SMIME attachment ${stamp}`;
    const body = `Vertraulich ${stamp}: Befund anbei.`;
    const file = { name: 'befund.pdf', bytes: fileBytes(120_000, stamp + 7) };
    const aliceContext = await launchWithExtension();
    try {
      await setUpSmime(aliceContext, aliceUser, 'alice s/mime phrase', bobUser);
      const { page, editor } = await openSecureCompose(aliceContext, subject);
      // The editor takes the Subject from Roundcube and says it will be protected (RFC 9788 header protection).
      await expect(editor.getByTestId('editor-subject')).toHaveValue(subject);
      await expect(editor.getByTestId('subject-note')).toHaveAttribute('data-subject', 'protected');
      // A file attached with Roundcube's own button would go out in clear beside smime.p7m: Encrypt refuses.
      const plainFile = { name: 'roundcube-plain.pdf', bytes: fileBytes(20_000, stamp + 9) };
      await roundcubeAttach(page, plainFile);
      await editor.getByTestId('editor-body').fill(body);
      await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
      await pressGuarded(editor.getByTestId('editor-encrypt'));
      await answerPromptIfAsked(editor, editor.getByTestId('site-files-refused'), 'alice s/mime phrase');
      await expect(editor.getByTestId('site-files-refused')).toContainText(plainFile.name);
      await expect(page.locator('#composebody')).not.toHaveValue(/smime\.p7m/);
      await roundcubeRemove(page, plainFile.name);
      // As told: the file into the editor instead (the key is unlocked now, so no second prompt).
      await editor.getByTestId('attach-input').setInputFiles({ name: file.name, mimeType: 'application/octet-stream', buffer: file.bytes });
      await expect(editor.getByTestId('attachment')).toHaveCount(1);
      await pressGuarded(editor.getByTestId('editor-encrypt'));
      await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), 'alice s/mime phrase');
      await expect(editor.getByTestId('site-files-refused')).toHaveCount(0);
      await expect(page.locator('#attachment-list li[id^="rcmfile"]')).toHaveCount(1, { timeout: 60_000 });
      await expect(page.locator('#attachment-list')).toContainText('smime.p7m');
      await expect(page.locator('#composebody')).toHaveValue(/smime\.p7m/);
      await expect(page.locator('#compose-subject')).toHaveValue('[...]');
      const sentMail = newStored('alice', 'Sent', async () => {});
      const inbox = await newStored('bob', 'INBOX', async () => {
        await page.locator('.formbuttons button.send, button.btn.send').first().click();
        await page.waitForURL((u) => u.searchParams.get('_action') !== 'compose', { timeout: 120_000 });
      });
      const sent = await sentMail;
      for (const m of [inbox, sent]) expect(m.bytes.includes(Buffer.from(subject)), 'the real Subject travels only inside').toBe(false);
      expectNoPlaintext([Buffer.from(body), file.bytes.subarray(3000, 3064), Buffer.from(file.bytes.subarray(3000, 3064).toString('base64').slice(0, 60))]);
      for (const m of [inbox, sent]) expect(m.bytes.includes(Buffer.from('roundcube-plain.pdf')), 'the removed plaintext file did not go out').toBe(false);

      for (const stored of [inbox, sent]) {
        const parsed = await PostalMime.parse(stored.bytes);
        const p7m = parsed.attachments.find((x) => x.filename === 'smime.p7m');
        expect(p7m, 'smime.p7m attached').toBeDefined();
        const dir = fs.mkdtempSync(path.join(tmp, 'cms-'));
        const der = path.join(dir, 'smime.p7m');
        fs.writeFileSync(der, Buffer.from(p7m!.content as ArrayBuffer));
        // Decrypt with Bob's key (real openssl), then verify Alice's signature against the test CA.
        const signed = run('openssl', ['cms', '-decrypt', '-inform', 'DER', '-in', der, '-recip', bobUser.crt, '-inkey', bobUser.key]);
        const inner = run('openssl', ['cms', '-verify', '-CAfile', pki.caCrt, '-purpose', 'any'], signed);
        const entity = await PostalMime.parse(inner);
        expect((entity.text ?? '').trim()).toBe(body);
        // Outside "[...]", inside the real Subject: what Thunderbird and other RFC 9788 readers show.
        expect((await PostalMime.parse(stored.bytes)).subject).toBe('[...]');
        expect(entity.subject).toBe(subject);
        const att = entity.attachments.find((x) => x.filename === file.name);
        expect(att).toBeDefined();
        expect(Buffer.from(att!.content as ArrayBuffer).equals(file.bytes)).toBe(true);
      }

      // Bob (his own profile: his PKCS#12, the CA, Alice's certificate) reads it in Roundcube with Lockpane.
      await setUpSmime(context, bobUser, 'bob s/mime phrase', aliceUser);
      const bobView = await readAsBob(context, '[...]', 'bob s/mime phrase');
      await expectBobSees(bobView.reader, body, [file.name]);
      await expect(bobView.reader.getByTestId('protected-subject-value')).toHaveText(subject);
      await expect(bobView.reader.getByTestId('protected-subject-outside')).toContainText('[...]');
      expect((await saveFromReader(bobView.page, bobView.reader, file.name)).equals(file.bytes)).toBe(true);

      // Bob replies securely from the full view: Roundcube's reply form, the editor there (files allowed),
      // S/MIME again since both have certificates; the reply leaves as one smime.p7m.
      await pressGuarded(bobView.reader.getByTestId('reply-securely'));
      await bobView.page.waitForURL((u) => u.searchParams.get('_action') === 'compose' && u.searchParams.has('_id'), { timeout: 30_000 });
      const replyEditor = bobView.page.frameLocator('iframe[src*="editor.html"]');
      await expect(replyEditor.getByTestId('editor-body')).toHaveValue(new RegExp(`^> ${escapeRegExp(body)}`, 'm'));
      await expect(replyEditor.getByTestId('attach-input')).toHaveCount(1);
      // The reply's Subject comes from the protected one, not from the placeholder Roundcube shows.
      await expect(replyEditor.getByTestId('editor-subject')).toHaveValue(`Re: ${subject}`);
      const answer = `Antwort ${stamp}: erhalten.`;
      await replyEditor.getByTestId('editor-body').press('Control+Home');
      await replyEditor.getByTestId('editor-body').pressSequentially(`${answer}\n`);
      await expect(replyEditor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
      await pressGuarded(replyEditor.getByTestId('editor-encrypt'));
      await answerPromptIfAsked(replyEditor, replyEditor.getByTestId('editor-status'), 'bob s/mime phrase');
      await expect(bobView.page.locator('#attachment-list')).toContainText('smime.p7m', { timeout: 60_000 });
      const reply = await newStored('alice', 'INBOX', async () => {
        await bobView.page.locator('.formbuttons button.send, button.btn.send').first().click();
        await bobView.page.waitForURL((u) => u.searchParams.get('_action') !== 'compose', { timeout: 120_000 });
      });
      expect((await PostalMime.parse(reply.bytes)).inReplyTo).toBe((await PostalMime.parse(inbox.bytes)).messageId);
      expectNoPlaintext([Buffer.from(answer)]);

      // Alice reads Bob's reply in her Roundcube: his words above the quote, his signature verified.
      const alicePage = await aliceContext.newPage();
      await login(alicePage, rig, 'alice');
      await alicePage.goto(`${rig.url}/?_task=mail&_action=show&_uid=${uidBySubject(rig, 'alice', '[...]')}&_mbox=INBOX`);
      const aliceReader = alicePage.frameLocator('iframe[src*="reader.html"]');
      await revealInReader(aliceReader, 'alice s/mime phrase');
      const shown = messageText(aliceReader);
      await expect(shown).toContainText(answer, { timeout: 60_000 });
      await expect(shown).toContainText(`> ${body}`);
      await expect(aliceReader.getByTestId('signature').first()).toHaveAttribute('data-status', 'verified');
      await expect(aliceReader.getByTestId('signature').first()).toHaveAttribute('data-sender-matches', 'true');
      await expect(aliceReader.getByTestId('protected-subject-value')).toHaveText(`Re: ${subject}`);
      await alicePage.screenshot({ path: 'test-results/screenshots/roundcube-alice-reads-smime-reply.png' });
    } finally {
      await aliceContext.close();
    }
  });
});
