/**
 * The real Roundcube rig works end to end in Chromium with Lockpane loaded: Roundcube's own compose sends
 * through Postfix into Bob's Maildir, Bob's Roundcube lists it, the view-source download returns the very
 * bytes Dovecot stored, and an armored block in Bob's mail gets Lockpane's reader frame.
 * Two browser profiles: the `context` fixture is Bob's; Alice gets her own launched profile.
 */
import type { Frame, Page } from '@playwright/test';
import PostalMime from 'postal-mime';
import { injectAdapter, type RoundcubeModule } from '../roundcube/adapter-in-page';
import { expect, launchWithExtension, test } from '../support/fixtures';
import { address, openCompose, deliver, login, maildirFiles, rawSourceViaHttp, requireRoundcube, sendViaCompose, uidBySubject, waitForStored, type Rig } from '../roundcube/rig';

// Two browser profiles, logins and real SMTP/IMAP round trips: more than the default minute on a busy machine.
test.describe.configure({ timeout: 120_000 });

let rig: Rig;
test.beforeAll(() => {
  rig = requireRoundcube();
});

const hasText = (s: string) => (m: { bytes: Buffer }) => m.bytes.includes(s);

/** The preview iframe's frame once it shows a message. */
async function previewFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frame({ name: 'messagecontframe' })?.url() ?? '').toContain('_action=preview');
  return page.frame({ name: 'messagecontframe' }) as Frame;
}

test('Alice sends with Roundcube compose; Bob sees it; the view-source download equals his Maildir file', async ({ context }) => {
  const subject = `Rig check ${Date.now()}`;
  const body = 'Hello Bob,\nthis went through Roundcube, Postfix and Dovecot.\n\tA tab-indented line stays.\n';
  const alice = await launchWithExtension();
  try {
    const page = await alice.newPage();
    await login(page, rig, 'alice');
    await sendViaCompose(page, rig, { to: address(rig, 'bob'), subject, body });
  } finally {
    await alice.close();
  }
  const stored = await waitForStored(rig, 'bob', hasText(subject));
  expect(stored.bytes.includes('A tab-indented line stays.')).toBe(true);
  // Roundcube kept its Sent copy on the server too.
  expect(maildirFiles(rig, 'alice', 'Sent').some(hasText(subject))).toBe(true);

  const bob = await context.newPage();
  await login(bob, rig, 'bob');
  await expect(bob.locator('#messagelist tr', { hasText: subject })).toBeVisible();

  const uid = uidBySubject(rig, 'bob', subject);
  const raw = await rawSourceViaHttp(bob, rig, uid);
  // Re-read from disk: Dovecot may have moved the file from new/ to cur/ when Bob's list was loaded.
  const onDisk = maildirFiles(rig, 'bob').find(hasText(subject));
  expect(onDisk).toBeDefined();
  expect(raw.length).toBe(onDisk!.bytes.length);
  expect(Buffer.compare(raw, onDisk!.bytes)).toBe(0);
  expect(raw.includes('\r\n')).toBe(true); // exact bytes, CRLF kept (the non-_save view rewrites them)
});

