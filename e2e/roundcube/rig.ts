/**
 * Helpers for specs against the real Roundcube + Dovecot + Postfix rig (peers-up.sh): start it once,
 * put mail into a mailbox, read what the server stored, and drive Roundcube's own UI.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { isRoot, requireOrSkip } from '../support/prerequisites';

export type RigUser = 'alice' | 'bob';

export type Rig = {
  /** Roundcube's base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  domain: string;
  mailRoot: string;
  dovecotConf: string;
  /** SOGo beside Roundcube (e2e/sogo/sogo-up.sh), e.g. http://127.0.0.1:8090/SOGo; null when it is not up. */
  sogoUrl: string | null;
  /** Why SOGo is not up (sogo-up.sh's last line, or SOGO=0), when sogoUrl is null. */
  sogoError: string | null;
};

const upScript = path.resolve(__dirname, 'peers-up.sh');
let cached: Rig | null = null;

/** Why this machine cannot run the rig, in one line; null when it can. */
export function rigUnavailableReason(): string | null {
  if (process.platform !== 'linux' || !fs.existsSync('/etc/debian_version')) {
    return 'Roundcube rig needs Debian (apt packages roundcube-core, dovecot, postfix)';
  }
  if (!isRoot) {
    return 'Roundcube rig needs root (sudo npx playwright test …) to install and start Postfix, Dovecot and Roundcube';
  }
  return null;
}

