/**
 * A reply editor waiting for the web mail's own reply form. "Reply securely" in a site whose adapter opens
 * the web mail's reply page (Roundcube) navigates the tab; the content script on the new page takes the
 * editor token from here. One per tab, for the same origin only, for a short while; kept in
 * storage.session so a worker stop during the navigation loses nothing.
 */
import type { KeyValueArea } from '../kv';

type Pending = { token: string; origin: string; at: number };

const prefix = 'pendingReply:';
/** Long enough for a slow page load, short enough that a later, unrelated compose does not get it. */
export const pendingReplyLifetimeMs = 2 * 60 * 1000;

export function createPendingReplies(area: KeyValueArea, now: () => number = Date.now) {
  return {
    async hold(tabId: number, origin: string, token: string): Promise<void> {
      await area.set(prefix + tabId, { token, origin, at: now() } satisfies Pending);
    },
    async drop(tabId: number, token: string): Promise<void> {
      const held = (await area.get(prefix + tabId)) as Pending | undefined;
      if (held?.token === token) await area.remove(prefix + tabId);
    },
    /** The waiting editor token for this tab and origin, once; null when there is none (or it is stale). */
    async take(tabId: number, origin: string): Promise<string | null> {
      const held = (await area.get(prefix + tabId)) as Pending | undefined;
      if (!held) return null;
      if (held.origin !== origin) return null; // another site in this tab never gets it (nor removes it)
      await area.remove(prefix + tabId);
      return now() - held.at <= pendingReplyLifetimeMs ? held.token : null;
    },
  };
}

export type PendingReplies = ReturnType<typeof createPendingReplies>;
