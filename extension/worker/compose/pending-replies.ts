/**
 * A reply editor waiting for the web mail's own reply form. "Reply securely" in a site whose adapter opens
 * the web mail's reply page (Roundcube) navigates the tab; the content script on the new page takes the
 * editor token from here. One per tab, for the same origin only, for a short while; kept in
 * storage.session so a worker stop during the navigation loses nothing.
 */
import type { FrameToken } from '../../shared/ids';
import { branded, int, obj, str, type Infer } from '../../shared/schema';
import type { KeyValueArea } from '../kv';
import { readStored } from '../stored-record';

const pendingSchema = obj({ token: branded<FrameToken>(str({ max: 64 })), origin: str({ max: 300 }), at: int({ min: 0, max: 2 ** 53 }) });
type Pending = Infer<typeof pendingSchema>;

const prefix = 'pendingReply:';
/** Long enough for a slow page load, short enough that a later, unrelated compose does not get it. */
export const pendingReplyLifetimeMs = 2 * 60 * 1000;

export function createPendingReplies(area: KeyValueArea, now: () => number = Date.now) {
  /** The tab's held reply; a damaged record is removed and counts as none (nothing else is touched). */
  async function read(tabId: number): Promise<Pending | undefined> {
    try {
      return await readStored(area, prefix + tabId, pendingSchema, 'pending reply');
    } catch {
      await area.remove(prefix + tabId);
      return undefined;
    }
  }
  return {
    async hold(tabId: number, origin: string, token: string): Promise<void> {
      await area.set(prefix + tabId, { token, origin, at: now() });
    },
    async drop(tabId: number, token: string): Promise<void> {
      const held = await read(tabId);
      if (held?.token === token) await area.remove(prefix + tabId);
    },
    /** The waiting editor token for this tab and origin, once; null when there is none (or it is stale). */
    async take(tabId: number, origin: string): Promise<FrameToken | null> {
      const held = await read(tabId);
      if (!held) return null;
      if (held.origin !== origin) return null; // another site in this tab never gets it (nor removes it)
      await area.remove(prefix + tabId);
      return now() - held.at <= pendingReplyLifetimeMs ? held.token : null;
    },
  };
}

export type PendingReplies = ReturnType<typeof createPendingReplies>;
