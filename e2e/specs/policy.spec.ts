/**
 * Managed policy, for real: writes a Chromium policy file, starts Chromium with Lockpane, and checks
 * each key's effect through the worker's own protocol and a real page.
 *
 * The policy directory is machine-global (every Chromium on the machine reads it), so this spec loads a
 * copy of the test build under its own throw-away key, hence its own extension id, and writes the policy
 * for that id only: other specs running at the same time keep an unmanaged Lockpane. The file (and any
 * directory this spec created) is removed in afterAll, also on failure.
 *
 * Needs root (the directory is /etc/chromium/policies/managed). Skipped with a message otherwise; under
 * CI=true not being root is a failure.
 */
import { generateKeyPairSync, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { TestPki } from '../../keyring/testing/openssl-pki';
import { makePgpKey, type TestPgpKey } from '../../keyring/testing/identities';
import { mailPage } from '../support/mail-fixtures';
import { chromiumPath } from '../support/chromium';
import { expect, extensionDir, test as base } from '../support/fixtures';
import { messageText } from '../support/frames';
import { isRoot, requireOrSkip } from '../support/prerequisites';
import { pressGuarded } from '../support/guarded';

const policyDir = '/etc/chromium/policies/managed';

/** root: an openssl-made CA (as PEM); signedPem: a PEM CMS message openssl signed with a certificate under it. */
type Material = { pki: TestPki; root: { pem: string }; signedPem: string; colleague: TestPgpKey; own: TestPgpKey };
type Setup = { dir: string; id: string; file: string; created: string[]; material: Material };
let setup: Setup | null = null;

/** Chrome's extension id: the first 128 bits of SHA-256(public key DER), as hex digits mapped to a-p. */
function extensionIdOf(spkiDer: Buffer): string {
  return [...createHash('sha256').update(spkiDer).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** A copy of the test build under a fresh key, so the policy written for its id touches no other browser. */
function isolatedBuild(): { dir: string; id: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-policy-ext-'));
  fs.cpSync(extensionDir, dir, { recursive: true });
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  manifest.key = der.toString('base64');
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return { dir, id: extensionIdOf(der) };
}

function writePolicy(s: Setup, values: Record<string, unknown>): void {
  const body = { '3rdparty': { extensions: { [s.id]: values } } };
  const tmp = `${s.file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(body, null, 2), { mode: 0o644 });
  fs.renameSync(tmp, s.file); // Chromium never reads a half-written file
}

function policyValues(origin: string, m: Material, exportAllowed: boolean): Record<string, unknown> {
  return {
    enabledSites: [origin, 'not an origin'],
    trustedRootCertificates: [m.root.pem],
    preinstalledPublicKeys: [m.colleague.publicArmored],
    allowKeyGeneration: false,
    ...(exportAllowed ? {} : { allowPrivateKeyExport: false }),
    signByDefault: false,
    requireEncryptionFor: ['partner.example'],
    passphraseCacheMaxMinutes: 5,
  };
}

const test = base.extend({
  // The same fixtures as every spec, but Chromium loads the isolated copy.
  context: async ({}, use) => {
    if (!setup) throw new Error('policy setup missing');
    const context: BrowserContext = await chromium.launchPersistentContext('', {
      executablePath: chromiumPath,
      headless: !process.env.HEADED,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync',
        `--disable-extensions-except=${setup.dir}`, `--load-extension=${setup.dir}`,
      ],
    });
    await use(context);
    await context.close();
  },
});

test.beforeAll(async ({ server }) => {
  requireOrSkip(isRoot ? null : 'policy.spec.ts needs root to write /etc/chromium/policies/managed (run as root)');
  const created: string[] = [];
  for (const d of ['/etc/chromium', '/etc/chromium/policies', policyDir]) {
    if (!fs.existsSync(d)) {
      fs.mkdirSync(d, { mode: 0o755 });
      created.unshift(d);
    }
  }
  const pki = new TestPki('Lockpane Policy Test Root');
  const signer = pki.user('dana', { email: 'dana@org.example' });
  pki.write('part.txt', 'Content-Type: text/plain; charset=utf-8\r\n\r\nSigned under the organisation root.\r\n');
  const material: Material = {
    pki,
    root: { pem: pki.read('ca.crt').toString() },
    signedPem: pki.openssl(['cms', '-sign', '-nodetach', '-in', 'part.txt', '-signer', signer.crt, '-inkey', signer.key, '-md', 'sha256', '-outform', 'PEM']).toString(),
    colleague: await makePgpKey('Carol Colleague', 'carol@partner.example'),
    own: await makePgpKey('Me Myself', 'me@example.test', { passphrase: 'my own passphrase' }),
  };
  const { dir, id } = isolatedBuild();
  setup = { dir, id, file: path.join(policyDir, `lockpane-test-${randomBytes(6).toString('hex')}.json`), created, material };
  writePolicy(setup, policyValues(server.origin, material, false));
});

test.afterAll(() => {
  if (!setup) return;
  fs.rmSync(setup.file, { force: true });
  fs.rmSync(`${setup.file}.tmp`, { force: true });
  for (const d of setup.created) {
    try {
      fs.rmdirSync(d); // only when empty: another run may have its own file there
    } catch {
      /* not empty: leave it */
    }
  }
  fs.rmSync(setup.dir, { recursive: true, force: true });
  setup.material.pki.cleanup();
  setup = null;
});

type Ok<T> = { ok: true; value: T };
const value = <T>(r: { ok: boolean }): T => {
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return (r as Ok<T>).value;
};

test('every policy key takes effect in Chromium, and a policy edit applies without a restart', async ({ context, extensionId, send, server }) => {
  test.setTimeout(90_000);
  const s = setup!;
  expect(extensionId).toBe(s.id);
  const started = Date.now();

  type Status = {
    managed: boolean; appliedAt: string | null; roots: { subject: string }[]; preinstalled: { fingerprint: string }[];
    warnings: { key: string; problem: string }[]; enabledSites: string[]; needsPermission: string[];
  };
  // Chromium publishes managed values a few seconds after start; the worker applies them on storage.onChanged.
  await expect.poll(async () => {
    const r = await send('policy.status');
    const st = r.ok ? (r.value as Status) : null;
    return st !== null && st.managed && st.roots.length === 1 && st.preinstalled.length === 1;
  }, { timeout: 20_000, intervals: [250] }).toBe(true);
  const appliedMs = Date.now() - started;
  const status = value<Status>(await send('policy.status'));
  console.log(`policy applied ${appliedMs} ms after the worker was ready`);

  await test.step('a site is enabled without any prompt: the content script runs there', async () => {
    expect(status.enabledSites).toEqual([server.origin]);
    expect(status.needsPermission).toEqual([]); // the test build holds loopback access up front
    expect(value<{ origins: string[] }>(await send('sites.list')).origins).toEqual([server.origin]);
    const page = await context.newPage();
    await page.goto(server.url('/demo/'));
    await expect(page.frameLocator('iframe[title]').getByTestId('reader-view')).toBeVisible();
    expect(await send('sites.disable', { origin: server.origin })).toMatchObject({ ok: false, error: { code: 'locked-by-policy' } });
  });

  await test.step('the secure editor follows the policy: encryption required for partner.example, signing off by default', async () => {
    const page = await context.newPage();
    await page.goto(server.url('/demo/'));
    await page.locator('#compose-to').fill('dr.who@partner.example');
    await page.locator('#compose-body').locator('xpath=preceding-sibling::lockpane-secure[1]').click();
    const editor = page.frameLocator('iframe[src*="editor.html"]');
    await expect(editor.getByTestId('encryption-required')).toContainText('dr.who@partner.example');
    await expect(editor.getByRole('checkbox')).not.toBeChecked();
    await editor.getByTestId('editor-to').fill('someone@elsewhere.example');
    await expect(editor.getByTestId('encryption-required')).toHaveCount(0);
    await page.close();
  });

  await test.step('the organisation root is in the trust store, locked', async () => {
    expect(status.roots[0]!.subject).toContain('Lockpane Policy Test Root');
    const roots = value<{ roots: { subject: string; source: string; locked: boolean }[] }>(await send('trust.roots')).roots;
    expect(roots).toEqual([expect.objectContaining({ source: 'policy', locked: true, subject: expect.stringContaining('Lockpane Policy Test Root') })]);
    // …and really trusted: a message openssl signed under it shows as verified in the reader.
    server.page('/policy-signed.html', mailPage(`<pre>${s.material.signedPem}</pre>`));
    const page = await context.newPage();
    await page.goto(server.url('/policy-signed.html'));
    const reader = page.frameLocator('iframe[src*="reader.html"]');
    await expect(reader.getByTestId('reader-view')).toHaveAttribute('data-kind', 'cms');
    await pressGuarded(reader.getByTestId('reader-open'));
    await expect(reader.getByTestId('signature')).toHaveAttribute('data-status', 'verified');
    await expect(messageText(reader)).toContainText('Signed under the organisation root.');
    await page.close();
  });

  await test.step('the pre-installed key is listed as verified and usable for encryption', async () => {
    const keys = value<{ keys: { fingerprint: string; acceptance: string; canEncrypt: boolean }[] }>(await send('keys.list', { query: 'carol@partner.example' })).keys;
    expect(keys).toEqual([expect.objectContaining({ fingerprint: s.material.colleague.fingerprint, acceptance: 'verified', canEncrypt: true })]);
  });

  await test.step('key generation and private key export are blocked', async () => {
    expect(await send('keys.generate', { name: 'X', email: 'x@example.test', passphrase: 'long enough passphrase' }))
      .toMatchObject({ ok: false, error: { code: 'blocked-by-policy' } });
    value(await send('keys.import', { text: s.material.own.privateArmored }));
    expect(await send('keys.exportPrivate', { fingerprint: s.material.own.fingerprint, passphrase: 'my own passphrase' }))
      .toMatchObject({ ok: false, error: { code: 'blocked-by-policy' } });
  });

  await test.step('settings are locked, effective, and the invalid entry is a warning', async () => {
    type View = { values: Record<string, unknown>; locked: string[]; warnings: { key: string; problem: string }[] };
    const view = value<View>(await send('settings.get'));
    expect(view.values).toMatchObject({ signByDefault: false, requireEncryptionFor: ['partner.example'], passphraseCacheMinutes: 5, allowPrivateKeyExport: false });
    expect([...view.locked].sort()).toEqual(['allowKeyGeneration', 'allowPrivateKeyExport', 'passphraseCacheMaxMinutes', 'requireEncryptionFor', 'signByDefault']);
    expect(view.warnings).toEqual([expect.objectContaining({ key: 'enabledSites', problem: expect.stringContaining('enabledSites[1]') })]);
    expect(await send('settings.set', { values: { signByDefault: true } })).toMatchObject({ ok: false, error: { code: 'locked-by-policy' } });
    expect(value<View>(await send('settings.set', { values: { remoteContent: 'never' } })).values.remoteContent).toBe('never');
  });

  await test.step('the options page shows the locked settings and the organisation policy', async () => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#settings`);
    await expect(options.getByTestId('set-sign')).toBeDisabled();
    await expect(options.getByTestId('set-sign')).not.toBeChecked();
    await expect(options.getByTestId('locked-note').first()).toBeVisible();
    await expect(options.getByTestId('policy-section')).toBeVisible();
    await options.close();
  });

  await test.step('an edited policy file applies while the browser runs', async () => {
    const edited = Date.now();
    writePolicy(s, policyValues(server.origin, s.material, true));
    await expect.poll(async () => (await send('keys.exportPrivate', { fingerprint: s.material.own.fingerprint, passphrase: 'my own passphrase' })).ok,
      { timeout: 20_000, intervals: [500] }).toBe(true);
    console.log(`policy edit applied after ${Date.now() - edited} ms`);
    const view = value<{ locked: string[] }>(await send('settings.get'));
    expect(view.locked).not.toContain('allowPrivateKeyExport');
    expect(view.locked).toContain('signByDefault');
  });
});
