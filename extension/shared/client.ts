/**
 * The typed client extension pages and frames use to talk to the worker: every reply is checked against
 * the reply schema of the message sent (catalogue), and retried or refused as client-core.ts says.
 */
import { replySchemaOf, type MessageName, type RequestOf, type ResponseOf } from './catalogue';
import { callWith } from './client-core';

export function call<N extends MessageName>(name: N, body: RequestOf<N>, opts: { retries?: number } = {}): Promise<ResponseOf<N>> {
  return callWith(name, body, replySchemaOf(name), opts);
}