test('an armored PGP mail delivered into Bob\'s inbox shows in his preview pane; Lockpane mounts its reader on it', async ({ context, enableSite }) => {
  const subject = `Armored ${Date.now()}`;
  const armored = [
    '-----BEGIN PGP MESSAGE-----', '',
    'jA0ECQMCDilIaG3dEvz/0lMBfAzeQxMuip018JgDXVgslhbOzMJZZZ9lvyTQXnn5',
    'W7lXrphz2T4t2YHuDSJzQJuxtkFmixBMtKIS3n1XjBxN6DlZNrODFrksWjqA+cZP',
    'U0wXLw==', '=W59K', '-----END PGP MESSAGE-----',
  ].join('\r\n');
  await deliver(rig, 'bob', [
    `From: Alice <${address(rig, 'alice')}>`, `To: ${address(rig, 'bob')}`, `Subject: ${subject}`,
    'Date: Sat, 28 Nov 2026 12:00:00 +0000', `Message-ID: <${Date.now()}@${rig.domain}>`,
    'Content-Type: text/plain; charset=utf-8', '', armored, '',
  ].join('\r\n'));

  await enableSite(new URL(rig.url).origin);
  const bob = await context.newPage();
  await login(bob, rig, 'bob');
  await bob.locator('#messagelist tr', { hasText: subject }).click();
  const preview = await previewFrame(bob);
  await expect(preview.locator('#messagebody')).toContainText('-----BEGIN PGP MESSAGE-----');
  // The content script runs in same-origin sub-frames too (allFrames), so the preview pane gets its reader…
  await expect(preview.frameLocator('iframe[title]').getByTestId('reader-view')).toHaveAttribute('data-kind', 'pgp-message');
  // …and so does the full-page message view, a top-level document.
  const uid = uidBySubject(rig, 'bob', subject);
  await bob.goto(`${rig.url}/?_task=mail&_action=show&_uid=${uid}&_mbox=INBOX`);
  const full = bob.frameLocator('iframe[title]');
  await expect(full.getByTestId('reader-view')).toHaveAttribute('data-kind', 'pgp-message');
  const size = new TextEncoder().encode(armored.replace(/\r\n/g, '\n')).length;
  await expect(full.getByTestId('reader-size')).toContainText(`${size} bytes`);
});

test('the adapter, run in Bob\'s live Roundcube, finds the preview pane and downloads the exact stored bytes', async ({ context }) => {
  const subject = `Adapter raw ${Date.now()}`;
  // Trailing blanks, a tab and CRLF: Roundcube's plain view-source would rewrite these, the download must not.
  const eml = [`From: Alice Example <${address(rig, 'alice')}>`, `To: ${address(rig, 'bob')}`, `Subject: ${subject}`,
    `Message-ID: <raw-${Date.now()}@${rig.domain}>`, 'Content-Type: text/plain; charset=utf-8', '',
    'trailing spaces   ', 'a\ttab\t', '', '-- ', 'sig', ''].join('\r\n');
  const stored = await deliver(rig, 'bob', eml, { via: 'smtp' }); // through Postfix and LMTP
  const bob = await context.newPage();
  await login(bob, rig, 'bob');
  await bob.locator('#messagelist tr', { hasText: subject }).click();
  await expect((await previewFrame(bob)).locator('#messagebody')).toContainText('trailing spaces');
  await injectAdapter(bob);
  const seen = await bob.evaluate(async () => {
    const m = (window as unknown as { __lockpaneRoundcube: RoundcubeModule }).__lockpaneRoundcube;
    const adapter = m.createRoundcubeAdapter();
    const panes = adapter.readPanes(document);
    const pane = panes[0];
    const bytes = pane?.fetchRawSource ? await pane.fetchRawSource() : new Uint8Array();
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return { detected: adapter.detect(document), panes: panes.length, sender: pane?.senderEmail, subject: pane?.subject, raw: btoa(bin) };
  });
  expect(seen).toMatchObject({ detected: true, panes: 1, sender: address(rig, 'alice'), subject });
  const raw = Buffer.from(seen.raw, 'base64');
  const onDisk = maildirFiles(rig, 'bob').find(hasText(subject));
  expect(onDisk?.bytes.equals(stored.bytes)).toBe(true);
  expect(Buffer.compare(raw, onDisk!.bytes)).toBe(0);
  expect(raw.includes('trailing spaces   \r\na\ttab\t\r\n')).toBe(true);
});

