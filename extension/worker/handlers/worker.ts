import type { HandlerMap } from '../router';
import type { Services } from '../services';

export function workerHandlers(s: Services): Pick<HandlerMap, 'worker.ping' | 'worker.status'> {
  return {
    'worker.ping': async (_req, ctx) => ({ version: s.version, senderClass: ctx.cls }),
    'worker.status': async () => ({ version: s.version, startedAt: s.startedAt, sites: (await s.sites.list()).length }),
  };
}
