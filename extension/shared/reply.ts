/** Reading the worker's reply envelope (no browser APIs, so it is unit-tested; shared/client.ts uses it). */
import { ProtocolError, type ErrorCode } from './result';
import { obj, SchemaError, str, type Schema } from './schema';

/** A refusal from the worker: its code (our one error table) and message, both bounded. */
const wireErrorSchema = obj({ code: str({ max: 40, pattern: /^[a-z-]+$/ }), message: str({ max: 4000 }) });

/** The worker's envelope: the checked value, or a ProtocolError with its code; anything else is 'bad-reply'. */
export function readReply<T>(name: string, reply: unknown, value: Schema<T>): T {
  if (typeof reply !== 'object' || reply === null) throw new ProtocolError('internal', 'no reply from the Lockpane worker');
  const envelope = reply as { ok?: unknown; value?: unknown; error?: unknown };
  try {
    if (envelope.ok === true && Object.keys(envelope).length === 2 && 'value' in envelope) return value.parse(envelope.value, `reply to ${name}`);
    if (envelope.ok === false && Object.keys(envelope).length === 2) {
      const error = wireErrorSchema.parse(envelope.error, `error reply to ${name}`);
      throw new ProtocolError(error.code as ErrorCode, error.message);
    }
  } catch (e) {
    if (e instanceof SchemaError) throw new ProtocolError('bad-reply', `The Lockpane worker gave an unexpected answer (${e.message.slice(0, 200)}).`);
    throw e;
  }
  throw new ProtocolError('bad-reply', `The Lockpane worker gave an unexpected answer to ${name}.`);
}
