/**
 * Mail made outside the browser by real peers — GnuPG (inline, PGP/MIME signed and encrypted) and OpenSSL
 * `cms` (S/MIME opaque and detached signed, enveloped) — delivered into Alice's inbox and read in her real
 * SOGo with Lockpane's SOGo adapter: the inline block from SOGo's view, everything else from the message's
 * raw source (SOGo's export route). A mail signed by someone other than its From shows the mismatch.
 */
import fs from 'node:fs';
import type { BrowserContext, FrameLocator, Page } from '@playwright/test';
import { TestPki, type User } from '../../keyring/testing/openssl-pki';
import { opensslMail, PeerGpg, pgpInline, pgpMimeEncrypted, pgpMimeSigned, textEntity, type Headers } from '../../extension/testing/peer-mail';
import { address, deliver } from '../roundcube/rig';
import { requireSogo, sogoLogin, sogoOpenMessage, sogoOrigin, sogoScriptView, type SogoRig } from '../sogo/rig';
import { expect, launchWithExtension, ok, sendFrom, test } from '../support/fixtures';
import { messageText, revealInReader } from '../support/frames';
import { alice as alicePerson, enable, setUpProfile, type Profile } from '../support/identities';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let rig: SogoRig;
let context: BrowserContext;
let profile: Profile;
let page: Page;
let pki: TestPki;
let aliceCert: User;
let bobCert: User;
let gpg: PeerGpg;
let mallory: PeerGpg;
const run = Date.now().toString(36);

test.beforeAll(async () => {
  rig = requireSogo();
  pki = new TestPki('SOGo peers CA');
  aliceCert = pki.user('alice', { email: address(rig, 'alice') });
  bobCert = pki.user('bob', { email: address(rig, 'bob') });
  gpg = new PeerGpg();
  const bobPub = gpg.generate(`Bob <${address(rig, 'bob')}>`);
  mallory = new PeerGpg();
  const malloryPub = mallory.generate('Mallory <mallory@example.test>');

  context = await launchWithExtension();
  profile = await setUpProfile(context, { ...alicePerson, email: address(rig, 'alice') });
  gpg.importKey(profile.publicKey);
  mallory.importKey(profile.publicKey);
  const imported = await ok<{ results: { key: { fingerprint: string } }[] }>(sendFrom(profile.ext, 'keys.import', { text: bobPub }));
  await ok(sendFrom(profile.ext, 'keys.setAcceptance', { fingerprint: imported.results[0]!.key.fingerprint, event: 'verify' }));
  await ok(sendFrom(profile.ext, 'keys.import', { text: malloryPub }));
  await ok(sendFrom(profile.ext, 'keys.import', { base64: fs.readFileSync(aliceCert.p12).toString('base64'), password: 'test', protectWith: alicePerson.passphrase }));
  await ok(sendFrom(profile.ext, 'trust.addRoot', { text: fs.readFileSync(pki.caCrt, 'utf8') }));
  await enable(profile, sogoOrigin(rig));
  page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await sogoLogin(page, rig, 'alice');
});

test.afterAll(async () => {
  await context?.close();
  gpg?.cleanup();
  mallory?.cleanup();
  pki?.cleanup();
});

function headers(subject: string, from = address(rig, 'bob')): Headers {
  return { from, to: address(rig, 'alice'), subject: `${subject} ${run}` };
}

/** Delivers a mail to Alice, opens it in SOGo and returns Lockpane's reader in SOGo's message view. */
async function openMail(h: Headers, eml: Uint8Array): Promise<FrameLocator> {
  await deliver(rig, 'alice', eml);
  const view = await sogoOpenMessage(page, h.subject);
  return view.frameLocator('iframe[src*="reader.html"]');
}

async function expectShown(reader: FrameLocator, text: string, want: { encrypted: boolean; kind: string }): Promise<void> {
  await expect(reader.getByTestId('reader-view')).toHaveAttribute('data-kind', want.kind);
  await revealInReader(reader, alicePerson.passphrase);
  await expect(messageText(reader)).toContainText(text);
  const sig = reader.getByTestId('signature').first();
  await expect(sig).toHaveAttribute('data-status', 'verified');
  await expect(sig).toHaveAttribute('data-sender-matches', 'true');
  await expect(reader.getByTestId('encryption-status')).toHaveText(want.encrypted ? /^Encrypted/ : 'Not encrypted.');
}

test('gpg: inline (encrypted+signed) and PGP/MIME (signed; encrypted+signed) read and verify in SOGo', async () => {
  const inline = headers('SOGo gpg inline');
  await expectShown(await openMail(inline, pgpInline(gpg, inline, 'Inline from gpg in SOGo: Befund 17')), 'Inline from gpg in SOGo: Befund 17', { encrypted: true, kind: 'pgp-message' });

  const signed = headers('SOGo gpg PGP/MIME signed');
  await expectShown(await openMail(signed, pgpMimeSigned(gpg, signed, textEntity('PGP/MIME signed by gpg: Termin 9 Uhr'))), 'PGP/MIME signed by gpg: Termin 9 Uhr', { encrypted: false, kind: 'raw-message' });

  const enc = headers('SOGo gpg PGP/MIME encrypted');
  const secret = 'PGP/MIME encrypted by gpg: Laborwert 4,2';
  await expectShown(await openMail(enc, pgpMimeEncrypted(gpg, enc, textEntity(secret))), secret, { encrypted: true, kind: 'raw-message' });
  expect(await sogoScriptView(page)).not.toContain(secret);
});

test('openssl S/MIME: opaque signed, detached signed, and enveloped (AES-256-CBC, signed inside) read and verify in SOGo', async () => {
  const entity = textEntity('S/MIME from openssl in SOGo: Röntgen ok');
  const sign = ['-sign', '-signer', bobCert.crt, '-inkey', bobCert.key, '-md', 'sha256'];
  const cases: { name: string; eml: (h: Headers) => Buffer; encrypted: boolean }[] = [
    { name: 'SOGo openssl opaque signed', eml: (h) => opensslMail(h, [...sign, '-nodetach'], entity), encrypted: false },
    { name: 'SOGo openssl detached signed', eml: (h) => opensslMail(h, sign, entity), encrypted: false },
    { name: 'SOGo openssl enveloped', eml: (h) => opensslMail(h, ['-encrypt', '-aes-256-cbc', '-recip', aliceCert.crt], opensslMail(headers('inner'), sign, entity)), encrypted: true },
  ];
  for (const c of cases) {
    await test.step(c.name, async () => {
      const h = headers(c.name);
      await expectShown(await openMail(h, c.eml(h)), 'S/MIME from openssl in SOGo: Röntgen ok', { encrypted: c.encrypted, kind: 'raw-message' });
    });
  }
});

test('a PGP/MIME mail signed by someone else than its From shows the mismatch in SOGo', async () => {
  const m = headers('SOGo gpg other signer');
  const reader = await openMail(m, pgpMimeSigned(mallory, m, textEntity('I am Bob, trust me'), 'mallory@example.test'));
  await revealInReader(reader, alicePerson.passphrase);
  await expect(reader.getByTestId('signature')).toHaveAttribute('data-sender-matches', 'false');
  await expect(reader.getByTestId('sender-mismatch')).toBeVisible();
});
