/**
 * When the typed client may send a request again after the worker went away (MV3 stops idle workers,
 * also in the middle of a request). Two failures look different to the sender:
 * - "Receiving end does not exist" / "Could not establish connection": nothing was delivered, so any
 *   request is safe to send again;
 * - "message channel closed before a response was received": the worker got the request and stopped
 *   while handling it. Most requests are idempotent (imports merge by fingerprint, reads and decrypts
 *   repeat, frame tokens can be re-claimed by the same frame) and are sent again; the few whose repeat
 *   would do something twice are not, and the user gets a clear "interrupted" error instead.
 */
import type { MessageName } from './catalogue';

const notDelivered = /Receiving end does not exist|Could not establish connection/i;
const lostReply = /message (port|channel) closed/i;

/** Repeating these after a lost reply could make a second key, insert ciphertext twice, or open two editors. */
const notRepeatable: ReadonlySet<MessageName> = new Set<MessageName>([
  'keys.generate', 'editor.encrypt', 'reader.reply', 'keys.changePassphrase',
]);

export type RetryDecision = 'retry' | 'interrupted' | 'fail';

export function retryDecision(name: MessageName, error: unknown): RetryDecision {
  const text = String(error);
  if (notDelivered.test(text)) return 'retry';
  if (lostReply.test(text)) return notRepeatable.has(name) ? 'interrupted' : 'retry';
  return 'fail';
}
