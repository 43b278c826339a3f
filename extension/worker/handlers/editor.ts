import type { FrameContext } from '../../shared/sender';
import { ProtocolError } from '../../shared/result';
import { randomToken } from '../../../keyring/bytes';
import type { HandlerMap } from '../router';
import type { Services } from '../services';
import { askContent } from '../content-channel';
import { createAttachmentOutbox } from '../compose/attachment-outbox';
import { createAttachmentStaging } from '../compose/attachment-staging';
import type { Encrypted } from '../compose/compose-service';
import { clearReplySubject } from '../compose/reply-subject';

type EditorMessages = 'editor.open' | 'editor.takeReply' | 'editor.claim' | 'editor.resolve' | 'editor.encrypt' | 'editor.stage' | 'editor.attach'
  | 'editor.saveDraft' | 'editor.loadDraft' | 'editor.discardDraft' | 'editor.passwordAdvice';

/** The catalogue lets only frames send these; of our frames, only the editor may. */
function editorFrame(ctx: FrameContext): FrameContext {
  if (ctx.path !== '/editor.html') throw new ProtocolError('forbidden-sender', 'only the secure editor may do this');
  return ctx;
}

function unlockOf(req: { passphrase?: string | undefined; fingerprint?: string | undefined }) {
  return req.passphrase && req.fingerprint ? { fingerprint: req.fingerprint, passphrase: req.passphrase } : undefined;
}

