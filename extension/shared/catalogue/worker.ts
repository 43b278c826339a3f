/** Worker liveness and health. */
import { bool, empty, literal, obj, str } from '../schema';
import { count, isoTime, type Entry, type SenderClass } from './common';

const version = str({ max: 100 });

export const workerMessages = {
  /** Liveness and identity check: tells the caller how the worker classified it. */
  'worker.ping': { from: ['content', 'frame', 'page'], request: empty, reply: obj({ version, senderClass: literal<SenderClass>('content', 'frame', 'page') }) },
  /** Used by the options page to show whether the worker is healthy. */
  'worker.status': { from: ['page'], request: obj({ verbose: bool }), reply: obj({ version, startedAt: isoTime, sites: count }) },
} as const satisfies Record<string, Entry>;
