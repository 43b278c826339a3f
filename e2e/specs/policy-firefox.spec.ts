/**
 * Managed policy in Firefox, for real: `/etc/firefox/policies/policies.json` with a `3rdparty.Extensions`
 * section, firefox-esr driven by puppeteer-core over WebDriver BiDi (Playwright cannot drive Debian's
 * Firefox, RECIPES A9), and the production Firefox build of Lockpane.
 *
 * Like policy.spec.ts, it loads a copy of the build under its own throw-away add-on id and writes the
 * policy for that id only. The copy also gets loopback host access up front, as the Chrome test build
 * has. An existing policies.json is kept: our entry is merged in and the original restored in afterAll.
 *
 * Skipped when firefox-esr or dist/firefox is missing; needs root (skipped locally, failure under CI=true).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { makeCertificate, makePgpKey, type TestCert, type TestPgpKey } from '../../keyring/testing/identities';
import { expect, test } from '../support/fixtures';
import { isRoot, requireOrSkip } from '../support/prerequisites';

const firefoxPath = process.env.LOCKPANE_FIREFOX ?? '/usr/bin/firefox-esr';
const buildDir = path.resolve(__dirname, '../../dist/firefox');
const policyFile = '/etc/firefox/policies/policies.json';

type Material = { root: TestCert; colleague: TestPgpKey; own: TestPgpKey };
type Setup = { dir: string; id: string; uuid: string; original: string | null; created: string[]; material: Material };
let setup: Setup | null = null;
let browser: Browser | null = null;

test.beforeAll(async ({ server }) => {
  requireOrSkip(!isRoot ? 'policy-firefox.spec.ts needs root to write /etc/firefox/policies/policies.json (run as root)'
    : !fs.existsSync(firefoxPath) ? `firefox-esr not found at ${firefoxPath} (apt-get install firefox-esr)`
      : !fs.existsSync(path.join(buildDir, 'manifest.json')) ? 'dist/firefox is missing (run `npm run build` first)' : null);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-policy-ff-'));
  fs.cpSync(buildDir, dir, { recursive: true });
  const id = `lockpane-policy-test-${randomBytes(6).toString('hex')}@lockpane.dev`;
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { browser_specific_settings: { gecko: { id: string } }; host_permissions?: string[] };
  manifest.browser_specific_settings.gecko.id = id;
  manifest.host_permissions = ['http://127.0.0.1/*'];
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));

  const created: string[] = [];
  for (const d of ['/etc/firefox', '/etc/firefox/policies']) {
    if (!fs.existsSync(d)) {
      fs.mkdirSync(d, { mode: 0o755 });
      created.unshift(d);
    }
  }
  const original = fs.existsSync(policyFile) ? fs.readFileSync(policyFile, 'utf8') : null;
  const material: Material = {
    root: await makeCertificate({ cn: 'Lockpane Firefox Policy Root', ca: true }),
    colleague: await makePgpKey('Carol Colleague', 'carol@partner.example'),
    own: await makePgpKey('Me Myself', 'me@example.test', { passphrase: 'my own passphrase' }),
  };
  setup = { dir, id, uuid: randomUUID(), original, created, material };

  const base = (original ? JSON.parse(original) : {}) as { policies?: Record<string, unknown> };
  const policies = { ...(base.policies ?? {}) } as Record<string, unknown> & { '3rdparty'?: { Extensions?: Record<string, unknown> } };
  policies['3rdparty'] = { ...(policies['3rdparty'] ?? {}), Extensions: { ...(policies['3rdparty']?.Extensions ?? {}), [id]: {
    enabledSites: [server.origin, 'not an origin'],
    trustedRootCertificates: [material.root.pem],
    preinstalledPublicKeys: [material.colleague.publicArmored],
    allowKeyGeneration: false,
    allowPrivateKeyExport: false,
    signByDefault: false,
    requireEncryptionFor: ['partner.example'],
    remoteContent: 42, // Firefox checks no schema: Lockpane must catch this itself
  } } };
  fs.writeFileSync(`${policyFile}.tmp`, JSON.stringify({ ...base, policies }, null, 2), { mode: 0o644 });
  fs.renameSync(`${policyFile}.tmp`, policyFile);
});

test.afterAll(async () => {
  await browser?.close().catch(() => undefined);
  browser = null;
  if (!setup) return;
  if (setup.original === null) fs.rmSync(policyFile, { force: true });
  else fs.writeFileSync(policyFile, setup.original);
  for (const d of setup.created) {
    try {
      fs.rmdirSync(d);
    } catch {
      /* not empty: leave it */
    }
  }
  fs.rmSync(setup.dir, { recursive: true, force: true });
  setup = null;
});

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
type WebExt = { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };

