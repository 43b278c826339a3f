/**
 * Keys that come with mail, in Bob's real Roundcube: an S/MIME mail signed by openssl carrying Alice's
 * certificate, and a plain mail with Alice's gpg-exported public key attached. The reader offers each
 * (addresses, fingerprint, trust verdict), Bob imports with the keyboard, his keyring (options page) lists
 * them, and Lockpane's editor over Roundcube's compose form can then encrypt to Alice — S/MIME with the
 * certificate alone, OpenPGP once the key is there too.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { BrowserContext, FrameLocator, Page } from '@playwright/test';
import { TestPki, type User } from '../../keyring/testing/openssl-pki';
import { mailWithAttachments, opensslSmimeMail, PeerGpg, textEntity, type Headers } from '../../extension/testing/peer-mail';
import { address, openCompose, deliver, fillComposeHeaders, login, requireRoundcube, uidBySubject, type Rig } from '../roundcube/rig';
import { expect, launchWithExtension, ok, sendFrom, test } from '../support/fixtures';
import { bob as bobPerson, enable, setUpProfile, type Profile } from '../support/identities';
import { messageText } from '../support/frames';
import { keyGuarded, pressGuarded } from '../support/guarded';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let rig: Rig;
let context: BrowserContext;
let profile: Profile;
let page: Page;
let pki: TestPki;
let aliceCert: User;
let gpg: PeerGpg;
let alicePub: string;
const run = Date.now().toString(36);

test.beforeAll(async () => {
  rig = requireRoundcube();
  pki = new TestPki('Offers CA');
  aliceCert = pki.user('alice', { email: address(rig, 'alice') });
  gpg = new PeerGpg();
  alicePub = gpg.generate(`Alice <${address(rig, 'alice')}>`);
  context = await launchWithExtension();
  profile = await setUpProfile(context, { ...bobPerson, email: address(rig, 'bob') });
  await ok(sendFrom(profile.ext, 'trust.addRoot', { text: fs.readFileSync(pki.caCrt, 'utf8') }));
  await enable(profile, new URL(rig.url).origin);
  page = await context.newPage();
  await login(page, rig, 'bob');
});

test.afterAll(async () => {
  await context?.close();
  gpg?.cleanup();
  pki?.cleanup();
});

function headers(subject: string): Headers {
  return { from: address(rig, 'alice'), to: address(rig, 'bob'), subject: `${subject} ${run}` };
}

/** Delivers to Bob, opens the message in Roundcube's full view, and opens it in Lockpane's reader. */
async function openInReader(h: Headers, eml: Uint8Array): Promise<FrameLocator> {
  await deliver(rig, 'bob', eml);
  await page.goto(`${rig.url}/?_task=mail&_action=show&_uid=${uidBySubject(rig, 'bob', h.subject)}&_mbox=INBOX`);
  const reader = page.frameLocator('iframe[src*="reader.html"]');
  await pressGuarded(reader.getByTestId('reader-open'));
  await expect(reader.getByTestId('reader-content')).toBeVisible({ timeout: 30_000 });
  return reader;
}

/**
 * The offers are a labelled region and each button names what it imports and is described by its offer
 * (axe cannot run here: it waits on the reader's sandboxed, script-less content frame until it times out).
 */
async function expectLabelled(reader: FrameLocator, button: string, describedBy: RegExp): Promise<void> {
  await expect(reader.getByRole('region', { name: 'Keys and certificates that came with this mail' })).toBeVisible();
  const import_ = reader.getByTestId('mail-offer-import');
  await expect(import_).toHaveAccessibleName(button);
  await expect(import_).toHaveAccessibleDescription(describedBy);
}

/** What Lockpane's editor over Roundcube's compose says about Alice as a recipient. */
async function aliceAsRecipient(): Promise<{ ready: string | null; text: string }> {
  await openCompose(page, rig);
  await fillComposeHeaders(page, { to: address(rig, 'alice'), subject: `to alice ${run}` });
  await page.locator('lockpane-secure').first().click();
  const editor = page.frameLocator('iframe[src*="editor.html"]');
  await expect(editor.getByTestId('editor-to')).toHaveValue(address(rig, 'alice'));
  const row = editor.getByTestId('recipient');
  await expect(row).toBeVisible();
  return { ready: await row.getAttribute('data-ready'), text: await row.innerText() };
}

type Listed = { kind: string; fingerprint: string; emails: string[]; acceptance: string; chain?: string; hasPrivate: boolean };

