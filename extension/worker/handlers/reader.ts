import { ProtocolError } from '../../shared/result';
import type { HandlerMap } from '../router';
import { readMessage } from '../reader/read-message';
import type { Services } from '../services';

export function readerHandlers(s: Services): Pick<HandlerMap, 'reader.open' | 'reader.claim' | 'reader.decrypt' | 'reader.importKey' | 'reader.reply'> {
  return {
    'reader.open': async (req, ctx) => {
      if (ctx.cls !== 'content') throw new ProtocolError('forbidden-sender', 'only a content script opens readers');
      const token = await s.readerTokens.issue('reader', ctx.tabId, { kind: req.kind, armored: req.armored, origin: ctx.origin, sender: req.sender?.toLowerCase() ?? null, contentFrameId: ctx.frameId });
      return { token };
    },
    'reader.claim': async (req, ctx) => {
      if (ctx.cls !== 'frame') throw new ProtocolError('forbidden-sender', 'only a reader frame claims a reader token');
      const p = await s.readerTokens.claim(req.token, ctx);
      return { kind: p.kind, origin: p.origin, bytes: new TextEncoder().encode(p.armored).length, sender: p.sender };
    },
    'reader.decrypt': async (req, ctx) => {
      if (ctx.cls !== 'frame') throw new ProtocolError('forbidden-sender', 'only a reader frame decrypts');
      const payload = await s.readerTokens.claim(req.token, ctx);
      return readMessage(payload, s.keyring, { fingerprint: req.fingerprint, passphrase: req.passphrase }, s.smime);
    },
    'reader.reply': async (req, ctx) => {
      if (ctx.cls !== 'frame') throw new ProtocolError('forbidden-sender', 'only a reader frame replies');
      const p = await s.readerTokens.claim(req.token, ctx);
      const editorToken = await s.editorTokens.issue('editor', ctx.tabId, {
        origin: p.origin, to: p.sender ? [p.sender] : [], cc: [], subject: null, contentFrameId: p.contentFrameId, quote: req.quote,
      });
      await s.toContent(ctx.tabId, p.contentFrameId, { lockpane: 1, name: 'content.openEditor', readerToken: req.token, editorToken });
      return { opened: true };
    },
    'reader.importKey': async (req, ctx) => {
      if (ctx.cls !== 'frame') throw new ProtocolError('forbidden-sender', 'only a reader frame imports its key');
      const payload = await s.readerTokens.claim(req.token, ctx);
      if (payload.kind !== 'pgp-key') throw new ProtocolError('bad-request', 'this message holds no public key');
      const results = await s.keyring.import({ text: payload.armored }, 'mail');
      return { imported: results.map((r) => r.key) };
    },
  };
}