/** Opens an extension page. BiDi never reports a moz-extension load as finished, so wait for the API instead. */
async function extensionPage(b: Browser, uuid: string): Promise<Page> {
  const page = await b.newPage();
  await page.goto(`moz-extension://${uuid}/options.html`, { timeout: 3000 }).catch(() => undefined);
  await expect.poll(() => page.evaluate(() => typeof (globalThis as unknown as Partial<WebExt>).browser?.runtime?.sendMessage).catch(() => 'none'),
    { timeout: 15_000 }).toBe('function');
  return page;
}

test('Firefox: policies.json 3rdparty values take effect, and invalid ones are reported', async ({ server }) => {
  test.setTimeout(150_000);
  const s = setup!;
  const t0 = Date.now();
  browser = await puppeteer.launch({
    browser: 'firefox', executablePath: firefoxPath, headless: !process.env.HEADED,
    // Firefox 153 allows WebDriver navigation to moz-extension:// pages only with system access.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [s.id]: s.uuid }) },
  });
  expect(await browser.installExtension(s.dir)).toBe(s.id);
  const ext = await extensionPage(browser, s.uuid);
  const send = (name: string, body: unknown = {}): Promise<Reply> =>
    ext.evaluate((n, b) => (globalThis as unknown as WebExt).browser.runtime.sendMessage({ lockpane: 1, name: n, body: b }) as Promise<Reply>, name, body);
  const value = <T>(r: Reply): T => {
    expect(r.ok, JSON.stringify(r)).toBe(true);
    return (r as { value: T }).value;
  };

  type Status = { managed: boolean; roots: { subject: string }[]; preinstalled: { fingerprint: string }[]; enabledSites: string[]; warnings: { key: string; problem: string }[] };
  await expect.poll(async () => {
    const r = await send('policy.status');
    return r.ok && (r.value as Status).managed && (r.value as Status).roots.length === 1 && (r.value as Status).preinstalled.length === 1;
  }, { timeout: 20_000, intervals: [250] }).toBe(true);
  console.log(`Firefox: launch + install + policy applied in ${Date.now() - t0} ms`);
  const status = value<Status>(await send('policy.status'));
  expect(status.enabledSites).toEqual([server.origin]);
  expect(status.roots[0]!.subject).toContain('Lockpane Firefox Policy Root');
  expect(status.warnings.map((w) => w.key).sort()).toEqual(['enabledSites', 'remoteContent']);

  const keys = value<{ keys: { fingerprint: string; acceptance: string; canEncrypt: boolean }[] }>(await send('keys.list', { query: 'carol@partner.example' })).keys;
  expect(keys).toEqual([expect.objectContaining({ fingerprint: s.material.colleague.fingerprint, acceptance: 'verified', canEncrypt: true })]);

  expect(await send('keys.generate', { name: 'X', email: 'x@example.test', passphrase: 'long enough passphrase' })).toMatchObject({ ok: false, error: { code: 'blocked-by-policy' } });
  value(await send('keys.import', { text: s.material.own.privateArmored }));
  expect(await send('keys.exportPrivate', { fingerprint: s.material.own.fingerprint, passphrase: 'my own passphrase' })).toMatchObject({ ok: false, error: { code: 'blocked-by-policy' } });

  const view = value<{ values: Record<string, unknown>; locked: string[] }>(await send('settings.get'));
  expect(view.values).toMatchObject({ signByDefault: false, remoteContent: 'ask', requireEncryptionFor: ['partner.example'] });
  expect([...view.locked].sort()).toEqual(['allowKeyGeneration', 'allowPrivateKeyExport', 'requireEncryptionFor', 'signByDefault']);
  expect(await send('settings.set', { values: { signByDefault: true } })).toMatchObject({ ok: false, error: { code: 'locked-by-policy' } });

  // The enabled site: the content script runs there without the user enabling anything.
  const page = await browser.newPage();
  await page.goto(server.url('/demo/'));
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('iframe[title]').length), { timeout: 15_000 }).toBe(1);
});
