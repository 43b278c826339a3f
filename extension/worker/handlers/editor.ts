import type { SenderContext } from '../../shared/sender';
import { ProtocolError } from '../../shared/result';
import type { HandlerMap } from '../router';
import type { Services } from '../services';

type EditorMessages = 'editor.open' | 'editor.claim' | 'editor.resolve' | 'editor.encrypt' | 'editor.saveDraft' | 'editor.loadDraft' | 'editor.discardDraft';

function frameOnly(ctx: SenderContext): Extract<SenderContext, { cls: 'frame' }> {
  if (ctx.cls !== 'frame' || ctx.path !== '/editor.html') throw new ProtocolError('forbidden-sender', 'only the secure editor may do this');
  return ctx;
}

function unlockOf(req: { passphrase?: string | undefined; fingerprint?: string | undefined }) {
  return req.passphrase && req.fingerprint ? { fingerprint: req.fingerprint, passphrase: req.passphrase } : undefined;
}

export function editorHandlers(s: Services): Pick<HandlerMap, EditorMessages> {
  const claim = (token: string, ctx: SenderContext) => s.editorTokens.claim(token, frameOnly(ctx));
  return {
    'editor.open': async (req, ctx) => {
      if (ctx.cls !== 'content') throw new ProtocolError('forbidden-sender', 'only a content script opens the editor');
      // Page-supplied hints are only suggestions the user sees and can edit; never a body (SECURITY A3.5).
      const token = await s.editorTokens.issue('editor', ctx.tabId, {
        origin: ctx.origin, to: req.to, cc: req.cc, subject: req.subject ?? null, contentFrameId: ctx.frameId, quote: null,
      });
      return { token };
    },
    'editor.claim': async (req, ctx) => {
      const p = await claim(req.token, ctx);
      return { origin: p.origin, to: p.to, cc: p.cc, subject: p.subject, draft: await s.compose.draftState(p.origin), quote: p.quote };
    },
    'editor.resolve': async (req, ctx) => {
      await claim(req.token, ctx);
      return s.compose.resolve(req.to, req.cc);
    },
    'editor.encrypt': async (req, ctx) => {
      const frame = frameOnly(ctx);
      const p = await s.editorTokens.claim(req.token, frame);
      const unlock = unlockOf(req);
      const result = await s.compose.encrypt({ to: req.to, cc: req.cc, body: req.body, sign: req.sign, ...(unlock ? { unlock } : {}) });
      if ('state' in result) return result;
      // Only ciphertext goes to the page, to the content script that opened this editor.
      const delivered = (await s.toContent(frame.tabId, p.contentFrameId, { lockpane: 1, name: 'content.insert', token: req.token, text: result.armored })) as { inserted?: boolean } | undefined;
      await s.compose.discardDraft(p.origin);
      return delivered?.inserted ? { state: 'inserted' } : { state: 'ciphertext', armored: result.armored };
    },
    'editor.saveDraft': async (req, ctx) => {
      const p = await claim(req.token, ctx);
      return s.compose.saveDraft(p.origin, { to: req.to, cc: req.cc, body: req.body });
    },
    'editor.loadDraft': async (req, ctx) => {
      const p = await claim(req.token, ctx);
      return s.compose.loadDraft(p.origin, unlockOf(req));
    },
    'editor.discardDraft': async (req, ctx) => {
      const p = await claim(req.token, ctx);
      return s.compose.discardDraft(p.origin);
    },
  };
}
