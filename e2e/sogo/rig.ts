/**
 * Helpers for specs against SOGo, which the shared rig (peers-up.sh → e2e/sogo/sogo-up.sh) runs beside
 * Roundcube for the same users: make sure it is up, log in, open a message and use SOGo's own compose.
 * Mailbox helpers (deliver, maildirFiles, waitForStored) are the Roundcube rig's: the Maildirs are shared.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { ensureRoundcube, rigUnavailableReason, type Rig, type RigUser } from '../roundcube/rig';
import { expect, test } from '../support/fixtures';
import { requireOrSkip } from '../support/prerequisites';

export type SogoRig = Rig & { sogoUrl: string };

/** For a spec's beforeAll: the rig with SOGo up (outside CI a skip with the reason when it cannot be). */
export function requireSogo(): SogoRig {
  test.setTimeout(300_000); // a first run installs the Debian packages
  requireOrSkip(rigUnavailableReason());
  const rig = ensureRoundcube();
  requireOrSkip(rig.sogoUrl ? null : `SOGo is not up (${rig.sogoError ?? 'unknown'}; see /var/log/lockpane-peers/)`);
  return rig as SogoRig;
}

/** SOGo's origin (what Lockpane enables): its own port, so a different origin from Roundcube's. */
export function sogoOrigin(rig: SogoRig): string {
  return new URL(rig.sogoUrl).origin;
}

/** Logs a user in through SOGo's login form and waits for the mail view's message list. */
export async function sogoLogin(page: Page, rig: SogoRig, user: RigUser): Promise<void> {
  await page.goto(`${rig.sogoUrl}/`);
  await page.locator('input[ng-model="app.creds.username"]').fill(user);
  await page.locator('#passwordField').fill(`${user}-pass`);
  await page.locator('button[type=submit][aria-label="Connect"]').click();
  await page.waitForURL(/\/Mail\/view/, { timeout: 30_000 });
  await messageList(page).waitFor({ state: 'attached', timeout: 30_000 });
}

/** SOGo's message list (a virtual-repeat list of md-list-items). */
export function messageList(page: Page): Locator {
  return page.locator('md-list.sg-section-list');
}

/**
 * Opens the newest message whose subject contains `subject` in SOGo's message view. SOGo only checks for
 * new mail on demand (SOGoMailMessageCheck = manually), so the list is reloaded until the row shows.
 */
export async function sogoOpenMessage(page: Page, subject: string): Promise<Locator> {
  // The row's own button (it covers the tile) carries the subject as its label.
  const row = messageList(page).getByRole('button', { name: subject }).first();
  await expect(async () => {
    if (!(await row.isVisible())) {
      await page.locator('button[aria-label="Get Mail"]').click();
    }
    await expect(row).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await row.click();
  const view = page.locator('#detailView');
  // The view shows this message once its headline does (its body may already be replaced by Lockpane's reader).
  await expect(view.locator('h5[ng-bind="viewer.message.subject"]')).toContainText(subject, { timeout: 30_000 });
  await expect(view.locator('.msg-body .mailer_mailcontent').first()).toBeAttached({ timeout: 30_000 });
  return view;
}

/** How many rows of each of SOGo's own tables (profiles, folder caches, sessions…) contain `text`. */
export function sogoDbRowsContaining(text: string): { table: string; rows: number }[] {
  const tables = psql("select table_name from information_schema.tables where table_schema = 'public'").split('\n').filter(Boolean);
  const pattern = `'%${text.replace(/'/g, "''")}%'`;
  return tables.map((table) => ({ table, rows: Number(psql(`select count(*) from "${table}" t where t::text like ${pattern}`)) }));
}

/** Sets a user's SOGo preference for the compose editor: 'html' (CKEditor, SOGo's default) or 'text'. */
export function sogoSetComposeType(user: RigUser, type: 'html' | 'text'): void {
  sogoTool(['user-preferences', 'set', 'defaults', user, 'SOGoMailComposeMessageType', JSON.stringify({ SOGoMailComposeMessageType: type })]);
}

function sogoTool(args: string[]): string {
  return execFileSync('runuser', ['-u', 'sogo', '--', 'env', 'HOME=/var/lib/lockpane-sogo/home', 'sogo-tool', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A query against SOGo's database as the cluster's superuser (the rig's own cluster, on its socket). */
function psql(query: string): string {
  const port = /^SOGO_PG_PORT=(\d+)$/m.exec(fs.readFileSync('/run/lockpane-peers/state', 'utf8'))?.[1];
  if (!port) throw new Error('the rig state has no SOGO_PG_PORT: is SOGo up?');
  return execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-h', '/run/lockpane-sogo/pg', '-p', port, '-U', 'postgres', '-d', 'sogo', '-qtAX', '-c', query], { encoding: 'utf8' }).trim();
}

/** Opens SOGo's compose dialog (the floating action button's "new message") and returns it. */
export async function sogoNewMessage(page: Page): Promise<Locator> {
  await page.locator('md-fab-trigger button').click();
  await page.locator('button[ng-click="mailbox.newMessage($event)"]').click();
  const dialog = page.locator('md-dialog');
  await expect(dialog.locator('input[name=subject]')).toBeVisible();
  return dialog;
}

/**
 * Adds a recipient chip to a compose dialog's field: one input event, then blur (md-add-on-blur); typed key by
 * key, SOGo's address lookup can split the address into two chips.
 */
export async function sogoAddRecipient(dialog: Locator, field: 'to' | 'cc' | 'bcc', addr: string): Promise<void> {
  const chips = dialog.locator(`md-chips[ng-model="editor.message.editable.${field}"]`);
  const before = await chips.locator('md-chip').count();
  await chips.locator('input').fill(addr);
  await chips.locator('input').blur();
  await expect(chips.locator('md-chip')).toHaveCount(before + 1);
  await expect(chips.locator('md-chip').last()).toContainText(addr);
}

/** Presses SOGo's Send and waits for its dialog to close (SOGo closes it once the server sent the mail). */
export async function sogoSend(dialog: Locator): Promise<void> {
  await dialog.locator('button[ng-click="editor.send()"]').click();
  await expect(dialog).toHaveCount(0, { timeout: 60_000 });
}

/**
 * What SOGo's own scripts can see: the page's markup and that of every same-origin frame (CKEditor's
 * editable frame among them), read in the page's main world.
 */
export async function sogoScriptView(page: Page): Promise<string> {
  return page.evaluate(() => {
    const frames = [...document.querySelectorAll('iframe')].map((f) => {
      try {
        return f.contentDocument?.documentElement.outerHTML ?? '';
      } catch {
        return ''; // Lockpane's own frames: another origin, closed to the page
      }
    });
    return [document.documentElement.outerHTML, document.body.innerText, ...frames].join('\n');
  });
}
