/**
 * Mail made outside the browser by real peers — GnuPG (inline and PGP/MIME), OpenSSL `cms` (S/MIME opaque
 * and detached signed; enveloped with RSA-OAEP, RSA PKCS#1 v1.5, AES-GCM AuthEnvelopedData, ECDH) and gpgsm —
 * delivered into Bob's real Roundcube inbox. Bob reads each with Lockpane: the adapter fetches the raw
 * message, the reader shows the plaintext and the status. A tampered mail shows "invalid"; a mail signed by
 * someone other than its From shows the mismatch; decrypted attachments are saved from the reader frame.
 */
import fs from 'node:fs';
import type { BrowserContext, FrameLocator, Page, TestInfo } from '@playwright/test';
import { TestPki, type User } from '../../keyring/testing/openssl-pki';
import {
  opensslMail, PeerGpg, PeerGpgsm, pgpInline, pgpMimeEncrypted, pgpMimeSigned, pgpWithFiles, pkcs7MimeMail, smimeAsAttachment,
  smimeDetachedMail, tamper, textEntity, type Headers,
} from '../../extension/testing/peer-mail';
import { address, deliver, login, requireRoundcube, uidBySubject, type Rig } from '../roundcube/rig';
import { expect, launchWithExtension, ok, sendFrom, test } from '../support/fixtures';
import { messageText, revealInReader } from '../support/frames';
import { bob as bobPerson, enable, setUpProfile, type Profile } from '../support/identities';
import { pressGuarded } from '../support/guarded';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let rig: Rig;
let context: BrowserContext;
let profile: Profile;
let page: Page;
let pki: TestPki;
let aliceCert: User;
let bobCert: User;
let bobEcCert: User;
let gpg: PeerGpg;
let mallory: PeerGpg;
let gpgsm: PeerGpgsm;
const run = Date.now().toString(36);

test.beforeAll(async () => {
  rig = requireRoundcube();
  pki = new TestPki('Peers CA');
  aliceCert = pki.user('alice', { email: address(rig, 'alice') });
  bobCert = pki.user('bob', { email: address(rig, 'bob') });
  bobEcCert = pki.user('bobec', { kind: 'p256', email: address(rig, 'bob') });
  gpg = new PeerGpg();
  const alicePub = gpg.generate(`Alice <${address(rig, 'alice')}>`);
  mallory = new PeerGpg();
  const malloryPub = mallory.generate('Mallory <mallory@example.test>');
  gpgsm = new PeerGpgsm(pki.caCrt, [aliceCert.legacyP12], [bobCert.crt]);

  context = await launchWithExtension();
  profile = await setUpProfile(context, { ...bobPerson, email: address(rig, 'bob') });
  gpg.importKey(profile.publicKey);
  const imported = await ok<{ results: { key: { fingerprint: string } }[] }>(sendFrom(profile.ext, 'keys.import', { text: alicePub }));
  await ok(sendFrom(profile.ext, 'keys.setAcceptance', { fingerprint: imported.results[0]!.key.fingerprint, event: 'verify' }));
  await ok(sendFrom(profile.ext, 'keys.import', { text: malloryPub }));
  for (const p12 of [bobCert.p12, bobEcCert.p12]) {
    await ok(sendFrom(profile.ext, 'keys.import', { base64: fs.readFileSync(p12).toString('base64'), password: 'test', protectWith: bobPerson.passphrase }));
  }
  await ok(sendFrom(profile.ext, 'trust.addRoot', { text: fs.readFileSync(pki.caCrt, 'utf8') }));
  await enable(profile, new URL(rig.url).origin);
  page = await context.newPage();
  await login(page, rig, 'bob');
});

test.afterAll(async () => {
  await context?.close();
  gpg?.cleanup();
  mallory?.cleanup();
  gpgsm?.cleanup();
  pki?.cleanup();
});

function headers(subject: string, from = address(rig, 'alice')): Headers {
  return { from, to: address(rig, 'bob'), subject: `${subject} ${run}` };
}

/**
 * Delivers a mail to Bob and opens it in Roundcube's full message view (or, with `preview`, in the mail
 * list's preview pane, as a user clicks it); returns Lockpane's reader frame.
 */
