/**
 * Key discovery end to end: the options page's "Find keys" and the editor's key assistant against a local
 * HTTPS server with a real WKD layout (URLs by GnuPG's gpg-wks-client) and VKS answers, serving keys made by
 * Sequoia's sqop. Chromium reaches the server by name (--host-resolver-rules), so the extension runs as
 * shipped: WKD URLs come from the address, the key server from the user's settings. Found keys import as
 * unverified; what the editor then encrypts decrypts with sqop and the recipient's own secret key.
 */
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Page, type TestInfo } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumPath } from '../support/chromium';
import { expect, extensionDir, sendFrom, test as base } from '../support/fixtures';
import { alice, enable, setUpProfile } from '../support/identities';
import { startKeyServer, wkdUrls, type KeyServer } from '../support/key-server';
import { pressGuarded } from '../support/guarded';

const vksHost = 'keys.lp-vks.test';
const vksUrl = `https://${vksHost}`;
const hosts = ['openpgpkey.lp-wkd.test', 'lp-wkd.test', 'lp-direct.test', vksHost];

type Peer = { email: string; secret: string; cert: string; binary: Buffer; fingerprint: string };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-discovery-'));
const run = (cmd: string, args: string[], input?: string | Buffer): Buffer => execFileSync(cmd, args, { input, maxBuffer: 16 * 1024 * 1024 });
// gpg only reads the fingerprint here, but still creates its home: keep it in this spec's folder, not ~/.gnupg.
const gpgHome = path.join(tmp, 'gnupg');
fs.mkdirSync(gpgHome, { mode: 0o700 });

/** A recipient whose key Sequoia made: secret key on disk here, certificate served by the key server. */
function sqopPeer(name: string, email: string): Peer {
  const secret = run('sqop', ['generate-key', `${name} <${email}>`]).toString();
  const cert = run('sqop', ['extract-cert'], secret).toString();
  const binary = run('sqop', ['dearmor'], cert);
  const colons = run('gpg', ['--homedir', gpgHome, '--batch', '--with-colons', '--show-keys'], cert).toString();
  const fingerprint = /^fpr:+([0-9A-F]+):/m.exec(colons)![1]!;
  return { email, secret, cert, binary, fingerprint };
}

