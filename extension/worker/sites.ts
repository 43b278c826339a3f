/**
 * Enabled web mails (DESIGN §2.8): an origin is enabled only with its optional host permission granted,
 * and only then is the content script registered for it. The browser-facing parts are injected so the
 * bookkeeping is unit-tested.
 */
import { originMatchPattern, toSiteOrigin, type SiteOrigin } from '../shared/ids';
import { ProtocolError } from '../shared/result';
import type { KeyValueArea } from './kv';

export type ScriptRegistrar = {
  hasHostPermission(pattern: string): Promise<boolean>;
  /** Registers (or replaces) the content script for these match patterns. */
  registerContentScript(id: string, patterns: string[]): Promise<void>;
  unregisterContentScript(id: string): Promise<void>;
};

const storageKey = 'sites.enabled';
export const contentScriptId = 'lockpane-sites';

export function createSites(area: KeyValueArea, registrar: ScriptRegistrar) {
  let cache: SiteOrigin[] | null = null;

  async function load(): Promise<SiteOrigin[]> {
    if (cache) return cache;
    const raw = await area.get(storageKey);
    const list = Array.isArray(raw) ? raw.flatMap((o) => (typeof o === 'string' ? [toSiteOrigin(o)] : [])) : [];
    cache = list.filter((o): o is SiteOrigin => o !== null);
    return cache;
  }

  async function save(list: SiteOrigin[]): Promise<void> {
    cache = [...new Set(list)].sort();
    await area.set(storageKey, cache);
    await sync();
  }

  /** Keeps the one dynamic registration equal to the enabled list whose permission is still granted. */
  async function sync(): Promise<void> {
    const list = await load();
    const patterns: string[] = [];
    for (const origin of list) {
      const pattern = originMatchPattern(origin);
      if (!patterns.includes(pattern) && (await registrar.hasHostPermission(pattern))) patterns.push(pattern);
    }
    if (patterns.length === 0) await registrar.unregisterContentScript(contentScriptId);
    else await registrar.registerContentScript(contentScriptId, patterns);
  }

  function parse(origin: string): SiteOrigin {
    const parsed = toSiteOrigin(origin);
    if (!parsed) throw new ProtocolError('bad-request', `"${origin.slice(0, 80)}" is not a web origin`);
    return parsed;
  }

  return {
    list: load,
    sync,
    async isEnabled(origin: string): Promise<boolean> {
      const parsed = toSiteOrigin(origin);
      return parsed !== null && (await load()).includes(parsed);
    },
    async enable(origin: string): Promise<SiteOrigin[]> {
      const parsed = parse(origin);
      if (!(await registrar.hasHostPermission(originMatchPattern(parsed)))) {
        throw new ProtocolError('permission-missing', `Lockpane needs permission to run on ${parsed}`);
      }
      await save([...(await load()), parsed]);
      return load();
    },
    async disable(origin: string): Promise<SiteOrigin[]> {
      const parsed = parse(origin);
      await save((await load()).filter((o) => o !== parsed));
      return load();
    },
    /** Storage may change from another context; drop the cache so the next read is fresh. */
    invalidate(): void {
      cache = null;
    },
  };
}

export type Sites = ReturnType<typeof createSites>;
