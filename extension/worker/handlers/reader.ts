import { ProtocolError } from '../../shared/result';
import type { HandlerMap } from '../router';
import type { Services } from '../services';

export function readerHandlers(s: Services): Pick<HandlerMap, 'reader.open' | 'reader.claim'> {
  return {
    'reader.open': async (req, ctx) => {
      if (ctx.cls !== 'content') throw new ProtocolError('forbidden-sender', 'only a content script opens readers');
      const token = await s.readerTokens.issue('reader', ctx.tabId, { kind: req.kind, armored: req.armored, origin: ctx.origin });
      return { token };
    },
    'reader.claim': async (req, ctx) => {
      if (ctx.cls !== 'frame') throw new ProtocolError('forbidden-sender', 'only a reader frame claims a reader token');
      return s.readerTokens.claim(req.token, ctx);
    },
  };
}