async function openMail(h: Headers, eml: Uint8Array, opts: { preview?: boolean } = {}): Promise<FrameLocator> {
  await deliver(rig, 'bob', eml);
  if (opts.preview) {
    await page.goto(`${rig.url}/?_task=mail&_mbox=INBOX`);
    await page.locator('#messagelist tr', { hasText: h.subject }).click();
    await expect.poll(() => page.frame({ name: 'messagecontframe' })?.url() ?? '').toContain('_action=preview');
    return page.frameLocator('#messagecontframe').frameLocator('iframe[src*="reader.html"]');
  }
  const uid = uidBySubject(rig, 'bob', h.subject);
  await page.goto(`${rig.url}/?_task=mail&_action=show&_uid=${uid}&_mbox=INBOX`);
  return page.frameLocator('iframe[src*="reader.html"]');
}

/** Decrypt/verify in the reader; the passphrase prompt comes only while Bob's keys are locked. */
async function reveal(reader: FrameLocator): Promise<void> {
  await revealInReader(reader, bobPerson.passphrase, 30_000);
}

async function expectShown(reader: FrameLocator, text: string, want: { encrypted: boolean; status: string; senderMatches?: boolean }): Promise<void> {
  await expect(messageText(reader)).toContainText(text);
  const sig = reader.getByTestId('signature').first();
  await expect(sig).toHaveAttribute('data-status', want.status);
  await expect(sig).toHaveAttribute('data-sender-matches', String(want.senderMatches ?? true));
  await expect(reader.getByTestId('encryption-status')).toHaveText(want.encrypted ? /^Encrypted/ : 'Not encrypted.');
}

/** Summed RSS (MB) of the browser this test process started and all its processes, read from /proc (Linux). */
function browserRssMb(): number {
  const children = new Map<number, number[]>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${d}/status`, 'utf8'))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // exited meanwhile
    }
  }
  let kb = 0;
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      try {
        kb += Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${c}/status`, 'utf8'))?.[1] ?? 0);
      } catch {
        // exited meanwhile
      }
      walk(c);
    }
  };
  walk(process.pid);
  return Math.round(kb / 1024);
}

async function screenshot(testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
  // The README's copies are refreshed on request only, so a test run never dirties the checkout.
  if (process.env.LOCKPANE_UPDATE_SCREENSHOTS === '1') fs.copyFileSync(file, `docs/screenshots/${name}.png`);
}

test('gpg: inline and PGP/MIME (signed; encrypted+signed) read and verify; the raw source path marks "verified"', async ({}, testInfo) => {
  const inline = headers('gpg inline');
  await reveal(await openMail(inline, pgpInline(gpg, inline, 'Inline from gpg: Befund 17')));
  await expectShown(page.frameLocator('iframe[src*="reader.html"]'), 'Inline from gpg: Befund 17', { encrypted: true, status: 'verified' });

  const signed = headers('gpg PGP/MIME signed');
  let reader = await openMail(signed, pgpMimeSigned(gpg, signed, textEntity('PGP/MIME signed by gpg: Termin 9 Uhr')));
  await expect(reader.getByTestId('reader-view')).toHaveAttribute('data-kind', 'raw-message');
  await reveal(reader);
  await expectShown(reader, 'PGP/MIME signed by gpg: Termin 9 Uhr', { encrypted: false, status: 'verified' });

  const enc = headers('gpg PGP/MIME encrypted');
  reader = await openMail(enc, pgpMimeEncrypted(gpg, enc, textEntity('PGP/MIME encrypted by gpg: Laborwert 4,2')), { preview: true });
  await reveal(reader);
  await expectShown(reader, 'PGP/MIME encrypted by gpg: Laborwert 4,2', { encrypted: true, status: 'verified' });
  await screenshot(testInfo, 'roundcube-bob-reader-pgpmime-peer');
});

test('OpenPGP: one byte of the signed part changed shows "invalid"; a mail signed by someone else than its From shows the mismatch', async () => {
  const t = headers('gpg tampered');
  let reader = await openMail(t, tamper(pgpMimeSigned(gpg, t, textEntity('Please pay 100 EUR')), '100 EUR'));
  await reveal(reader);
  await expect(reader.getByTestId('signature')).toHaveAttribute('data-status', 'invalid');

  const m = headers('gpg other signer');
  reader = await openMail(m, pgpMimeSigned(mallory, m, textEntity('I am Alice, trust me'), 'mallory@example.test'));
  await reveal(reader);
  await expect(reader.getByTestId('signature')).toHaveAttribute('data-sender-matches', 'false');
  await expect(reader.getByTestId('sender-mismatch')).toBeVisible();
});

