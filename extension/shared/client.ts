/**
 * The typed client every context uses to talk to the worker. MV3 workers stop when idle; a request that
 * races a restart fails with "Receiving end does not exist", so idempotent requests are retried.
 */
import browser from 'webextension-polyfill';
import type { MessageName, RequestOf, ResponseOf, WireRequest } from './catalogue';
import { ProtocolError, type Result } from './result';
import { retryDecision } from './retry-policy';

export async function call<N extends MessageName>(name: N, body: RequestOf<N>, opts: { retries?: number } = {}): Promise<ResponseOf<N>> {
  const request: WireRequest = { lockpane: 1, name, body };
  let attempt = 0;
  for (;;) {
    try {
      const reply = (await browser.runtime.sendMessage(request)) as Result<ResponseOf<N>> | undefined;
      if (!reply || typeof reply !== 'object') throw new ProtocolError('internal', 'no reply from the Lockpane worker');
      if (reply.ok) return reply.value;
      throw new ProtocolError(reply.error.code, reply.error.message);
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
