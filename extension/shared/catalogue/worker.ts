/** Worker liveness and health. */
import { bool, empty, obj } from '../schema';
import type { Entry, SenderClass } from './common';

export const workerMessages = {
  /** Liveness and identity check: tells the caller how the worker classified it. */
  'worker.ping': { from: ['content', 'frame', 'page'], request: empty },
  /** Used by the options page to show whether the worker is healthy. */
  'worker.status': { from: ['page'], request: obj({ verbose: bool }) },
} as const satisfies Record<string, Entry>;

export type WorkerResponses = {
  'worker.ping': { version: string; senderClass: SenderClass };
  'worker.status': { version: string; startedAt: string; sites: number };
};
