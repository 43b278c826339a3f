/**
 * Firefox ESR can answer `browsingContext.navigate` with the id of the navigation before it: seen on
 * Roundcube, whose compose address redirects (HTTP 302) and follows a login's own navigation. The events
 * of the navigation (navigationStarted … load) carry the right id; Playwright compares the two, takes the
 * answer's id for another navigation and fails the goto ("interrupted by another navigation").
 * This remembers the navigations each context started after a navigate command was sent, and when the
 * answer names none of them, gives it the id of the one that did start.
 */

type Message = { id?: number; type?: string; method?: string; params?: { context?: string; navigation?: string | null }; result?: unknown };

export class NavigationIds {
  /** Navigate commands waiting for their answer: id → the context and the navigations started since. */
  private readonly pending = new Map<number, { context: string; started: string[] }>();

  /** A command from Playwright. */
  sent(message: Message): void {
    if (message.method === 'browsingContext.navigate' && message.id !== undefined && message.params?.context) {
      this.pending.set(message.id, { context: message.params.context, started: [] });
    }
  }

  /** A message from Firefox; returns it, or the navigate answer with the id of the navigation it started. */
  received(message: Message, text: string): string {
    const p = message.params;
    if (message.method === 'browsingContext.navigationStarted' && p?.context && p.navigation) {
      for (const wait of this.pending.values()) if (wait.context === p.context) wait.started.push(p.navigation);
      return text;
    }
    const wait = message.id === undefined ? undefined : this.pending.get(message.id);
    if (!wait) return text;
    this.pending.delete(message.id!);
    const result = message.result as { navigation?: string | null } | undefined;
    const answered = result?.navigation;
    if (message.type !== 'success' || !answered || wait.started.length !== 1 || wait.started.includes(answered)) return text;
    return JSON.stringify({ ...message, result: { ...result, navigation: wait.started[0] } });
  }
}
