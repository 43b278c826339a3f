/**
 * The UI in German: a browser whose language is German shows every page in German, with no missing
 * message (a missing key renders as ⟦key⟧), and the pages stay accessible.
 */
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Page } from '@playwright/test';
import { chromiumPath } from '../support/chromium';
import { expect, extensionDir, extensionWorker, sendFrom, test } from '../support/fixtures';

async function expectGermanAndAccessible(page: Page, what: string): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text, `${what}: a message key is missing`).not.toContain('⟦');
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${what}: ${v.id} (${v.impact})`)).toEqual([]);
}

test('every page in German: onboarding, keyring, import, trust store, settings, popup', async () => {
  const context = await chromium.launchPersistentContext('', {
    executablePath: chromiumPath,
    headless: !process.env.HEADED,
    locale: 'de-DE',
    env: { ...process.env, LANGUAGE: 'de', LANG: 'de_DE.UTF-8' },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--lang=de', `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  try {
    const id = new URL((await extensionWorker(context)).url()).host;
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/options.html`);
    await expect(page.getByTestId('onb-heading')).toHaveText('Wer sind Sie?');
    await expectGermanAndAccessible(page, 'Einrichtung');
    await page.getByTestId('onb-name').fill('Greta Pflege');
    await page.getByTestId('onb-email').fill('greta@klinik.example');
    await page.getByTestId('onb-next').click();
    await expect(page.getByTestId('onb-heading')).toHaveText('Wählen Sie eine Passphrase');
    await page.getByTestId('new-passphrase').fill('kompass nebel fenster garten 7');
    await expect(page.getByTestId('strength')).toContainText('Stärke:');
    await expectGermanAndAccessible(page, 'Passphrase');

    const made = await sendFrom(page, 'keys.generate', { name: 'Greta Pflege', email: 'greta@klinik.example', passphrase: 'kompass nebel fenster garten 7' });
    expect(made.ok).toBe(true);
    for (const [hash, heading] of [['#keys', 'Schlüssel und Zertifikate'], ['#import', 'Schlüssel und Zertifikate importieren'],
      ['#trust', 'Zertifizierungsstellen (S/MIME)'], ['#settings', 'Einstellungen']] as const) {
      await page.goto(`chrome-extension://${id}/options.html${hash}`);
      await expect(page.locator('main h2').first()).toHaveText(heading);
      if (hash === '#settings') await expect(page.getByTestId('settings-form')).toBeVisible();
      if (hash === '#keys') {
        await page.getByTestId('key-row').click();
        await expect(page.getByTestId('key-status').first()).toHaveText('Ihr Schlüssel');
      }
      await expectGermanAndAccessible(page, hash);
    }
    await page.goto(`chrome-extension://${id}/popup.html`);
    await expect(page.getByTestId('popup-lock')).toHaveText('Ihre Schlüssel sind gesperrt.');
    await expectGermanAndAccessible(page, 'Popup');
  } finally {
    await context.close();
  }
});