test('OpenPGP per-file encrypted attachments: listed decrypted, "Save" downloads the exact bytes from the reader frame', async () => {
  const h = headers('gpg files');
  const pdf = Buffer.alloc(3 * 1024 * 1024 + 17, 0x41);
  pdf.write('%PDF-1.7 peers', 0);
  const reader = await openMail(h, pgpWithFiles(gpg, h, 'Two files attached', [{ name: 'befund.pdf', data: pdf }, { name: 'notiz.txt', data: Buffer.from('notiz\n') }]));
  await reveal(reader);
  await expectShown(reader, 'Two files attached', { encrypted: true, status: 'verified' });
  await expect(reader.getByTestId('attachment')).toHaveCount(2);
  await expect(reader.getByTestId('attachment').first()).toHaveAttribute('data-name', 'befund.pdf');
  const download = page.waitForEvent('download');
  await pressGuarded(reader.getByTestId('attachment-save').first());
  const file = await download;
  expect(file.suggestedFilename()).toBe('befund.pdf');
  const saved = fs.readFileSync(await file.path());
  expect(saved.equals(pdf)).toBe(true);
  await expect(reader.getByTestId('attachment-saved')).toBeVisible();
});

test('openssl S/MIME: opaque and detached signed, enveloped RSA-OAEP / PKCS#1 / AES-GCM AuthEnveloped / ECDH, and as smime.p7m attachment', async ({}, testInfo) => {
  const entity = textEntity('S/MIME from openssl: Röntgen ok');
  const sign = ['-sign', '-signer', aliceCert.crt, '-inkey', aliceCert.key, '-md', 'sha256'];
  const signedEntity = opensslMail(headers('inner'), sign, entity);
  const cases: { name: string; eml: (h: Headers) => Buffer; encrypted: boolean }[] = [
    { name: 'openssl opaque signed', eml: (h) => opensslMail(h, [...sign, '-nodetach'], entity), encrypted: false },
    { name: 'openssl detached signed', eml: (h) => opensslMail(h, sign, entity), encrypted: false },
    { name: 'openssl OAEP', eml: (h) => opensslMail(h, ['-encrypt', '-aes-256-cbc', '-recip', bobCert.crt, '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'], signedEntity), encrypted: true },
    { name: 'openssl PKCS1', eml: (h) => opensslMail(h, ['-encrypt', '-aes-256-cbc', '-recip', bobCert.crt], signedEntity), encrypted: true },
    { name: 'openssl GCM', eml: (h) => opensslMail(h, ['-encrypt', '-aes-256-gcm', '-recip', bobCert.crt, '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'], signedEntity), encrypted: true },
    { name: 'openssl ECDH', eml: (h) => opensslMail(h, ['-encrypt', '-aes-256-cbc', '-recip', bobEcCert.crt, '-keyopt', 'ecdh_kdf_md:sha256'], signedEntity), encrypted: true },
    { name: 'smime p7m attachment', eml: (h) => smimeAsAttachment(h, opensslMail(h, ['-encrypt', '-aes-256-cbc', '-recip', bobCert.crt, '-outform', 'DER'], signedEntity)), encrypted: true },
  ];
  for (const c of cases) {
    await test.step(c.name, async () => {
      const h = headers(c.name);
      const reader = await openMail(h, c.eml(h));
      await expect(reader.getByTestId('reader-view')).toHaveAttribute('data-kind', 'raw-message');
      await reveal(reader);
      await expectShown(reader, 'S/MIME from openssl: Röntgen ok', { encrypted: c.encrypted, status: 'verified' });
      if (c.name === 'openssl GCM') await screenshot(testInfo, 'roundcube-bob-reader-smime-peer');
    });
  }
});

test('S/MIME: a tampered detached signature shows "invalid"; a certificate for someone else shows the mismatch', async () => {
  const entity = textEntity('Dosis 5 mg');
  const t = headers('openssl tampered');
  let reader = await openMail(t, tamper(opensslMail(t, ['-sign', '-signer', aliceCert.crt, '-inkey', aliceCert.key, '-md', 'sha256'], entity), '5 mg'));
  await reveal(reader);
  await expect(reader.getByTestId('signature')).toHaveAttribute('data-status', 'invalid');

  const m = headers('openssl other signer', 'carol@example.test');
  reader = await openMail(m, opensslMail(m, ['-sign', '-signer', aliceCert.crt, '-inkey', aliceCert.key, '-md', 'sha256'], entity));
  await reveal(reader);
  await expect(reader.getByTestId('signature')).toHaveAttribute('data-sender-matches', 'false');
  await expect(reader.getByTestId('sender-mismatch')).toBeVisible();
});

