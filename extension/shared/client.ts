/**
 * The typed client every context uses to talk to the worker. MV3 workers stop when idle; a request that
 * races a restart fails with "Receiving end does not exist", so idempotent requests are retried.
 */
import browser from 'webextension-polyfill';
import type { MessageName, RequestOf, ResponseOf, WireRequest } from './catalogue';
import { ProtocolError, type Result } from './result';

const transient = /Receiving end does not exist|Could not establish connection|message port closed/i;

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
      if (attempt >= (opts.retries ?? 3) || !transient.test(String(e))) throw e;
      attempt += 1;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}
