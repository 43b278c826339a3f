/**
 * The registry of web mails: every provider's probe, in the order they are tried, and generic mode last.
 * Only the probes live in content.js; a provider's adapter is its own bundle (`sites/<id>.js`), loaded
 * into a page only once its probe claimed it. Adding a web mail: docs/adapters.md.
 */
import type { SiteAdapter, SiteId, SiteProbe } from '../adapter';
import { createGenericAdapter, genericId } from './generic';
import { lazyGenericAttach } from './generic-attach';
import { gmailProbe } from './gmail';
import { outlookProbe } from './outlook';
import { roundcubeProbe } from './roundcube';
import { sogoProbe } from './sogo';
import { yahooProbe } from './yahoo';

/** Loads a provider's adapter bundle into this page (the worker injects it) and returns its adapter. */
export type LoadBundle = (id: SiteId) => Promise<SiteAdapter>;

export type SiteEntry = {
  probe: SiteProbe;
  /** The web mail's name as users know it (the fallback notice names it). */
  label: string;
  load(loadBundle: LoadBundle): Promise<SiteAdapter>;
};

function bundled(probe: SiteProbe, label: string): SiteEntry {
  return { probe, label, load: (loadBundle) => loadBundle(probe.id) };
}

/** Every specific web mail, most specific first (a host check before a structure-only check). */
export const specificSites: readonly SiteEntry[] = [
  bundled(gmailProbe, 'Gmail'),
  bundled(outlookProbe, 'Outlook'),
  bundled(yahooProbe, 'Yahoo Mail'),
  bundled(roundcubeProbe, 'Roundcube'),
  bundled(sogoProbe, 'SOGo'),
];

function claimedBySpecific(doc: Document): boolean {
  let url: URL;
  try {
    url = new URL(doc.URL);
  } catch {
    return false;
  }
  return specificSites.some((s) => s.probe.matches(url) && s.probe.detect(doc));
}

/** Generic mode claims exactly the pages no specific adapter claims; it is part of content.js. */
export const genericSite: SiteEntry = {
  probe: {
    id: genericId,
    matches: (url) => url.protocol === 'https:' || url.protocol === 'http:',
    detect: (doc) => !claimedBySpecific(doc),
  },
  label: 'generic',
  load: async (loadBundle) => createGenericAdapter(lazyGenericAttach(loadBundle)),
};

export const siteRegistry: readonly SiteEntry[] = [...specificSites, genericSite];

/** The entry for this page: the first whose probe claims it (generic mode, the last, claims the rest). */
export function siteFor(doc: Document): SiteEntry {
  let url: URL | null = null;
  try {
    url = new URL(doc.URL);
  } catch {
    url = null;
  }
  return siteRegistry.find((s) => url !== null && s.probe.matches(url) && s.probe.detect(doc)) ?? genericSite;
}

/** The name users know a web mail by, for the fallback notice. */
export function siteLabel(id: SiteId): string {
  return siteRegistry.find((s) => s.probe.id === id)?.label ?? id;
}
