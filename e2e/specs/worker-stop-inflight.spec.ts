/**
 * MV3 stops idle workers at any moment, including mid-request (DESIGN §4, issue #5). The worker is stopped
 * through CDP right after the user's click, while the request is still being handled: the client retries
 * on the restarted worker, and nothing is lost or half-written.
 */
import * as openpgp from 'openpgp';
import { expect, sendFrom, test } from '../support/fixtures';
import { bob, enable, setUpProfile } from '../support/identities';
import { encryptTo, mailPage } from '../support/mail-fixtures';
import { workerStopper } from '../support/worker-control';
import { messageText } from '../support/frames';
import { pressGuarded } from '../support/guarded';

type KeyRow = { fingerprint: string; emails: string[]; acceptance: string };

async function startedAt(page: import('@playwright/test').Page): Promise<string> {
  const r = await sendFrom(page, 'worker.status', { verbose: false });
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { startedAt: string }).startedAt;
}

test('the worker stopped during an import of 120 keys: the import completes after the restart and every key is there once', async ({ context, extensionId, extPage }) => {
  const keys = await Promise.all(Array.from({ length: 120 }, (_, i) =>
    openpgp.generateKey({ userIDs: [{ name: `Contact ${i}`, email: `contact${i}@clinic.test` }], format: 'armored' })));
  const expected = await Promise.all(keys.map(async (k) => (await openpgp.readKey({ armoredKey: k.publicKey })).getFingerprint().toUpperCase()));
  const before = await startedAt(extPage);

  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#import`);
  await page.getByTestId('import-paste').fill(keys.map((k) => k.publicKey).join('\n'));
  await page.getByTestId('import-paste-submit').click();
  await expect(page.getByTestId('import-item')).toHaveCount(120, { timeout: 60_000 });

  const stopper = await workerStopper(context, extPage);
  await page.getByTestId('import-commit').click();
  await stopper.stop(); // lands while the worker writes the 120 entries
  await stopper.detach();

  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  expect(await startedAt(extPage)).not.toBe(before); // the worker really restarted
  const listed = await sendFrom(extPage, 'keys.list', {});
  if (!listed.ok) throw new Error(listed.error.message);
  const rows = (listed.value as { keys: KeyRow[] }).keys;
  expect(rows.map((r) => r.fingerprint.toUpperCase()).sort()).toEqual([...expected].sort());
});

test('the worker stopped during a decrypt: the reader retries on the restarted worker and shows the plaintext', async ({ context, server }) => {
  const b = await setUpProfile(context, bob);
  await enable(b, server.origin);
  const unlocked = await sendFrom(b.ext, 'keys.unlock', { fingerprint: b.fingerprint, passphrase: bob.passphrase });
  expect(unlocked.ok).toBe(true);
  // ~4 MB of text keeps the worker busy for a while after the click.
  const line = 'Lab results for ward 7, sample 0042: within range.\n';
  const text = line.repeat(Math.floor(4_000_000 / line.length));
  server.page('/big.html', mailPage(`<pre>${await encryptTo(b.publicKey, text)}</pre>`));
  const page = await context.newPage();
  await page.goto(server.url('/big.html'));
  const reader = page.frameLocator('iframe[src*="reader.html"]');
  await expect(reader.getByTestId('reader-open')).toBeVisible({ timeout: 30_000 });
  const before = await startedAt(b.ext);

  const stopper = await workerStopper(context, b.ext);
  await pressGuarded(reader.getByTestId('reader-open'));
  await stopper.stop();
  await stopper.detach();

  const shown = messageText(reader);
  await expect(shown).toContainText('sample 0042', { timeout: 60_000 });
  expect((await shown.textContent())?.length).toBe(text.length);
  expect(await startedAt(b.ext)).not.toBe(before);
  // The unlock survived the restart through the storage.session mirror: no passphrase was asked.
  await expect(reader.getByTestId('passphrase-prompt')).toHaveCount(0);
});

test('a stopped worker is woken by the user\'s click in the page (so it starts while the web mail fetches the message), not by events the page makes up', async ({ context, server }) => {
  const b = await setUpProfile(context, bob);
  await enable(b, server.origin);
  server.page('/inbox.html', mailPage('<ul id="list"><li>Lab results, ward 7</li></ul>'));
  const page = await context.newPage();
  await page.goto(server.url('/inbox.html'));
  const stopper = await workerStopper(context, b.ext);
  try {
    await expect.poll(() => stopper.running()).toBe(true); // the content script's hello started it
    await stopper.stop();
    // The page's own synthetic input (isTrusted false) must not reach the worker.
    await page.evaluate(() => {
      for (const type of ['pointerdown', 'keydown']) document.getElementById('list')!.dispatchEvent(new Event(type, { bubbles: true }));
    });
    await page.waitForTimeout(1500);
    expect(stopper.running()).toBe(false);
    await page.locator('#list li').click();
    await expect.poll(() => stopper.running(), { timeout: 5000 }).toBe(true);
  } finally {
    await stopper.detach();
  }
});
