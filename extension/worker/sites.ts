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

/**
 * The organisation's say (managed policy): origins enabled for every user, and patterns where Lockpane
 * must never run. Blocked wins over both lists.
 */
export type SitePolicy = {
  forced(): Promise<SiteOrigin[]>;
  isBlocked(origin: SiteOrigin): Promise<boolean>;
};
const noPolicy: SitePolicy = { forced: async () => [], isBlocked: async () => false };

const storageKey = 'sites.enabled';
export const contentScriptId = 'lockpane-sites';

export function createSites(area: KeyValueArea, registrar: ScriptRegistrar, policy: SitePolicy = noPolicy) {
  let cache: SiteOrigin[] | null = null;

  async function load(): Promise<SiteOrigin[]> {
    if (cache) return cache;
    const raw = await area.get(storageKey);
    const list = Array.isArray(raw) ? raw.flatMap((o) => (typeof o === 'string' ? [toSiteOrigin(o)] : [])) : [];
    cache = list.filter((o): o is SiteOrigin => o !== null);
    return cache;
  }

  /** The user's list plus the policy's, minus what the policy blocks. */
  async function effective(): Promise<SiteOrigin[]> {
    const all = [...new Set([...(await load()), ...(await policy.forced())])].sort();
    const out: SiteOrigin[] = [];
    for (const o of all) if (!(await policy.isBlocked(o))) out.push(o);
    return out;
  }

  async function save(list: SiteOrigin[]): Promise<void> {
    cache = [...new Set(list)].sort();
    await area.set(storageKey, cache);
    await sync();
  }

  /** Keeps the one dynamic registration equal to the enabled list whose permission is still granted. */
  async function sync(): Promise<void> {
    const list = await effective();
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
    list: effective,
    sync,
    /** Whether the browser lets our content script run on this origin (host permission granted). */
    async hasAccess(origin: SiteOrigin): Promise<boolean> {
      return registrar.hasHostPermission(originMatchPattern(origin));
    },
    async isEnabled(origin: string): Promise<boolean> {
      const parsed = toSiteOrigin(origin);
      return parsed !== null && (await effective()).includes(parsed);
    },
    async enable(origin: string): Promise<SiteOrigin[]> {
      const parsed = parse(origin);
      if (await policy.isBlocked(parsed)) throw new ProtocolError('blocked-by-policy', `Your organisation does not allow Lockpane on ${parsed}`);
      if (!(await registrar.hasHostPermission(originMatchPattern(parsed)))) {
        throw new ProtocolError('permission-missing', `Lockpane needs permission to run on ${parsed}`);
      }
      await save([...(await load()), parsed]);
      return effective();
    },
    async disable(origin: string): Promise<SiteOrigin[]> {
      const parsed = parse(origin);
      if ((await policy.forced()).includes(parsed)) throw new ProtocolError('locked-by-policy', `Your organisation enabled Lockpane on ${parsed}; it cannot be turned off here`);
      await save((await load()).filter((o) => o !== parsed));
      return effective();
    },
    /** Storage may change from another context; drop the cache so the next read is fresh. */
    invalidate(): void {
      cache = null;
    },
  };
}

export type Sites = ReturnType<typeof createSites>;
