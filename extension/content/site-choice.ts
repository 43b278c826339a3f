/**
 * Picks the adapter a page runs: the registry's first entry whose probe claims the page, loaded (a bundle
 * the worker injects), and healthy. A web mail that builds its UI lazily gets a grace period in which each
 * page-change batch checks health again. Any failure ends in generic mode, with the reason, so the caller
 * shows the one fallback notice; nothing fails silently or half-works.
 */
import type { Health, SiteAdapter } from './adapter';
import type { PageChanges } from './page-changes';
import { genericSite, siteFor, type LoadBundle } from './sites/index';

/** How long a claimed web mail may take to build the parts its health check needs. */
export const healthGraceMs = 8000;

export type Choice = {
  adapter: SiteAdapter;
  /** Set when a specific web mail was recognised but could not be used: its label and why. */
  fallback: { label: string; missing: string[] } | null;
};

export function healthWithin(adapter: SiteAdapter, doc: Document, changes: PageChanges, graceMs: number): Promise<Health> {
  const first = adapter.health(doc);
  if (first.ok || graceMs <= 0) return Promise.resolve(first);
  return new Promise((resolve) => {
    let last: Health = first;
    const done = (h: Health): void => {
      unsubscribe();
      clearTimeout(timer);
      resolve(h);
    };
    const unsubscribe = changes.subscribe(() => {
      last = adapter.health(doc);
      if (last.ok) done(last);
    });
    const timer = setTimeout(() => done(last), graceMs);
  });
}

export async function chooseAdapter(doc: Document, changes: PageChanges, loadBundle: LoadBundle, graceMs = healthGraceMs): Promise<Choice> {
  const site = siteFor(doc);
  const generic = async (missing: string[]): Promise<Choice> => ({
    adapter: await genericSite.load(loadBundle),
    fallback: site === genericSite ? null : { label: site.label, missing },
  });
  let adapter: SiteAdapter;
  try {
    adapter = await site.load(loadBundle);
  } catch (e) {
    console.warn(`Lockpane could not load its ${site.label} adapter`, e);
    return generic(['adapter bundle']);
  }
  const health = await healthWithin(adapter, doc, changes, graceMs);
  return health.ok ? { adapter, fallback: null } : generic(health.missing);
}