function readState(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

/**
 * Runs peers-up.sh once per process (seconds when installed, about a minute when it installs) and
 * returns where the rig is. A rig this process started is stopped (peers-down.sh, by PID) when the
 * process exits; one that was already up (started by hand or by .ci/run) is left running, as is any
 * with LOCKPANE_RIG_KEEP=1.
 */
export function ensureRoundcube(): Rig {
  if (cached) return cached;
  const reason = rigUnavailableReason();
  if (reason) throw new Error(reason);
  const stateFile = '/run/lockpane-peers/state';
  const wasUp = fs.existsSync(stateFile);
  // Output goes to a file, not a pipe: spawnSync would otherwise also wait for any daemon holding the pipe.
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-rig-')), 'peers-up.log');
  const fd = fs.openSync(log, 'w');
  const r = spawnSync('bash', [upScript], { stdio: ['ignore', fd, fd], env: { ...process.env, STATE: stateFile }, timeout: 300_000 });
  fs.closeSync(fd);
  if (r.status !== 0) {
    const last = fs.readFileSync(log, 'utf8').trim().split('\n').pop() ?? '';
    throw new Error(`peers-up.sh failed (${r.error?.message ?? `exit ${r.status}`}): ${last} (full output: ${log})`);
  }
  fs.rmSync(path.dirname(log), { recursive: true, force: true });
  const s = readState(stateFile);
  if (!s.URL || !s.DOMAIN || !s.MAIL_ROOT || !s.DOVECOT_CONF) throw new Error(`peers-up.sh wrote an incomplete state file ${stateFile}`);
  const sogoUrl = s.SOGO_URL ?? null;
  const sogoError = sogoUrl ? null : (s.SOGO_ERROR ?? 'peers-up.sh ran with SOGO=0');
  cached = { url: s.URL, domain: s.DOMAIN, mailRoot: s.MAIL_ROOT, dovecotConf: s.DOVECOT_CONF, sogoUrl, sogoError };
  if (!wasUp && !process.env.LOCKPANE_RIG_KEEP) {
    // Detached: the worker exits at once (a runner may kill a slow one); peers-down takes a few seconds.
    process.once('exit', () => {
      spawn('bash', [path.resolve(__dirname, 'peers-down.sh')], { detached: true, stdio: 'ignore', env: { ...process.env, STATE: stateFile } }).unref();
    });
  }
  return cached;
}

/** For a spec's beforeAll: the rig (outside CI a skip with the one-line reason when it cannot run here). */
export function requireRoundcube(): Rig {
  test.setTimeout(300_000); // a first run installs the Debian packages
  requireOrSkip(rigUnavailableReason());
  return ensureRoundcube();
}

export function address(rig: Rig, user: RigUser): string {
  return `${user}@${rig.domain}`;
}

/** Maildir++ folder of a mailbox: INBOX is the root, others are ".Name" (".Parent.Child"). */
function folderDir(rig: Rig, user: RigUser, folder: string): string {
  const base = path.join(rig.mailRoot, rig.domain, user);
  return folder === 'INBOX' ? base : path.join(base, `.${folder.replace(/\//g, '.')}`);
}

export type StoredMail = { path: string; bytes: Buffer };

/** Every message stored in a user's folder (new/ and cur/), oldest first, read straight from disk. */
export function maildirFiles(rig: Rig, user: RigUser, folder = 'INBOX'): StoredMail[] {
  const dir = folderDir(rig, user, folder);
  const files: { path: string; mtime: number }[] = [];
  for (const sub of ['new', 'cur']) {
    const d = path.join(dir, sub);
    if (!fs.existsSync(d)) continue;
    for (const name of fs.readdirSync(d)) {
      const p = path.join(d, name);
      try {
        files.push({ path: p, mtime: fs.statSync(p).mtimeMs });
      } catch {
        // moved from new/ to cur/ while listing: the next listing sees it
      }
    }
  }
  files.sort((a, b) => a.mtime - b.mtime || a.path.localeCompare(b.path));
  const out: StoredMail[] = [];
  for (const f of files) {
    try {
      out.push({ path: f.path, bytes: fs.readFileSync(f.path) });
    } catch {
      // same race as above
    }
  }
  return out;
}

/** Polls a folder until a stored message satisfies `match` (e.g. contains a subject). */
export async function waitForStored(rig: Rig, user: RigUser, match: (m: StoredMail) => boolean, folder = 'INBOX', timeoutMs = 15_000): Promise<StoredMail> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = maildirFiles(rig, user, folder).find(match);
    if (found) return found;
    if (Date.now() > end) throw new Error(`no matching message reached ${user}'s ${folder} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Puts a message into a user's mailbox. `doveadm` (default) stores the exact bytes (no Received
 * lines); `smtp` goes through Postfix and LMTP like real mail (Postfix adds its trace headers).
 */
export async function deliver(rig: Rig, user: RigUser, eml: Uint8Array | string, opts: { via?: 'doveadm' | 'smtp'; folder?: string; from?: string } = {}): Promise<StoredMail> {
  const input = typeof eml === 'string' ? Buffer.from(eml, 'utf8') : Buffer.from(eml);
  const folder = opts.folder ?? 'INBOX';
  const before = new Set(maildirFiles(rig, user, folder).map((m) => path.basename(m.path).split(':')[0]));
  const isNew = (m: StoredMail) => !before.has(path.basename(m.path).split(':')[0]);
  if ((opts.via ?? 'doveadm') === 'doveadm') {
    execFileSync('doveadm', ['-c', rig.dovecotConf, 'save', '-u', address(rig, user), '-m', folder], { input, stdio: ['pipe', 'ignore', 'pipe'] });
  } else {
    if (folder !== 'INBOX') throw new Error('deliver via smtp can only reach INBOX');
    execFileSync('/usr/sbin/sendmail', ['-i', '-f', opts.from ?? address(rig, 'alice'), address(rig, user)], { input, stdio: ['pipe', 'ignore', 'pipe'] });
  }
  return waitForStored(rig, user, isNew, folder);
}

/** The IMAP UID of the newest message in a folder whose Subject contains `subject` (via doveadm). */
export function uidBySubject(rig: Rig, user: RigUser, subject: string, folder = 'INBOX'): number {
  const out = execFileSync('doveadm', ['-c', rig.dovecotConf, '-f', 'flow', 'search', '-u', address(rig, user), 'mailbox', folder, 'header', 'subject', subject], { encoding: 'utf8' });
  const uids = out.trim().split('\n').filter(Boolean).map((l) => Number(l.trim().split(/\s+/).pop()));
  const uid = uids.at(-1);
  if (uid === undefined || !Number.isInteger(uid)) throw new Error(`no message "${subject}" in ${user}'s ${folder}`);
  return uid;
}

/** Logs a user in through Roundcube's login form and waits for the message list (elastic skin). */
export async function login(page: Page, rig: Rig, user: RigUser): Promise<void> {
  await page.goto(`${rig.url}/?_task=login`);
  await page.locator('#rcmloginuser').fill(user);
  await page.locator('#rcmloginpwd').fill(`${user}-pass`);
  await page.locator('#rcmloginsubmit').click();
  await page.locator('#messagelist').waitFor({ state: 'attached' });
}

/**
 * Opens Roundcube's compose form. Roundcube keeps its compose sessions in its database session, which has
 * no lock: a request of the page before (the mailbox's list refresh) that ends after the compose request
 * writes the older session back, and the redirect to `_id=…` then shows "Requested compose session not
 * found" (seen in full runs under load). A person clicks Compose again; so does this, up to three times.
 */
export async function openCompose(page: Page, rig: Pick<Rig, 'url'>): Promise<void> {
  const form = page.locator('#compose-subject');
  const lost = page.getByText('Requested compose session not found');
  for (let attempt = 1; ; attempt++) {
    await page.goto(`${rig.url}/?_task=mail&_action=compose`);
    await expect(form.or(lost).first()).toBeVisible({ timeout: 30_000 });
    if (await form.isVisible()) return;
    if (attempt === 3) throw new Error('Roundcube lost its compose session three times in a row');
    await page.waitForLoadState('networkidle').catch(() => undefined);
  }
}

/** Fills an open Roundcube compose form's recipient and subject. */
export async function fillComposeHeaders(page: Page, mail: { to: string; subject: string }): Promise<void> {
  const to = page.locator('.recipient-input input').first();
  await to.fill(mail.to);
  await to.press('Enter'); // the widget turns the typed address into a recipient
  await page.locator('#compose-subject').fill(mail.subject);
}

/** Writes and sends a plain-text mail with Roundcube's own compose form, as a user would. */
export async function sendViaCompose(page: Page, rig: Rig, mail: { to: string; subject: string; body: string }): Promise<void> {
  await openCompose(page, rig);
  await fillComposeHeaders(page, mail);
  await page.locator('#composebody').fill(mail.body);
  await page.locator('.formbuttons button.send, button.btn.send').first().click();
  // Roundcube leaves the compose screen once the server said "sent".
  await page.waitForURL((u) => !u.searchParams.has('_action') || u.searchParams.get('_action') !== 'compose', { timeout: 20_000 });
}

/** The request token of the logged-in session (tests may read page JS; the extension may not). */
export async function requestToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => (window as unknown as { rcmail?: { env?: { request_token?: string } } }).rcmail?.env?.request_token ?? '');
  if (!token) throw new Error('no Roundcube request token on this page (not logged in?)');
  return token;
}

/** The exact stored bytes of a message, through Roundcube's view-source download, with the page's session. */
export async function rawSourceViaHttp(page: Page, rig: Rig, uid: number, mbox = 'INBOX', request: APIRequestContext = page.request): Promise<Buffer> {
  const token = await requestToken(page);
  const q = new URLSearchParams({ _task: 'mail', _action: 'viewsource', _uid: String(uid), _mbox: mbox, _save: '1', _token: token });
  const res = await request.get(`${rig.url}/?${q}`);
  const disposition = res.headers()['content-disposition'] ?? '';
  if (!res.ok() || !disposition.startsWith('attachment')) throw new Error(`view-source download refused: ${res.status()} ${disposition || res.headers()['content-type']}`);
  return res.body();
}
