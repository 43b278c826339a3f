/**
 * Which browser the running spec drives. Every spec runs once per Playwright project (playwright.config.ts):
 * `chromium` (Debian's Chromium, service worker) and `firefox` (Debian's firefox-esr, event page). The
 * fixture layer (fixtures.ts, extension-pages.ts) reads this so that one spec source drives both.
 */
import { test } from '@playwright/test';

export type Engine = 'chromium' | 'firefox';

export function engine(): Engine {
  try {
    // `firefox` (playwright.config.ts), and any project named firefox-*, drives Firefox.
    return test.info().project.name.startsWith('firefox') ? 'firefox' : 'chromium';
  } catch {
    return 'chromium'; // outside a test (global setup, a helper script)
  }
}

export const isFirefox = (): boolean => engine() === 'firefox';
