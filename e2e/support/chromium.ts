/**
 * Finds Debian's Chromium. Playwright never downloads a browser here. When Chromium is missing and we are
 * root on Debian, it is installed from apt; otherwise we stop with one line that says what to install.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export const chromiumPath = process.env.LOCKPANE_CHROMIUM ?? '/usr/bin/chromium';

export function ensureChromium(): string {
  if (fs.existsSync(chromiumPath)) return chromiumPath;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && fs.existsSync('/etc/debian_version')) {
    console.log('Chromium is missing: installing Debian\'s chromium package (apt-get install -y chromium)…');
    execFileSync('sh', ['-c', 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium'], { stdio: 'inherit' });
    if (fs.existsSync(chromiumPath)) return chromiumPath;
  }
  throw new Error(`Chromium not found at ${chromiumPath}: install it (Debian: sudo apt-get install chromium) or set LOCKPANE_CHROMIUM.`);
}