test('gpgsm: signed (opaque and detached) and encrypted (RSA PKCS#1 v1.5, AES-128-CBC) read and verify', async () => {
  const entity = textEntity('From gpgsm: Blutbild normal');
  const opaque = headers('gpgsm signed');
  let reader = await openMail(opaque, pkcs7MimeMail(opaque, gpgsm.run(['-u', address(rig, 'alice'), '--sign'], entity), 'signed-data'));
  await reveal(reader);
  await expectShown(reader, 'From gpgsm: Blutbild normal', { encrypted: false, status: 'verified' });

  const detached = headers('gpgsm detached');
  reader = await openMail(detached, smimeDetachedMail(detached, entity, gpgsm.run(['-u', address(rig, 'alice'), '--detach-sign'], entity)));
  await reveal(reader);
  await expectShown(reader, 'From gpgsm: Blutbild normal', { encrypted: false, status: 'verified' });

  const enc = headers('gpgsm encrypted');
  reader = await openMail(enc, pkcs7MimeMail(enc, gpgsm.run(['-r', address(rig, 'bob'), '--encrypt'], entity), 'enveloped-data'));
  await reveal(reader);
  await expect(messageText(reader)).toContainText('From gpgsm: Blutbild normal');
  await expect(reader.getByTestId('no-signature')).toBeVisible();
});

test('a 25 MB per-file encrypted attachment: read from Roundcube\'s raw source, saved from the reader with progress (times logged)', async ({}, testInfo) => {
  const h = headers('gpg 25 MB');
  const big = Buffer.alloc(25 * 1000 * 1000);
  for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE((i * 2654435761) >>> 0, i); // not compressible to nothing
  const eml = pgpWithFiles(gpg, h, 'One large scan', [{ name: 'scan.bin', data: big }]);
  const baseRss = browserRssMb();
  let peakRss = baseRss;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, browserRssMb()); }, 250);
  const t0 = Date.now();
  const reader = await openMail(h, eml);
  await expect(reader.getByTestId('reader-open')).toBeVisible({ timeout: 120_000 });
  const t1 = Date.now();
  await reveal(reader);
  await expect(reader.getByTestId('attachment')).toHaveAttribute('data-name', 'scan.bin', { timeout: 120_000 });
  const t2 = Date.now();
  const download = page.waitForEvent('download', { timeout: 180_000 });
  await pressGuarded(reader.getByTestId('attachment-save'));
  await expect(reader.getByTestId('attachment-progress')).toBeAttached();
  const file = await download;
  const saved = fs.readFileSync(await file.path());
  const t3 = Date.now();
  clearInterval(sampler);
  expect(saved.length).toBe(big.length);
  expect(saved.equals(big)).toBe(true);
  const timing = `mail ${(eml.length / 1e6).toFixed(1)} MB; deliver+open+raw fetch to reader ${t1 - t0} ms; decrypt ${t2 - t1} ms; save ${t3 - t2} ms; `
    + `browser RSS (all processes) ${baseRss} MB before, peak ${peakRss} MB`;
  testInfo.annotations.push({ type: 'timing', description: timing });
  console.log(`25 MB attachment: ${timing}`);
});

test('Autocrypt: the sender\'s key in a PGP/MIME mail is offered in the reader and imported as not verified', async () => {
  const carol = new PeerGpg();
  try {
    const pub = carol.generate('Carol <carol@example.test>');
    const binary = carol.gpg(['--export', 'carol@example.test']);
    const keydata = binary.toString('base64').replace(/.{1,72}/g, (line) => `\r\n ${line}`);
    const h: Headers = { from: 'carol@example.test', to: address(rig, 'bob'), subject: `autocrypt ${run}` };
    const eml = Buffer.concat([
      Buffer.from(`Autocrypt: addr=carol@example.test; prefer-encrypt=mutual; keydata=${keydata}\r\n`),
      pgpMimeSigned(carol, h, textEntity('Hello from Carol, my key is in the header')),
    ]);
    const reader = await openMail(h, eml);
    await reveal(reader);
    await expect(reader.getByTestId('signature').first()).toHaveAttribute('data-status', 'unknown-signer');
    await expect(reader.getByTestId('offered-key')).toContainText('carol@example.test');
    await pressGuarded(reader.getByTestId('offered-key-import'));
    await expect(reader.getByTestId('offered-key-done')).toContainText('not verified');
    const { keys } = await ok<{ keys: { fingerprint: string; emails: string[]; acceptance: string }[] }>(sendFrom(profile.ext, 'keys.list', {}));
    const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(carol.gpg(['--with-colons', '--list-keys', 'carol@example.test']).toString())?.[1];
    expect(keys.find((k) => k.emails.includes('carol@example.test'))).toMatchObject({ fingerprint, acceptance: 'unverified' });
    expect(pub).toContain('BEGIN PGP PUBLIC KEY BLOCK');
  } finally {
    carol.cleanup();
  }
});
