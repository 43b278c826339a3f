/**
 * No test may write outside the clone and its temporary folders. `npm test` runs the tests with HOME (and
 * GNUPGHOME, XDG_*) pointed at a fresh empty folder, then lists what appeared there: a tool run without
 * its own home (gpg without --homedir writes ~/.gnupg) shows up and fails the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * What the browsers themselves keep in HOME whatever the test does (measured with Chromium 156: its
 * crash-report settings, GLib's dconf cache, the NSS certificate database once a page uses TLS; with
 * firefox-esr 140: crash reports and pending pings under .config/mozilla, a cache folder, the older
 * ~/.mozilla layout). A test's own files never belong here.
 */
export const browserOwn = ['.config/chromium', '.cache/dconf', '.local/share/pki/nssdb', '.pki/nssdb', '.config/mozilla', '.cache/mozilla', '.mozilla'];
/** Folders a browser creates empty at start (Firefox's download folder): a file saved into one is still reported. */
export const browserOwnEmpty = ['Downloads'];

export type TestHome = { dir: string; env: NodeJS.ProcessEnv };

export function createTestHome(): TestHome {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockpane-test-home-'));
  return {
    dir,
    env: {
      HOME: dir,
      GNUPGHOME: path.join(dir, '.gnupg'),
      XDG_CONFIG_HOME: path.join(dir, '.config'),
      XDG_CACHE_HOME: path.join(dir, '.cache'),
      XDG_DATA_HOME: path.join(dir, '.local/share'),
      XDG_STATE_HOME: path.join(dir, '.local/state'),
    },
  };
}

const isOwn = (rel: string) => browserOwn.some((own) => rel === own || rel.startsWith(`${own}/`));
const holdsOwn = (rel: string) => browserOwn.some((own) => own.startsWith(`${rel}/`));

/**
 * What was written under the test home besides the browsers' own files: each stray file, or each stray
 * folder once (with how many entries it holds), relative to the home.
 */
export function strayWrites(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel === '' ? e.name : `${rel}/${e.name}`;
    if (isOwn(child)) continue;
    if (e.isDirectory() && browserOwnEmpty.includes(child) && fs.readdirSync(path.join(dir, child)).length === 0) continue;
    if (e.isDirectory() && holdsOwn(child)) out.push(...strayWrites(dir, child));
    else if (e.isDirectory()) out.push(`${child}/ (${fs.readdirSync(path.join(dir, child), { recursive: true }).length} entries)`);
    else out.push(child);
  }
  return out.sort();
}
