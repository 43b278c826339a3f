/**
 * Loads a web mail's adapter bundle into this frame: the worker injects `sites/<id>.js` with
 * scripting.executeScript into exactly the asking frame (it needs the host permission the enabled site
 * already has, in Chrome and in Firefox MV3), and the bundle hands its adapter over through the slot.
 */
import { call } from '../worker-client';
import type { SiteAdapter, SiteId } from '../adapter';
import { siteBundleIds, type SiteBundleId } from '../../shared/site-bundles';
import { waitForAdapter } from './adapter-slot';

export const bundleTimeoutMs = 10_000;

function isBundle(id: string): id is SiteBundleId {
  return (siteBundleIds as readonly string[]).includes(id);
}

export async function loadSiteBundle(id: SiteId): Promise<SiteAdapter> {
  if (!isBundle(id)) throw new Error(`no adapter bundle for ${id}`);
  const arrived = waitForAdapter(id, bundleTimeoutMs);
  arrived.catch(() => undefined); // the call below may fail first; its error is the one reported
  await call('site.loadAdapter', { site: id });
  return arrived;
}