test('the adapter reads Roundcube\'s compose form, and what setBody puts in (plain and HTML editor) is what Roundcube sends', async ({ context }) => {
  const armored = ['-----BEGIN PGP MESSAGE-----', '', 'wV4DR2b2udXyHrYSAQdAO7G6Bt2bJ9SCb0NeF4q1vPrKUxBk2T2ESXBN4B1ELVsw', '=AbCd', '-----END PGP MESSAGE-----'].join('\n');
  const alice = await context.newPage();
  await login(alice, rig, 'alice');
  for (const editor of ['plain', 'html'] as const) {
    const subject = `Adapter compose ${editor} ${Date.now()}`;
    await openCompose(alice, rig);
    await alice.waitForURL(/_id=/);
    const to = alice.locator('.recipient-input input').first();
    await to.fill(address(rig, 'bob'));
    await to.press('Enter');
    await alice.locator('#compose-subject').fill(subject);
    if (editor === 'html') {
      await alice.evaluate(() => (window as unknown as { rcmail: { command(c: string, p: unknown): unknown } }).rcmail.command('toggle-editor', { html: true }));
      await alice.frameLocator('#composebody_ifr').locator('body').waitFor();
    }
    await injectAdapter(alice);
    const form = await alice.evaluate((text) => {
      const m = (window as unknown as { __lockpaneRoundcube: RoundcubeModule }).__lockpaneRoundcube;
      const [pane] = m.createRoundcubeAdapter().composePanes(document);
      if (!pane) return null;
      pane.setBody(text);
      return { recipients: pane.getRecipients(), subject: pane.getSubject(), editor: pane.editor.id || pane.editor.className };
    }, armored);
    expect(form).toMatchObject({ recipients: { to: [address(rig, 'bob')], cc: [], bcc: [] }, subject });
    expect(form?.editor).toMatch(editor === 'plain' ? /^composebody$/ : /tox-tinymce/);
    await alice.locator('.formbuttons button.send, button.btn.send').first().click();
    await alice.waitForURL((u) => u.searchParams.get('_action') !== 'compose', { timeout: 20_000 });
    const stored = await waitForStored(rig, 'bob', hasText(subject));
    const parsed = await PostalMime.parse(stored.bytes);
    // Every armor line arrives intact in the text Roundcube sent (format=flowed and html2text included).
    const text = (parsed.text ?? '').replace(/\r\n/g, '\n');
    for (const line of armored.split('\n').filter(Boolean)) expect(text).toContain(line);
    if (editor === 'html') expect(parsed.html ?? '').toContain('<pre>');
  }
});

test('the adapter attaches a file through Roundcube\'s own upload, and Bob\'s stored mail carries its exact bytes', async ({ context }) => {
  const subject = `Adapter attach ${Date.now()}`;
  const alice = await context.newPage();
  await login(alice, rig, 'alice');
  await openCompose(alice, rig);
  await alice.waitForURL(/_id=/);
  const to = alice.locator('.recipient-input input').first();
  await to.fill(address(rig, 'bob'));
  await to.press('Enter');
  await alice.locator('#compose-subject').fill(subject);
  await alice.locator('#composebody').fill('See the attachment.'); // an empty body makes Roundcube ask first
  await injectAdapter(alice);
  // 300 KB of binary: more than one network chunk, every byte value.
  const attached = await alice.evaluate(async () => {
    const m = (window as unknown as { __lockpaneRoundcube: RoundcubeModule }).__lockpaneRoundcube;
    const [pane] = m.createRoundcubeAdapter().composePanes(document);
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7919) & 0xff);
    await pane!.attach!(new File([bytes], 'secret.pgp', { type: 'application/octet-stream' }));
    return document.querySelector('#attachment-list')?.textContent ?? '';
  });
  expect(attached).toContain('secret.pgp');
  await alice.locator('.formbuttons button.send, button.btn.send').first().click();
  await alice.waitForURL((u) => u.searchParams.get('_action') !== 'compose', { timeout: 20_000 });
  const stored = await waitForStored(rig, 'bob', hasText(subject));
  const parsed = await PostalMime.parse(stored.bytes);
  const file = parsed.attachments.find((a) => a.filename === 'secret.pgp');
  expect(file).toBeDefined();
  const got = new Uint8Array(file!.content as ArrayBuffer);
  const want = new Uint8Array(300_000).map((_, i) => (i * 7919) & 0xff);
  expect(got.length).toBe(want.length);
  expect(Buffer.from(got).equals(Buffer.from(want))).toBe(true);
});
