/**
 * The typed client's core (shared/client.ts for pages and frames, content/worker-client.ts for content scripts). MV3 workers stop when idle; a request that
 * races a restart fails with "Receiving end does not exist", so idempotent requests are retried. Every
 * reply is checked against the reply schema of the message sent before the caller sees it.
 */
import browser from 'webextension-polyfill';
import type { MessageName, RequestOf, ResponseOf, WireRequest } from './catalogue';
import type { Schema } from './schema';
import { readReply } from './reply';
import { ProtocolError } from './result';
import { retryDecision } from './retry-policy';

/** Sends one message and checks its reply with `reply` (the catalogue's schema for `name`). */
export async function callWith<N extends MessageName>(name: N, body: RequestOf<N>, reply: Schema<ResponseOf<N>>, opts: { retries?: number } = {}): Promise<ResponseOf<N>> {
  const request: WireRequest = { lockpane: 1, name, body };
  let attempt = 0;
  for (;;) {
    try {
      const answer: unknown = await browser.runtime.sendMessage(request);
      return readReply(name, answer, reply);
    } catch (e) {
      if (e instanceof ProtocolError) throw e;
      const decision = retryDecision(name, e);
      if (decision === 'interrupted') {
        throw new ProtocolError('interrupted', 'The Lockpane worker restarted before it answered; check whether this was done before trying again.');
      }
      if (attempt >= (opts.retries ?? 3) || decision === 'fail') throw e;
      attempt += 1;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}
