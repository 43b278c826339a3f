/**
 * The background worker's entry point. Listeners are registered synchronously at top level (MV3 workers
 * are started by events and must see their listener on the first turn); services are created lazily.
 */
import './boot-start';
import browser from 'webextension-polyfill';
import { storageArea, scriptRegistrar } from './browser-areas';
import { localStorageBackend } from './keyring-backend';
import { startPolicy } from './policy/start-policy';
import { allHandlers } from './handler-map';
import { createRouter } from './router';
import { createServices } from './services';
import { bootMark, mark } from './worker-timing';

const services = createServices({
  local: storageArea(browser.storage.local),
  session: storageArea(browser.storage.session),
  registrar: scriptRegistrar,
  version: browser.runtime.getManifest().version,
  keyringBackend: localStorageBackend(),
  toContent: (tabId, frameId, message) => browser.tabs.sendMessage(tabId, message, { frameId }),
  injectScript: async (tabId, frameId, file) => {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [file] });
  },
  readManaged: () => browser.storage.managed.get(),
  passwordFileTemplate: () => fetch(browser.runtime.getURL('password-mail.html.template')).then((r) => r.text()),
});

const handlers = allHandlers(services);

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
mark(bootMark.evalEnd);
