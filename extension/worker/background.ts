/**
 * The background worker's entry point. Listeners are registered synchronously at top level (MV3 workers
 * are started by events and must see their listener on the first turn); services are created lazily.
 */
import browser from 'webextension-polyfill';
import { storageArea, scriptRegistrar } from './browser-areas';
import { editorHandlers } from './handlers/editor';
import { keyHandlers } from './handlers/keys';
import { certificateDetailHandlers } from './handlers/certificate-details';
import { keyConflictHandlers } from './handlers/key-conflicts';
import { keyManageHandlers } from './handlers/key-manage';
import { readerHandlers } from './handlers/reader';
import { localStorageBackend } from './keyring-backend';
import { settingsHandlers } from './handlers/settings';
import { settingsPolicyHandlers } from './handlers/settings-policy';
import { startPolicy } from './policy/start-policy';
import { siteHandlers } from './handlers/sites';
import { trustRootHandlers } from './handlers/trust-roots';
import { backupHandlers } from './handlers/backup';
import { workerHandlers } from './handlers/worker';
import { discoveryHandlers } from './handlers/discovery';
import { createRouter, type HandlerMap } from './router';
import { createServices } from './services';

const services = createServices({
  local: storageArea(browser.storage.local),
  session: storageArea(browser.storage.session),
  registrar: scriptRegistrar,
  version: browser.runtime.getManifest().version,
  keyringBackend: localStorageBackend(),
  toContent: (tabId, frameId, message) => browser.tabs.sendMessage(tabId, message, { frameId }),
  readManaged: () => browser.storage.managed.get(),
});

const handlers: HandlerMap = {
  ...workerHandlers(services),
  ...siteHandlers(services),
  ...readerHandlers(services),
  ...settingsHandlers(services),
  ...keyHandlers(services),
  ...editorHandlers(services),
  ...keyManageHandlers(services),
  ...keyConflictHandlers(services),
  ...certificateDetailHandlers(services),
  ...trustRootHandlers(services),
  ...backupHandlers(services),
  ...settingsPolicyHandlers(services),
  ...discoveryHandlers(services),
};

const route = createRouter({
  ownId: browser.runtime.id,
  ownOrigin: new URL(browser.runtime.getURL('/')).origin,
  handlers,
  isSiteEnabled: (origin) => services.sites.isEnabled(origin),
  onError: (e, name) => console.error(`Lockpane: handler for ${name} failed`, e),
});

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => route(message, sender));

// A permission removed in the browser's own UI must also remove our content script.
browser.permissions.onRemoved.addListener(() => void services.sites.sync());
browser.storage.onChanged.addListener((_changes, area) => {
  if (area === 'local') services.sites.invalidate();
});
// Managed policy: applied now, and again whenever the administrator's values arrive or change.
const policy = startPolicy(services);
browser.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed') void policy.changed();
});
browser.runtime.onInstalled.addListener((details) => {
  void services.sites.sync();
  // First run: the options page starts the onboarding (not in test builds, whose specs drive pages themselves).
  if (details.reason === 'install' && !__LOCKPANE_TEST__) void browser.runtime.openOptionsPage();
});

if (__LOCKPANE_DEV__) console.info('Lockpane worker started (development build)');