const test = base.extend<object, { keyServer: KeyServer; peers: Record<'dana' | 'erin' | 'frank' | 'frankNew', Peer> }>({
  peers: [async ({}, use) => {
    await use({
      dana: sqopPeer('Dana Lab', 'dana@lp-wkd.test'),
      erin: sqopPeer('Erin Field', 'erin@lp-direct.test'),
      frank: sqopPeer('Frank Old', 'frank@lp-wkd.test'),
      frankNew: sqopPeer('Frank New', 'frank@lp-wkd.test'),
    });
  }, { scope: 'worker' }],
  keyServer: [async ({ peers }, use) => {
    // lp-direct.test has no openpgpkey subdomain (unknown host): WKD must fall back to the direct method.
    const server = await startKeyServer({ hosts, missing: ['openpgpkey.lp-direct.test'] });
    server.serveWkd(peers.dana.email, peers.dana.binary, 'advanced');
    server.serveVks(vksHost, peers.dana.email, peers.dana.cert);
    server.serveWkd(peers.erin.email, peers.erin.binary, 'direct');
    server.serveWkd(peers.frankNew.email, peers.frankNew.binary, 'advanced');
    await use(server);
    await server.close();
  }, { scope: 'worker' }],
  // The shared fixture's launch, plus the flags that point Chromium at the local key server.
  context: async ({ keyServer }, use) => {
    const context = await chromium.launchPersistentContext('', {
      executablePath: chromiumPath,
      headless: !process.env.HEADED,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync',
        `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...keyServer.launchArgs,
      ],
    });
    await use(context);
    await context.close();
  },
});

test.afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const shots = path.resolve(__dirname, '../../test-results/ui');

/** No missing string, no serious or critical axe violation, and a screenshot kept as an artefact. */
async function checkPage(page: Page, info: TestInfo, name: string): Promise<void> {
  expect(await page.locator('body').innerText(), `${name}: a message key is missing`).not.toContain('⟦');
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  fs.mkdirSync(shots, { recursive: true });
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await info.attach(name, { path: file, contentType: 'image/png' });
}

async function useLocalKeyServer(send: (name: string, body?: unknown) => Promise<unknown>, wkd = true, keyServers = [vksUrl]): Promise<void> {
  const r = (await send('settings.set', { values: { keyDiscovery: { wkd, keyServers } } })) as { ok: boolean };
  expect(r.ok).toBe(true);
}

test('options: look up by email → preview (fingerprint, sources, user ID) → import → the key shows as unverified', async ({ context, keyServer, peers }, info) => {
  const profile = await setUpProfile(context, alice);
  await useLocalKeyServer((n, b) => sendFrom(profile.ext, n, b));
  const page = profile.ext;
  await page.goto(`chrome-extension://${profile.id}/options.html#discovery`);
  await page.getByLabel('Email address', { exact: true }).fill('Dana@lp-wkd.test');
  await page.getByRole('button', { name: 'Look up' }).press('Enter');

  const card = page.getByTestId('discovery-candidate');
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-fingerprint', peers.dana.fingerprint);
  await expect(card).toHaveAttribute('data-relation', 'new');
  await expect(card.getByTestId('discovery-uids')).toHaveText('Dana Lab <dana@lp-wkd.test>');
  await expect(card.getByTestId('discovery-sources')).toHaveText('Found at: Web Key Directory (openpgpkey subdomain), Key server');
  await expect(card.getByTestId('discovery-fingerprint')).toHaveText(peers.dana.fingerprint);
  // The advanced WKD URL exactly as GnuPG computes it, and the VKS query, both reached the server.
  const advanced = new URL(wkdUrls(peers.dana.email).advanced);
  expect(keyServer.requests).toContain(`${advanced.hostname} ${advanced.pathname}${advanced.search}`);
  expect(keyServer.requests).toContain(`${vksHost} /vks/v1/by-email/dana%40lp-wkd.test`);
  await checkPage(page, info, 'ui-discovery-preview');
  // Nothing is stored by looking.
  const before = (await sendFrom(page, 'keys.list', {})) as { ok: true; value: { keys: { fingerprint: string }[] } };
  expect(before.value.keys.map((k) => k.fingerprint)).not.toContain(peers.dana.fingerprint);

  await card.getByRole('button', { name: /^Import the key / }).click();
  await expect(page.getByTestId('discovery-imported')).toContainText('Imported the key for dana@lp-wkd.test as unverified');
  await page.getByTestId('discovery-open-keyring').click();
  const row = page.locator(`[data-testid="key-row"][data-fingerprint="${peers.dana.fingerprint}"]`);
  await expect(row.getByTestId('key-status')).toHaveAttribute('data-status', 'unverified');
  const after = (await sendFrom(page, 'keys.list', { query: 'dana@lp-wkd.test' })) as { ok: true; value: { keys: { fingerprint: string; acceptance: string }[] } };
  expect(after.value.keys.map((k) => [k.fingerprint, k.acceptance])).toEqual([[peers.dana.fingerprint, 'unverified']]);
});

test('options: a different key for a known address is flagged, and importing it holds it instead of replacing', async ({ context, peers }, info) => {
  const profile = await setUpProfile(context, alice);
  await useLocalKeyServer((n, b) => sendFrom(profile.ext, n, b));
  await sendFrom(profile.ext, 'keys.import', { text: peers.frank.cert });
  const page = profile.ext;
  await page.goto(`chrome-extension://${profile.id}/options.html#discovery`);
  await page.getByLabel('Email address', { exact: true }).fill('frank@lp-wkd.test');
  await page.getByRole('button', { name: 'Look up' }).click();
  const card = page.getByTestId('discovery-candidate');
  await expect(card).toHaveAttribute('data-relation', 'change');
  await expect(card.getByTestId('discovery-replaces')).toContainText(peers.frank.fingerprint.match(/.{4}/g)!.join(' '));
  await checkPage(page, info, 'ui-discovery-change');
  await card.getByTestId('discovery-import').click();
  await expect(page.getByTestId('discovery-imported')).toContainText('on hold');
  const keys = (await sendFrom(page, 'keys.list', { query: 'frank@lp-wkd.test' })) as { ok: true; value: { keys: { fingerprint: string; acceptance: string }[] } };
  expect(Object.fromEntries(keys.value.keys.map((k) => [k.fingerprint, k.acceptance]))).toEqual({
    [peers.frank.fingerprint]: 'unverified', [peers.frankNew.fingerprint]: 'undecided',
  });
});

test('options: not found and discovery switched off give clear messages; switched off asks no server', async ({ context, keyServer }) => {
  const profile = await setUpProfile(context, alice);
  await useLocalKeyServer((n, b) => sendFrom(profile.ext, n, b));
  const page = profile.ext;
  await page.goto(`chrome-extension://${profile.id}/options.html#discovery`);
  await page.getByLabel('Email address', { exact: true }).fill('nobody@lp-wkd.test');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('alert')).toHaveText('No key was found for nobody@lp-wkd.test. Ask the person to send you their public key.');
  await expect(page.getByTestId('discovery-candidate')).toHaveCount(0);

  await useLocalKeyServer((n, b) => sendFrom(profile.ext, n, b), false, []);
  const asked = keyServer.requests.length;
  await page.getByLabel('Email address', { exact: true }).fill('dana@lp-wkd.test');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('alert')).toHaveText('Key discovery is switched off, so Lockpane does not look keys up. It can be switched on under Settings → Finding keys of new contacts, unless your organisation has switched it off.');
  expect(keyServer.requests.length).toBe(asked);
  const reply = (await sendFrom(page, 'discovery.lookup', { email: 'dana@lp-wkd.test' })) as { ok: false; error: { code: string } };
  expect(reply.error.code).toBe('discovery-disabled');
});

test('editor: a recipient without a key → Look up key → import → encrypt; sqop decrypts with the recipient\'s secret key', async ({ context, server, peers }, info) => {
  const profile = await setUpProfile(context, alice);
  await useLocalKeyServer((n, b) => sendFrom(profile.ext, n, b));
  await enable(profile, server.origin);
  const page = await context.newPage();
  await page.goto(server.url('/demo/'));
  await page.locator('#compose-body').locator('xpath=preceding-sibling::lockpane-secure[1]').click();
  const editor = page.frameLocator('iframe[src*="editor.html"]');
  await editor.getByTestId('editor-to').fill(peers.erin.email);
  const recipient = editor.locator(`[data-testid="recipient"][data-email="${peers.erin.email}"]`);
  await expect(recipient).toHaveAttribute('data-ready', 'false');
  await expect(editor.getByTestId('editor-encrypt')).toBeDisabled();

  await editor.getByRole('button', { name: `Look up a key for ${peers.erin.email}` }).click();
  const card = editor.getByTestId('discovery-candidate');
  await expect(card).toHaveAttribute('data-fingerprint', peers.erin.fingerprint);
  await expect(card.getByTestId('discovery-sources')).toHaveText('Found at: Web Key Directory (domain)');
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, 'ui-discovery-editor.png'), fullPage: true });
  await info.attach('ui-discovery-editor', { path: path.join(shots, 'ui-discovery-editor.png'), contentType: 'image/png' });
  await card.getByTestId('discovery-import').click();
  await expect(editor.getByTestId('assistant-imported')).toContainText('as unverified');
  await expect(recipient).toHaveAttribute('data-ready', 'true');

  const secret = 'Lab results for Erin: discovery round trip — ümlaut.';
  await editor.getByTestId('editor-body').fill(secret);
  await pressGuarded(editor.getByTestId('editor-encrypt'));
  await editor.getByTestId('passphrase-input').fill(alice.passphrase);
  await pressGuarded(editor.getByTestId('passphrase-submit'));
  await expect(editor.getByTestId('editor-status')).toBeVisible();
  const armored = await page.locator('#compose-body').inputValue();
  expect(armored).toMatch(/^-----BEGIN PGP MESSAGE-----/);
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('Lab results for Erin');

  const keyFile = path.join(tmp, 'erin.key');
  fs.writeFileSync(keyFile, peers.erin.secret);
  expect(run('sqop', ['decrypt', keyFile], armored).toString()).toBe(secret);
});
