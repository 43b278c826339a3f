/**
 * Where an injected adapter bundle hands its adapter to content.js. Both run in the content scripts' own
 * global (Chrome's isolated world, Firefox's content-script sandbox), which the page's scripts cannot
 * see or write; the slot is a property of that global because the two bundles share nothing else.
 */
import type { SiteAdapter } from '../adapter';

type Slot = { adapters: Map<string, SiteAdapter>; waiting: Map<string, ((a: SiteAdapter) => void)[]> };

const key = '__lockpaneSiteAdapters';

function slot(): Slot {
  const g = globalThis as { [key]?: Slot };
  g[key] ??= { adapters: new Map(), waiting: new Map() };
  return g[key];
}

/** Called once by each `sites/<id>.bundle.ts` when the worker injects it. */
export function provideAdapter(adapter: SiteAdapter): void {
  const s = slot();
  s.adapters.set(adapter.id, adapter);
  for (const resolve of s.waiting.get(adapter.id) ?? []) resolve(adapter);
  s.waiting.delete(adapter.id);
}

/** The adapter a bundle provided (now or within `timeoutMs`). */
export function waitForAdapter(id: string, timeoutMs: number): Promise<SiteAdapter> {
  const s = slot();
  const known = s.adapters.get(id);
  if (known) return Promise.resolve(known);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the ${id} adapter bundle did not arrive within ${timeoutMs} ms`)), timeoutMs);
    const list = s.waiting.get(id) ?? [];
    list.push((a) => {
      clearTimeout(timer);
      resolve(a);
    });
    s.waiting.set(id, list);
  });
}
