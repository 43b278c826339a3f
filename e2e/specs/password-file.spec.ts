/**
 * The self-contained password-mail file (issue #22) opened from disk by a plain browser profile (Carol has
 * no Lockpane): right and wrong password, a tampered file, a swapped sender key, attachments saved
 * byte-exact, the encrypted reply read back with Alice's key, German texts, axe, and no network at all
 * (every request is recorded; only the file itself may load, and no CSP violation may be reported).
 * Chromium through Playwright; Firefox (firefox-esr through puppeteer-core, RECIPES A9) in the last test.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import puppeteer from 'puppeteer-core';
import * as openpgp from 'openpgp';
import { gpgCompatibleProfile, parsePayload, readPasswordReply } from '../../keyring/password-mail';
import { makePgpKey, type TestPgpKey } from '../../keyring/testing/identities';
import { randomBytes } from '../../keyring/testing/pgp-interop';
import { chromiumPath } from '../support/chromium';
import { expect, test } from '../support/fixtures';
import { firefoxPath } from '../support/firefox-extension';
import { flipBitNearEnd, makePasswordFile, passwordFileTemplate, tempDir, type MadeFile } from '../support/password-file';
import { requireOrSkip } from '../support/prerequisites';

const password = 'bako-refu-timo-laze-nupi';
const pdf = randomBytes(300_000, 11);
const attachments = [{ name: 'Befund März.pdf', type: 'application/pdf', data: pdf }, { name: 'notes.txt', type: 'text/plain', data: new TextEncoder().encode('line 1\nline 2\r\n') }];
const subject = 'Your results';
const text = 'Dear Carol,\nyour results are attached.\nBest, Alice';

let dir = '';
let alice: TestPgpKey;
let good: MadeFile;
let browser: Browser;

type Watch = { requests: string[]; csp: string[] };

async function openFile(context: BrowserContext, file: MadeFile): Promise<{ page: Page; watch: Watch }> {
  const watch: Watch = { requests: [], csp: [] };
  context.on('request', (r) => watch.requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) watch.csp.push(m.text()); });
  await page.goto(file.url);
  return { page, watch };
}

function expectNoNetwork(watch: Watch, file: MadeFile): void {
  const foreign = watch.requests.filter((u) => u !== file.url && !u.startsWith('blob:'));
  expect(foreign, 'the file made a request').toEqual([]);
  expect(watch.csp, 'a CSP violation was reported').toEqual([]);
}

async function unlock(page: Page, pw: string): Promise<void> {
  await page.getByLabel(/^(Password|Passwort)$/).fill(pw);
  await page.getByRole('button', { name: /Open message|Nachricht öffnen/ }).click();
}

test.beforeAll(async () => {
  requireOrSkip(fs.existsSync(passwordFileTemplate) ? null : 'dist/test/chrome/password-mail.html.template is missing (npm run build:test)');
  dir = tempDir();
  alice = await makePgpKey('Alice', 'alice@example.test');
  good = await makePasswordFile({ dir, name: 'message.html', sender: alice, password, subject, text, attachments });
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
});
test.afterAll(async () => { await browser?.close(); if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

test('Chromium, file://: wrong password then the right one; attachments byte-exact; reply readable by Alice; no network', async ({}, info) => {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'en-GB' });
  const { page, watch } = await openFile(context, good);
  await expect(page.getByRole('heading', { name: 'Protected message' })).toBeVisible();
  await expect(page.getByText('alice@example.test sent you a message protected with a password')).toBeVisible();
  await unlock(page, 'bako-refu-timo-laze-nupa');
  await expect(page.locator('#lp-error')).toHaveText(/This password does not open the message/);
  await expect(page.locator('body')).not.toContainText('Dear Carol');
  const t0 = Date.now();
  await unlock(page, password);
  await expect(page.getByRole('heading', { name: subject })).toBeVisible({ timeout: 30_000 });
  info.annotations.push({ type: 'kdf-ms', description: `opening (Argon2 t=3 p=4 m=64 MiB) took ${Date.now() - t0} ms in Chromium` });
  console.log(`password file: opening in Chromium took ${Date.now() - t0} ms`);
  await expect(page.locator('#lp-body')).toHaveText(text);
  for (const [i, a] of attachments.entries()) {
    const download = page.waitForEvent('download');
    await page.locator(`[data-attachment="${i}"]`).click();
    const d = await download;
    expect(d.suggestedFilename()).toBe(a.name);
    expect(new Uint8Array(fs.readFileSync(await d.path()))).toEqual(a.data);
  }
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.getByLabel('Your reply').fill('Thank you, received.\nCarol');
  await page.getByRole('button', { name: 'Encrypt reply' }).click();
  const armored = await page.locator('#lp-reply-armored').inputValue();
  expect(armored).toMatch(/^-----BEGIN PGP MESSAGE-----/);
  const key = await openpgp.readPrivateKey({ armoredKey: alice.privateArmored });
  const { data } = await openpgp.decrypt({ message: await openpgp.readMessage({ armoredMessage: armored }), decryptionKeys: key, format: 'binary' });
  expect(readPasswordReply(data as Uint8Array)).toEqual({ replyRef: good.replyRef, text: 'Thank you, received.\nCarol' });
  await page.screenshot({ path: 'test-results/screenshots/password-file-opened.png', fullPage: true });
  expectNoNetwork(watch, good);
  await context.close();
});

test('Chromium, file://: a tampered file and a swapped sender key are refused and nothing is shown', async () => {
  const tampered = await makePasswordFile({ dir, name: 'tampered.html', sender: alice, password, subject, text, attachments,
    mutate: async (armored, meta) => [await flipBitNearEnd(armored), meta] });
  const mallory = await makePgpKey('Mallory', 'mallory@example.test');
  const swapped = await makePasswordFile({ dir, name: 'swapped.html', sender: alice, password, subject, text, attachments,
    mutate: async (armored, meta) => [armored, { ...meta, fingerprint: mallory.fingerprint, senderKey: mallory.publicArmored }] });
  const context = await browser.newContext({ locale: 'en-US' });
  for (const [file, refusal] of [[tampered, /was changed after it was sent/], [swapped, /does not match the one inside the message/]] as const) {
    const { page, watch } = await openFile(context, file);
    await unlock(page, password);
    await expect(page.locator('#lp-refused')).toHaveText(refusal, { timeout: 30_000 });
    await expect(page.locator('body')).not.toContainText('Dear Carol');
    await expect(page.getByLabel(/Password/)).toHaveCount(0);
    expectNoNetwork(watch, file);
  }
  await context.close();
});

test('Chromium, file://: German texts for a German browser', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const { page } = await openFile(context, good);
  await expect(page.getByRole('heading', { name: 'Geschützte Nachricht' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await unlock(page, 'falsch');
  await expect(page.locator('#lp-error')).toHaveText(/Mit diesem Passwort lässt sich die Nachricht nicht öffnen/);
  await unlock(page, password);
  await expect(page.getByRole('heading', { name: 'Anhänge' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Antwort verschlüsseln' })).toBeVisible();
  await context.close();
});

test('gpg --decrypt and sqop decrypt --with-password open the HTML file itself (GnuPG-compatible profile)', async () => {
  const file = await makePasswordFile({ dir, name: 'for-gpg.html', sender: alice, password, subject, text, attachments, profile: gpgCompatibleProfile });
  const home = fs.mkdtempSync(path.join(dir, 'gnupg-'));
  const gpg = execFileSync('gpg', ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase', password, '--decrypt', file.path], { stdio: ['ignore', 'pipe', 'pipe'] });
  const viaGpg = parsePayload(new Uint8Array(gpg));
  expect(viaGpg.text).toBe(text);
  expect(viaGpg.attachments[0]!.data).toEqual(pdf);
  fs.writeFileSync(path.join(dir, 'pw.txt'), password);
  // sqop stops reading after the armored block: give it the file as stdin, not a pipe it would close early.
  const sqop = execFileSync('sqop', ['decrypt', '--with-password', path.join(dir, 'pw.txt')], { stdio: [fs.openSync(file.path, 'r'), 'pipe', 'pipe'] });
  expect(parsePayload(new Uint8Array(sqop)).attachments[1]!.data).toEqual(attachments[1]!.data);
  execFileSync('gpgconf', ['--homedir', home, '--kill', 'all']);
});

test('Firefox, file://: right and wrong password, tampered file refused, reply produced, no network', async () => {
  requireOrSkip(fs.existsSync(firefoxPath) ? null : `firefox-esr not found at ${firefoxPath}`);
  const tampered = await makePasswordFile({ dir, name: 'tampered-ff.html', sender: alice, password, subject, text, attachments,
    mutate: async (armored, meta) => [await flipBitNearEnd(armored), meta] });
  const ff = await puppeteer.launch({ browser: 'firefox', executablePath: firefoxPath, headless: !process.env.HEADED });
  try {
    const page = await ff.newPage();
    const requests: string[] = [];
    page.on('request', (r) => { requests.push(r.url()); });
    await page.goto(good.url);
    await page.waitForSelector('#lp-password');
    await page.type('#lp-password', 'wrong-password');
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => /does not open/.test(document.getElementById('lp-error')?.textContent ?? ''), { timeout: 30_000 });
    await page.$eval('#lp-password', (el) => { (el as HTMLInputElement).value = ''; });
    await page.type('#lp-password', password);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#lp-body', { timeout: 30_000 });
    expect(await page.$eval('#lp-body', (el) => el.textContent)).toBe(text);
    expect(await page.$$eval('[data-attachment]', (els) => els.length)).toBe(2);
    await page.type('#lp-reply', 'Danke');
    await page.click('#lp-reply ~ button[type="submit"]');
    await page.waitForSelector('#lp-reply-armored', { timeout: 30_000 });
    expect(await page.$eval('#lp-reply-armored', (el) => (el as HTMLTextAreaElement).value)).toMatch(/^-----BEGIN PGP MESSAGE-----/);
    await page.goto(tampered.url);
    await page.waitForSelector('#lp-password');
    await page.type('#lp-password', password);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#lp-refused', { timeout: 30_000 });
    expect(await page.$eval('body', (el) => el.textContent)).not.toContain('Dear Carol');
    expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:'))).toEqual([]);
  } finally {
    await ff.close();
  }
});