export function editorHandlers(s: Services): Pick<HandlerMap, EditorMessages> {
  const claim = (token: string, ctx: FrameContext) => s.editorTokens.claim(token, editorFrame(ctx));
  // Attachments live in worker memory only: plaintext files staged by the frame, ciphertext waiting for the page.
  const staging = createAttachmentStaging();
  const outbox = createAttachmentOutbox();
  /** True only when the page's script confirmed it; a missing or malformed answer leaves the ciphertext to the user to copy. */
  const insertText = async (tabId: number, frameId: number, token: string, text: string, to: string[], cc: string[], encrypted: boolean, subject?: string, pgpMime?: string):
    Promise<{ inserted: boolean; subjectSet: boolean; siteFiles?: string[] }> => {
    try {
      const r = await askContent(s.toContent, tabId, frameId, {
        lockpane: 1, name: 'content.insert', token, text, to, cc, ...(encrypted ? { encrypted } : {}), ...(subject !== undefined ? { subject } : {}), ...(pgpMime !== undefined ? { pgpMime } : {}),
      });
      const siteFiles = r?.inserted === false && r.siteFiles?.length ? { siteFiles: r.siteFiles } : {};
      return { inserted: r?.inserted === true, subjectSet: r?.subjectSet === true, ...siteFiles };
    } catch (e) {
      if (e instanceof ProtocolError && e.code === 'bad-reply') return { inserted: false, subjectSet: false };
      throw e;
    }
  };
  /** The editor's own draft id; given (and kept in its token) the first time it is needed. */
  const ownDraft = async (token: string, ctx: FrameContext): Promise<{ origin: string; draftId: string }> => {
    const p = await claim(token, ctx);
    if (p.draftId) return { origin: p.origin, draftId: p.draftId };
    const draftId = randomToken(16);
    await s.editorTokens.amend(token, editorFrame(ctx), (q) => ({ ...q, draftId: q.draftId ?? draftId }));
    const again = await claim(token, ctx);
    return { origin: again.origin, draftId: again.draftId ?? draftId };
  };
  return {
    'editor.open': async (req, ctx) => {
      // Page-supplied hints are only suggestions the user sees and can edit; never a body (SECURITY A3.5).
      const token = await s.editorTokens.issue('editor', ctx.tabId, {
        origin: ctx.origin, to: req.to, cc: req.cc, subject: req.subject ?? null, contentFrameId: ctx.frameId, quote: null,
        canAttach: req.canAttach === true, ...(req.smimeInline === true ? { smimeInline: true } : {}), ...(req.pgpMime === true ? { pgpMime: true } : {}),
      });
      return { token };
    },
    'editor.takeReply': async (req, ctx) => {
      const token = await s.pendingReplies.take(ctx.tabId, ctx.origin);
      if (!token) return { token: null };
      // Inserting and attaching now go to this page's content script.
      const moved = await s.editorTokens.retarget(token, ctx.tabId, (p) => ({ ...p, contentFrameId: ctx.frameId, canAttach: req.canAttach === true, pgpMime: req.pgpMime === true }));
      return { token: moved ? token : null };
    },
    'editor.claim': async (req, ctx) => {
      const p = await claim(req.token, ctx);
      const { draftId } = await ownDraft(req.token, ctx);
      return { origin: p.origin, to: p.to, cc: p.cc, subject: p.subject, draft: await s.compose.draftState(p.origin, draftId), quote: p.quote, canAttach: p.canAttach === true, pgpMime: p.pgpMime === true,
        ...(p.protectedSubject !== undefined ? { protectedReply: true } : {}) };
    },
    'editor.resolve': async (req, ctx) => {
      await claim(req.token, ctx);
      return s.compose.resolve(req.to, req.cc);
    },
    'editor.encrypt': async (req, ctx) => {
      const frame = editorFrame(ctx);
      const p = await s.editorTokens.claim(req.token, frame);
      const unlock = unlockOf(req);
      const files = staging.take(req.token, req.attachments ?? []);
      const asked = req.subject !== undefined ? { subject: req.subject } : {};
      // Sign-only mail is readable by anyone, its signed headers too: a protected Subject answered stays out.
      const signedSubject = req.subject !== undefined ? clearReplySubject(req.subject, p.protectedSubject) : null;
      if (req.signOnly === true && files.length > 0) throw new ProtocolError('bad-request', 'sign-only mail takes no attachments');
      const input = { to: req.to, cc: req.cc, body: req.body, sign: req.sign, ...(unlock ? { unlock } : {}), files, canAttach: p.canAttach === true, smimeInline: p.smimeInline === true };
      const result = req.signOnly === true
        ? await s.compose.signOnly({ to: req.to, cc: req.cc, body: req.body, ...(unlock ? { unlock } : {}), ...(signedSubject ? { subject: signedSubject.value } : {}) })
        : req.password
          ? await s.passwordMail.encrypt({ ...input, subject: req.subject ?? p.subject, password: req.password })
          : await s.compose.encrypt({ ...input, ...asked, pgpMime: p.pgpMime === true, ...(req.pgpMimeNotice !== undefined ? { notice: req.pgpMimeNotice } : {}) });
      if ('state' in result) return result;
      // Only ciphertext goes to the page, to the content script that opened this editor; with it the Subject
      // the web mail must carry (the placeholder when the real one is protected inside).
      const given: Encrypted['outerSubject'] = 'outerSubject' in result ? (result as Encrypted).outerSubject : undefined;
      // A Subject in clear (inline OpenPGP) never repeats the protected Subject of the message answered.
      const kept = given && !given.protected ? clearReplySubject(given.value, p.protectedSubject) : null;
      const outer = given && kept ? { value: kept.value, protected: false } : given;
      const keptOut = kept?.keptOut === true || signedSubject?.keptOut === true;
      const pgpMime = 'pgpMime' in result ? (result as Encrypted).pgpMime : undefined;
      const done = await insertText(frame.tabId, p.contentFrameId, req.token, result.armored, req.to, req.cc, req.signOnly !== true, outer?.value, pgpMime);
      // Refused before anything reached the page (the web mail would drop its own files, or send them in clear): the ciphertext is
      // discarded, the staged files and the draft stay for the next Encrypt.
      if (done.siteFiles) return { state: 'site-files', names: done.siteFiles };
      staging.clear(req.token);
      // Sent: this editor's own draft goes; other editors' drafts on the same web mail stay.
      if (p.draftId) await s.compose.removeDraft(p.origin, p.draftId);
      // Nowhere to send PGP/MIME from: the user gets the armored message itself to copy.
      if (!done.inserted) return { state: 'ciphertext', armored: pgpMime ?? result.armored };
      const attachments = outbox.put(req.token, result.files);
      const subject = outer === undefined ? {} : { subject: !done.subjectSet ? 'not-set' as const : outer.protected ? 'protected' as const : keptOut ? 'placeholder' as const : 'clear' as const };
      return attachments.length > 0 ? { state: 'inserted', attachments, ...subject } : { state: 'inserted', ...subject };
    },
    'editor.stage': async (req, ctx) => {
      const p = await claim(req.token, ctx);
      if (p.canAttach !== true) throw new ProtocolError('bad-request', 'this web mail cannot take attachments from Lockpane');
      return { id: req.id, received: staging.add(req.token, req) };
    },
    'editor.attach': async (req, ctx) => {
      const frame = editorFrame(ctx);
      const p = await s.editorTokens.claim(req.token, frame);
      const { name } = await outbox.deliver(req.token, req.id, (m) => askContent(s.toContent, frame.tabId, p.contentFrameId, m));
      return { attached: true, name };
    },
    'editor.saveDraft': async (req, ctx) => {
      const { origin, draftId } = await ownDraft(req.token, ctx);
      return s.compose.saveDraft(origin, draftId, { to: req.to, cc: req.cc, body: req.body });
    },
    'editor.loadDraft': async (req, ctx) => {
      const { origin, draftId } = await ownDraft(req.token, ctx);
      const r = await s.compose.loadDraft(origin, draftId, unlockOf(req));
      if (r.state !== 'draft') return r;
      // From now on this editor saves over the draft it restored (its own earlier text, if any, stays a draft).
      await s.editorTokens.amend(req.token, editorFrame(ctx), (q) => ({ ...q, draftId: r.id }));
      return { state: r.state, to: r.to, cc: r.cc, body: r.body };
    },
    'editor.passwordAdvice': async (req, ctx) => {
      await claim(req.token, ctx);
      return s.passwordMail.advice(req.password);
    },
    'editor.discardDraft': async (req, ctx) => {
      const { origin, draftId } = await ownDraft(req.token, ctx);
      return s.compose.discardDraft(origin, draftId);
    },
  };
}
