/**
 * Real-peer availability for interop tests. A missing peer is a clear skip on a developer machine
 * and a failure under CI (CI=true), never a silent pass.
 */
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

export type Peer = 'gpg' | 'gpgsm' | 'sqop' | 'gosop' | 'openssl';

const debianPackage: Record<Peer, string> = {
  gpg: 'gnupg', gpgsm: 'gpgsm', sqop: 'sqop', gosop: 'gosop', openssl: 'openssl',
};

const cache = new Map<Peer, boolean>();

export function hasPeer(peer: Peer): boolean {
  let found = cache.get(peer);
  if (found === undefined) {
    found = spawnSync('sh', ['-c', `command -v ${peer}`], { stdio: 'ignore' }).status === 0;
    cache.set(peer, found);
  }
  return found;
}

/**
 * Returns true when the peer is present. Otherwise skips the test with a message naming the
 * Debian package, or throws under CI so the run fails.
 */
export function requirePeer(t: TestContext, ...peers: Peer[]): boolean {
  const missing = peers.filter((p) => !hasPeer(p));
  if (missing.length === 0) return true;
  const what = missing.map((p) => `${p} (apt-get install ${debianPackage[p]})`).join(', ');
  if (process.env.CI === 'true') throw new Error(`interop peer missing under CI: ${what}`);
  t.skip(`needs ${what}`);
  return false;
}
