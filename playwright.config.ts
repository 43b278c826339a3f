import { defineConfig } from '@playwright/test';

/**
 * The specs that also run in Firefox (the `firefox` project; issue #19): the core flows, chosen to keep the
 * Firefox share of `npm test` within about eight minutes on the 2-core CI machine. One spec source drives
 * both browsers through the fixture layer (e2e/support/fixtures.ts, engine.ts).
 */
const firefoxSpecs = [
  'ui-onboarding', 'secure-mail', 'smime-mail', 'vectors-generic', 'drafts-and-restarts', 'reply',
  'hostile-page', 'firefox-background',
].map((name) => `**/${name}.spec.ts`);
/**
 * Left out in Firefox, and why (not product faults: in each the Lockpane frame is on screen, as the failure
 * screenshots show): Playwright's BiDi client sometimes never gets the script realm of a moz-extension frame
 * that replaced an about:blank iframe, and every locator in that frame then waits until the test times out.
 * These two flows hit it nearly every run (the S/MIME compose editor; the editor over Roundcube's reply
 * form), the others rarely (one retry under CI). Roundcube in Firefox got as far as: Alice writes and sends
 * in Roundcube, Bob reads it verified in the preview pane, Bob's reply editor opens with the quote.
 */
const firefoxLost = ['Alice signs and encrypts with S\\/MIME in the secure editor', 'OpenPGP: Alice encrypts\\+signs in Roundcube compose'];
/**
 * Also left out in Firefox, to keep its share of `npm test` near eight minutes: hostile-page cases whose
 * defence lives in the content script's detection (the same code and DOM rules in both browsers). The cases
 * that depend on the browser stay: postMessage, frame addresses and tokens, clicks, focus, sanitising (mXSS).
 */
const firefoxSameAsChromium = ['A6\\.4 injected ciphertexts', 'A6\\.5 a lookalike frame', 'A6\\.6 clobbering', 'A1\\.1/A1\\.4 markup in a plain-text'];
/**
 * Flows that open the secure editor hit the same lost-realm hang in about one run of three or four (the
 * editor is on screen; Playwright never reaches into it). With one retry that would fail CI every few
 * runs, so they are not part of `npm test` in Firefox; `npm run test:firefox-editor` runs them (2 retries).
 * Issue #19 stays open until the driver is fixed or replaced.
 */
const firefoxEditorHang = [
  'Alice encrypts and signs in the secure editor', 'a draft survives closing the tab', 'a second editor on the same web mail',
  'Bob replies securely', 'A6\\.8 focus stealing', 'A6\\.10 password mail', 'without the CA as a root', 'loads the editor frame itself',
  // not an editor flow, but the same hang around its file downloads: flaky in two runs of this session
  'saves the keep-safe files',
];
const firefoxOnlyNot = new RegExp([...firefoxLost, ...firefoxSameAsChromium, ...firefoxEditorHang].join('|'));
const firefoxEditorOnly = process.env.LOCKPANE_FIREFOX_EDITOR === '1';

export default defineConfig({
  testDir: './e2e/specs',
  globalSetup: './e2e/support/global-setup.ts',
  // Two cores: one browser at a time keeps timings honest and the machine responsive.
  workers: 1,
  fullyParallel: false,
  // One retry under CI only: a 2-core machine is noisy; retried specs are reported as flaky by npm test.
  retries: process.env.CI === 'true' ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  // Separate output folders let several Playwright runs share a checkout (each run empties its folder).
  outputDir: process.env.LOCKPANE_PW_OUT ?? 'test-results/e2e',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: { screenshot: 'only-on-failure', trace: 'retain-on-failure' },
  projects: [
    // firefox-*.spec.ts that drive Firefox through puppeteer (policy) run once, here; firefox-background is Firefox's own.
    { name: 'chromium', testIgnore: '**/firefox-background.spec.ts' },
    // No trace in Firefox: ESR leaves some of the trace's screencast screenshots unanswered over BiDi, and
    // the actions queued behind them then wait until the test times out.
    { name: 'firefox', testMatch: firefoxSpecs, grepInvert: firefoxOnlyNot, use: { trace: 'off' } },
    ...(firefoxEditorOnly
      ? [{ name: 'firefox-editor', testMatch: firefoxSpecs, grep: new RegExp(firefoxEditorHang.join('|')), retries: 2, use: { trace: 'off' as const } }]
      : []),
  ],
});
