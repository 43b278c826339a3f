/**
 * Key discovery messages. Pages (options) may look up any address; a frame only as the secure editor
 * that holds a claimed editor token (its key assistant). Content scripts are refused by the catalogue,
 * and again here, so a hostile page can never make the worker fetch on its behalf.
 */
import { ProtocolError } from '../../shared/result';
import type { FrameContext, PageContext } from '../../shared/sender';
import type { HandlerMap } from '../router';
import type { Services } from '../services';

async function checkCaller(s: Services, ctx: PageContext | FrameContext, token: string | undefined): Promise<void> {
  if (ctx.cls === 'page') return;
  if (ctx.path !== '/editor.html') throw new ProtocolError('forbidden-sender', 'only Lockpane pages and the secure editor may look up keys');
  if (token === undefined) throw new ProtocolError('token-invalid', 'the secure editor must name its token');
  await s.editorTokens.claim(token, ctx);
}

export function discoveryHandlers(s: Services): Pick<HandlerMap, 'discovery.lookup' | 'discovery.import'> {
  return {
    'discovery.lookup': async (req, ctx) => {
      await checkCaller(s, ctx, req.token);
      return s.discovery.lookup(req.email);
    },
    'discovery.import': async (req, ctx) => {
      await checkCaller(s, ctx, req.token);
      return s.discovery.import(req.id);
    },
  };
}
