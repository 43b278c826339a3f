/**
 * Firefox ESR sometimes never sends `script.realmCreated` for the document a frame or tab navigated to
 * (Lockpane's moz-extension editor and reader frames, its options page): in a BiDi log (LOCKPANE_BIDI_LOG)
 * of a hanging run the about:blank realm is destroyed at `navigationCommitted` and no realm for the new
 * document follows. Playwright learns of a frame's main world only from that event, so every locator in
 * the frame then waits until the test times out, although the frame is on screen.
 * Why (Firefox's remote agent, omni.ja chrome/remote/content/shared/messagehandler/): a document's realm
 * is announced when its WindowGlobalMessageHandler is created, which happens on DOMWindowCreated in the
 * document's process, or else lazily on the first BiDi command that targets the document. For these
 * moz-extension documents the first path is sometimes missed, and Playwright sends no command to a frame it
 * has no realm for: each waits for the other.
 * So after each commit this sends `script.getRealms` for the context if no realm for the new document has
 * come: that command creates the handler, and Firefox then announces the realm itself (in the logs it comes
 * within a few ms of the poke, about 300 ms after the commit). Should a realm still be unannounced,
 * this announces it from the getRealms answer; Playwright ignores a realm it already knows.
 */

export type RealmInfo = { realm: string; origin: string; type: string; context?: string; sandbox?: string };
type Event = { type?: string; method?: string; params?: { context?: string; realm?: string; type?: string; sandbox?: string } & Partial<RealmInfo> };
type Ask = (method: string, params: object) => Promise<{ type?: string; result?: unknown }>;

/** After a commit, when to look for an unannounced realm (ms). */
const checks = [300, 1000, 2500, 5000];

export class RealmAnnouncer {
  /** Window realms (no sandbox) announced to the client and not destroyed since, by context. */
  private readonly announced = new Map<string, Set<string>>();
  /** The latest navigation of each context: a check for an older one stops. */
  private readonly generation = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private next = 0;

  constructor(private readonly ask: Ask, private readonly emit: (event: object) => void, private readonly note: (text: string) => void = () => undefined) {}

  /** Sees every event from Firefox just after it was forwarded to the client. */
  observe(event: Event): void {
    if (event.type !== 'event' || !event.params) return;
    const p = event.params;
    if (event.method === 'script.realmCreated' && p.type === 'window' && !p.sandbox && p.context && p.realm) this.realms(p.context).add(p.realm);
    else if (event.method === 'script.realmDestroyed' && p.realm) for (const set of this.announced.values()) set.delete(p.realm);
    else if (event.method === 'browsingContext.contextDestroyed' && p.context) this.forget(p.context);
    else if (event.method === 'browsingContext.navigationCommitted' && p.context) this.watch(p.context);
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private forget(context: string): void {
    this.generation.delete(context);
    this.announced.delete(context);
  }

  private realms(context: string): Set<string> {
    let set = this.announced.get(context);
    if (!set) this.announced.set(context, (set = new Set()));
    return set;
  }

  private watch(context: string): void {
    const mine = ++this.next;
    this.generation.set(context, mine);
    const current = () => this.generation.get(context) === mine;
    // Realms announced before this commit belong to the document it replaced.
    const before = new Set(this.realms(context));
    const check = async (i: number): Promise<void> => {
      if (!current()) return;
      const fresh = [...this.realms(context)].some((r) => !before.has(r));
      if (fresh) return;
      const reply = await this.ask('script.getRealms', { context, type: 'window' });
      if (!current()) return;
      const list = reply.type === 'success' ? ((reply.result as { realms?: RealmInfo[] }).realms ?? []) : [];
      const windows = list.filter((r) => !r.sandbox);
      // The document's realm was announced (Firefox may send it just before the commit): nothing to do.
      if (windows.some((r) => this.realms(context).has(r.realm))) return;
      const missing = windows.filter((r) => !this.realms(context).has(r.realm));
      for (const r of missing) {
        this.note(`announcing realm ${r.realm} (${r.origin}) of context ${context}: Firefox sent no script.realmCreated`);
        this.realms(context).add(r.realm);
        this.emit({ type: 'event', method: 'script.realmCreated', params: { ...r, context } });
      }
      if (missing.length === 0 && i + 1 < checks.length) this.later(() => void check(i + 1), checks[i + 1]! - checks[i]!);
    };
    this.later(() => void check(0), checks[0]!);
  }

  private later(run: () => void, ms: number): void {
    const t = setTimeout(() => (this.timers.delete(t), run()), ms);
    this.timers.add(t);
  }
}
