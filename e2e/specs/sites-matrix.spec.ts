/**
 * The parts of issue #17's matrix the provider specs (gmail/outlook/yahoo.spec.ts) do not cover, run the
 * same way on each replica (Gmail, Outlook on the web for Microsoft 365, Yahoo): S/MIME opaque signed and
 * detached (multipart/signed) mail by openssl read over the site's raw source with the signature verified;
 * a file gpg encrypted and attached (*.pgp, as the site lists it) read over the raw source and saved to
 * its exact bytes; and a message written in the site's compose, encrypted and signed, whose signature
 * gpg verifies on what the site's Send got.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, FrameLocator, Page } from '@playwright/test';
import { TestPki } from '../../keyring/testing/openssl-pki';
import { opensslMail, PeerGpg, pgpWithFiles, textEntity, writeTemp, type Headers } from '../../extension/testing/peer-mail';
import { siteDrivers } from '../sites/hostile-drivers';
import { expect, ok, sendFrom, test } from '../support/fixtures';
import { answerPromptIfAsked, messageText, revealInReader } from '../support/frames';
import { pressGuarded } from '../support/guarded';
import { layoutSettled } from '../support/demo-password-mail';
import { bob, enable, setUpProfile, type Profile } from '../support/identities';

test.describe.configure({ timeout: 180_000 });

const aliceAddr = 'alice@example.test';
const alice = { name: 'Alice Example', email: aliceAddr };
const head = (subject: string): Headers => ({ from: aliceAddr, to: bob.email, subject });
const reader = (page: Page): FrameLocator => page.frameLocator('iframe[src*="reader.html"]');

let gpg: PeerGpg;
test.beforeEach(() => {
  gpg = new PeerGpg();
});
test.afterEach(() => gpg?.cleanup());

for (const site of siteDrivers) {
  test.describe(`${site.name} replica`, () => {
    async function bobWithAlice(context: BrowserContext): Promise<Profile> {
      const profile = await setUpProfile(context, bob);
      const alicePub = gpg.generate(`Alice <${aliceAddr}>`);
      gpg.importKey(profile.publicKey);
      const imported = await ok<{ results: { key: { fingerprint: string } }[] }>(sendFrom(profile.ext, 'keys.import', { text: alicePub }));
      await ok(sendFrom(profile.ext, 'keys.setAcceptance', { fingerprint: imported.results[0]!.key.fingerprint, event: 'verify' }));
      for (const origin of site.origins) await enable(profile, origin);
      return profile;
    }

    test('S/MIME by openssl, opaque signed and detached (multipart/signed), read over the raw source with the signature verified', async ({ context, server }) => {
      const pki = new TestPki(`Lockpane ${site.name} matrix CA`);
      try {
        const aliceCert = pki.user('alice');
        const profile = await setUpProfile(context, bob);
        await ok(sendFrom(profile.ext, 'trust.addRoot', { text: readFileSync(pki.caCrt, 'utf8') }));
        for (const origin of site.origins) await enable(profile, origin);
        const sign = ['-sign', '-signer', aliceCert.crt, '-inkey', aliceCert.key, '-md', 'sha256'];
        const opaque = opensslMail(head('Opak'), [...sign, '-nodetach'], textEntity('Opaque signed by openssl: Wert 3'));
        const detached = opensslMail(head('Getrennt'), sign, textEntity('Detached signed by openssl: Wert 5'));
        expect(opaque.toString('latin1')).toMatch(/Content-Type: application\/(x-)?pkcs7-mime; smime-type=signed-data/i);
        expect(detached.toString('latin1')).toMatch(/Content-Type: multipart\/signed/i);
        const received = await site.serve(context, server, [
          // Opaque: a web mail without S/MIME shows no text and lists smime.p7m.
          { subject: 'Opak', messages: [{ from: alice, body: '', raw: opaque, attachments: ['smime.p7m'] }] },
          // Detached: it shows the signed text and lists the signature as smime.p7s.
          { subject: 'Getrennt', messages: [{ from: alice, body: 'Detached signed by openssl: Wert 5', raw: detached, attachments: ['smime.p7s'] }] },
        ]);
        for (const [i, text] of [[0, 'Opaque signed by openssl: Wert 3'], [1, 'Detached signed by openssl: Wert 5']] as const) {
          const page = await context.newPage();
          await page.goto(received.threadUrl(i));
          await expect(reader(page).getByTestId('reader-view')).toHaveAttribute('data-kind', 'raw-message', { timeout: 30_000 });
          await revealInReader(reader(page), bob.passphrase);
          await expect(messageText(reader(page))).toContainText(text);
          const sig = reader(page).getByTestId('signature').first();
          await expect(sig).toHaveAttribute('data-status', 'verified');
          await expect(sig).toHaveAttribute('data-sender-matches', 'true');
          await page.close();
        }
      } finally {
        pki.cleanup();
      }
    });

    test('a file gpg encrypted and attached (*.pgp) is read over the raw source and saved to its exact bytes', async ({ context, server }) => {
      await bobWithAlice(context);
      const file = { name: 'befund.pdf', data: Buffer.from(`%PDF-1.4 Befund ${Date.now()}\n\u0000\u00ff binary tail`, 'latin1') };
      const raw = pgpWithFiles(gpg, head('Befund mit Anhang'), 'Der Befund ist angehängt.', [file]);
      const received = await site.serve(context, server, [{ subject: 'Befund mit Anhang', messages: [{ from: alice, body: '', raw, attachments: [`${file.name}.pgp`] }] }]);
      const page = await context.newPage();
      await page.goto(received.threadUrl(0));
      await expect(reader(page).getByTestId('reader-view')).toHaveAttribute('data-kind', 'raw-message', { timeout: 30_000 });
      await revealInReader(reader(page), bob.passphrase);
      await expect(messageText(reader(page))).toContainText('Der Befund ist angehängt.');
      const item = reader(page).locator(`[data-testid="attachment"][data-name="${file.name}"]`);
      await expect(item).toHaveCount(1);
      const download = page.waitForEvent('download', { timeout: 60_000 });
      await pressGuarded(item.getByTestId('attachment-save'));
      expect(readFileSync(await (await download).path()).equals(file.data)).toBe(true);
    });

    test('compose: encrypted and signed to Alice in the site\'s own form; gpg decrypts what Send got and verifies Bob\'s signature', async ({ context, server }) => {
      const profile = await bobWithAlice(context);
      const secret = `Signiert ${Date.now()}: Termin bestätigt`;
      const received = await site.serve(context, server, [{ subject: 'Hallo', messages: [{ from: alice, body: 'Hallo' }] }]);
      const page = await context.newPage();
      const form = await site.compose(page, received, aliceAddr, 'Signiert');
      await form.locator('lockpane-secure').click();
      const editor = page.frameLocator('iframe[src*="editor.html"]');
      await expect(editor.getByTestId('editor-to')).toHaveValue(aliceAddr);
      await editor.getByTestId('editor-body').fill(secret);
      await expect(editor.getByTestId('recipient')).toHaveAttribute('data-ready', 'true');
      await pressGuarded(editor.getByTestId('editor-encrypt'));
      await answerPromptIfAsked(editor, editor.getByTestId('editor-status'), bob.passphrase);
      await expect(editor.getByTestId('editor-status')).toBeVisible({ timeout: 60_000 });
      await expect(site.body(form)).toContainText('-----BEGIN PGP MESSAGE-----');
      const send = site.send(form);
      await send.scrollIntoViewIfNeeded();
      await layoutSettled(send);
      await send.click();
      await expect.poll(() => received.sent.length).toBe(1);
      const sent = received.sent[0]!;
      expect(sent.to).toEqual([aliceAddr]);
      expect(sent.body).not.toContain(secret);
      const status = writeTemp(gpg.home, 'status.txt', '');
      expect(gpg.gpg(['--status-file', status, '--decrypt'], sent.body).toString('utf8').trim()).toBe(secret);
      const lines = readFileSync(status, 'utf8');
      expect(lines).toMatch(/^\[GNUPG:\] GOODSIG /m);
      expect(lines).toContain(`[GNUPG:] VALIDSIG `);
      expect(lines.toUpperCase()).toContain(profile.fingerprint.toUpperCase());
    });
  });
}
