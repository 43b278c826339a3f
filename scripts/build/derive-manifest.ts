/**
 * Derives each browser's manifest from the one source manifest.json. Pure, so the rules (and the promise
 * that a production build carries no test-only permission) are unit-tested.
 */
export type BuildTarget = 'chrome' | 'firefox';
export type ManifestOptions = { target: BuildTarget; test: boolean; store: boolean };
export type Manifest = Record<string, unknown>;

/**
 * Host access granted up front only in the e2e test build, so tests need no permission prompt: loopback,
 * and the addresses of Gmail, Outlook and Yahoo Mail, where their replicas (e2e/sites/gmail, e2e/sites/outlook,
 * e2e/sites/yahoo) are served through request routing.
 */
export const testHostPermissions = ['http://127.0.0.1/*', 'https://mail.google.com/*', 'https://outlook.live.com/*', 'https://outlook.office.com/*', 'https://mail.yahoo.com/*'];

export function deriveManifest(source: Manifest, opts: ManifestOptions): Manifest {
  const m: Manifest = structuredClone(source);
  if (opts.target === 'chrome') {
    delete m.browser_specific_settings;
    // The store assigns its own id; the fixed key only keeps dev/test ids stable.
    if (opts.store) delete m.key;
  } else {
    delete m.key;
    delete m.minimum_chrome_version;
    m.background = { scripts: ['background.js'] };
    // Firefox gives every install its own moz-extension UUID already; use_dynamic_url is Chrome-only.
    const wars = m.web_accessible_resources as Array<Record<string, unknown>>;
    m.web_accessible_resources = wars.map(({ use_dynamic_url: _ignored, ...rest }) => rest);
  }
  if (opts.test) m.host_permissions = [...testHostPermissions];
  return m;
}
