/** Adapters from the extension storage areas and scripting API to the worker's injected interfaces. */
import browser from 'webextension-polyfill';
import type { KeyValueArea } from './kv';
import type { ScriptRegistrar } from './sites';

export function storageArea(area: browser.Storage.StorageArea): KeyValueArea {
  return {
    async get(key) { return (await area.get(key))[key]; },
    async set(key, value) { await area.set({ [key]: value }); },
    async remove(key) { await area.remove(key); },
  };
}

export const scriptRegistrar: ScriptRegistrar = {
  hasHostPermission: (pattern) => browser.permissions.contains({ origins: [pattern] }),
  async registerContentScript(id, patterns) {
    const script = { id, matches: patterns, js: ['content.js'], runAt: 'document_idle' as const, allFrames: true, persistAcrossSessions: true };
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
    if (existing.length > 0) await browser.scripting.updateContentScripts([script]);
    else await browser.scripting.registerContentScripts([script]);
  },
  async unregisterContentScript(id) {
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
    if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [id] });
  },
};
