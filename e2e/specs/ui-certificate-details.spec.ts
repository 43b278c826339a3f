/**
 * A certificate's details name its issuer and show its path to a trusted authority with the verdict
 * Lockpane acts on: untrusted until the user adds the (OpenSSL-made) root, valid afterwards.
 */
import { TestPki } from '../../keyring/testing/openssl-pki';
import { expect, test } from '../support/fixtures';
import { expectAccessible, snap } from '../support/ui';

test('certificate details: issuer, usages, and the path to a trusted root', async ({ context, extensionId, send }, info) => {
  const pki = new TestPki('Ward Seven Issuing CA');
  const bea = pki.user('bea', { email: 'bea@ward7.example' });
  const cert = pki.read(bea.crt).toString('utf8');
  const root = pki.read(pki.caCrt).toString('utf8');
  expect((await send('keys.import', { text: cert })).ok).toBe(true);

  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#keys`);
  await page.getByTestId('keys-search').fill('bea@ward7');
  await page.getByTestId('key-row').first().click();
  const facts = page.getByTestId('certificate-facts');
  await expect(facts.getByTestId('cert-issuer')).toContainText('Ward Seven Issuing CA');
  await expect(facts).toContainText('emailProtection');
  await expect(facts.getByTestId('cert-chain-status')).toContainText('Not trusted');
  await expect(page.getByTestId('key-details').getByTestId('key-status')).toHaveAttribute('data-status', 'unverified');
  await expectAccessible(page, 'certificate details');

  expect((await send('trust.addRoot', { text: root })).ok).toBe(true);
  await page.reload();
  await page.getByTestId('keys-search').fill('bea@ward7');
  await page.getByTestId('key-row').first().click();
  await expect(facts.getByTestId('cert-chain-status')).toContainText('Valid');
  await expect(page.getByTestId('key-row').first().getByTestId('key-status')).toHaveAttribute('data-status', 'verified');
  await expect(facts.getByTestId('cert-path').locator('li')).toHaveCount(2);
  await expect(facts.getByTestId('cert-path').locator('li').last()).toContainText('Ward Seven Issuing CA');
  await snap(page, info, 'keyring-certificate-details');
});
