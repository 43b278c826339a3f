/**
 * SOGo, run by the shared rig beside Roundcube, works end to end in Chromium: a mail sent through Postfix
 * to Alice lands in the Maildir Roundcube also reads, and SOGo's own login and mail view show it, subject,
 * sender and body. Proves the rig (sogo-up.sh: PostgreSQL, memcached, sogod, Apache) before any Lockpane spec.
 */
import { address, deliver } from '../roundcube/rig';
import { requireSogo, sogoLogin, sogoOpenMessage, type SogoRig } from '../sogo/rig';
import { expect, test } from '../support/fixtures';

test.describe.configure({ timeout: 120_000 });

let rig: SogoRig;
test.beforeAll(() => {
  rig = requireSogo();
});

test('a mail delivered through Postfix to Alice shows in her SOGo inbox and message view', async ({ context }) => {
  const subject = `SOGo rig ${Date.now()}`;
  const body = `Hello Alice, this came through Postfix and Dovecot ${Date.now()}.`;
  await deliver(rig, 'alice', [
    `From: Bob Example <${address(rig, 'bob')}>`, `To: ${address(rig, 'alice')}`, `Subject: ${subject}`,
    `Message-ID: <sogo-rig-${Date.now()}@${rig.domain}>`, 'Content-Type: text/plain; charset=utf-8', '', body, '',
  ].join('\r\n'), { via: 'smtp', from: address(rig, 'bob') });

  const page = await context.newPage();
  await sogoLogin(page, rig, 'alice');
  await expect(page).toHaveURL(/\/SOGo\/so\/alice\/Mail\/view/);
  const view = await sogoOpenMessage(page, subject);
  await expect(view).toContainText(subject);
  await expect(view).toContainText(address(rig, 'bob'));
  await expect(view).toContainText(body);
});