test('an openssl-signed S/MIME mail offers Alice\'s certificate; imported with the keyboard, it makes Alice an S/MIME recipient', async () => {
  const h = headers('smime cert offer');
  const eml = opensslSmimeMail(h, ['-sign', '-nodetach', '-signer', aliceCert.crt, '-inkey', aliceCert.key, '-md', 'sha256'], textEntity('Signed by Alice, certificate inside'));
  const fingerprint = execFileSync('openssl', ['x509', '-in', aliceCert.crt, '-noout', '-fingerprint', '-sha256']).toString().trim().split('=')[1]!.replace(/:/g, '');
  expect((await aliceAsRecipient()).ready).toBe('false');

  const reader = await openInReader(h, eml);
  await expect(reader.getByTestId('signature').first()).toHaveAttribute('data-status', 'verified');
  const offer = reader.getByTestId('mail-offer');
  await expect(offer).toHaveCount(1);
  await expect(offer).toHaveAttribute('data-kind', 'x509');
  await expect(offer).toHaveAttribute('data-fingerprint', fingerprint);
  await expect(offer).toContainText(address(rig, 'alice'));
  await expect(offer.getByTestId('mail-offer-fingerprint')).toHaveText(fingerprint);
  await expect(offer.getByTestId('mail-offer-chain')).toHaveAttribute('data-chain', 'valid');
  await expectLabelled(reader, 'Import certificate', new RegExp(`${address(rig, 'alice')}.*${fingerprint.slice(0, 4)}`));
  await offer.scrollIntoViewIfNeeded(); // the reader's height is fixed (SECURITY A6.4): offers sit below the message
  await page.screenshot({ path: 'test-results/screenshots/roundcube-offer-certificate.png' });

  await keyGuarded(offer.getByTestId('mail-offer-import'));
  await expect(offer.getByTestId('mail-offer-done')).toContainText('Certificate added');
  const { keys } = await ok<{ keys: Listed[] }>(sendFrom(profile.ext, 'keys.list', {}));
  expect(keys.filter((k) => k.emails.includes(address(rig, 'alice')))).toEqual([expect.objectContaining({ kind: 'x509', fingerprint, chain: 'valid', hasPrivate: false })]);

  const alice = await aliceAsRecipient();
  expect(alice.ready).toBe('true');
  expect(alice.text).toContain('S/MIME');
});

test('a mail with Alice\'s gpg-exported key attached gets a reader offering it; imported, the options page lists it and Alice resolves to OpenPGP', async () => {
  const h = headers('key attachment offer');
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(gpg.gpg(['--with-colons', '--list-keys', address(rig, 'alice')]).toString())![1]!;
  const name = `OpenPGP_0x${fingerprint.slice(-16)}.asc`;
  const eml = mailWithAttachments(h, 'Hi Bob, my OpenPGP key is attached.', [{ name, type: 'application/pgp-keys', data: Buffer.from(alicePub) }]);

  const reader = await openInReader(h, eml);
  await expect(messageText(reader)).toContainText('my OpenPGP key is attached');
  await expect(reader.getByTestId('encryption-status')).toHaveText('Not encrypted.');
  await expect(reader.getByTestId('no-signature')).toBeVisible();
  const offer = reader.getByTestId('mail-offer');
  await expect(offer).toHaveCount(1);
  await expect(offer).toHaveAttribute('data-kind', 'openpgp');
  await expect(offer).toContainText(name);
  await expect(offer.getByTestId('mail-offer-fingerprint')).toHaveText(fingerprint);
  await expectLabelled(reader, 'Import key', new RegExp(`${name}.*${address(rig, 'alice')}`));
  await offer.scrollIntoViewIfNeeded(); // the reader's height is fixed (SECURITY A6.4): offers sit below the message
  await page.screenshot({ path: 'test-results/screenshots/roundcube-offer-key.png' });

  await keyGuarded(offer.getByTestId('mail-offer-import'));
  await expect(offer.getByTestId('mail-offer-done')).toContainText('not verified');

  // The keyring in the options page: Alice's certificate and her key.
  await profile.ext.goto(`chrome-extension://${profile.id}/options.html#keys`);
  await expect(profile.ext.locator(`[data-testid="key-row"][data-fingerprint="${fingerprint}"]`)).toContainText(address(rig, 'alice'));
  await expect(profile.ext.getByTestId('key-row').filter({ hasText: address(rig, 'alice') })).toHaveCount(2);
  const { keys } = await ok<{ keys: Listed[] }>(sendFrom(profile.ext, 'keys.list', {}));
  expect(keys.find((k) => k.fingerprint === fingerprint)).toMatchObject({ kind: 'openpgp', acceptance: 'unverified', hasPrivate: false });

  const alice = await aliceAsRecipient();
  expect(alice.ready).toBe('true');
  expect(alice.text).toContain('OpenPGP');
});
