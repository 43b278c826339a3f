import { emailFromUserId } from '../../../keyring/store/entry';
import { autocryptFromMessage } from '../../../keyring/discovery/autocrypt';
import type { ReaderResult, SignatureView } from '../../shared/reader-result';
import { ProtocolError } from '../../shared/result';
import { readerAttachmentChunkBytes } from '../../shared/catalogue';
import { askContent } from '../content-channel';
import type { HandlerMap } from '../router';
import { importOffer, mailOffers, noMaterial, type MailMaterial } from '../reader/mail-offers';
import { openCms, readCmsWithMaterial } from '../reader/read-cms';
import { readMessage } from '../reader/read-message';
import { readRaw } from '../reader/read-raw';
import { planRaw } from '../reader/raw-structure';
import { toBase64 } from '../../../keyring/bytes';
import type { ReaderPayload, Services } from '../services';
import { replySubject } from '../compose/reply-subject';

type Names = 'reader.open' | 'reader.openRaw' | 'reader.claim' | 'reader.decrypt' | 'reader.importKey' | 'reader.importOffer' | 'reader.reply' | 'reader.attachment';
type Unlock = { fingerprint?: string | undefined; passphrase?: string | undefined; messagePassword?: string | undefined };


/**
 * Where a reply goes when the page named no sender (generic web mail): the address of a good signature's
 * signer, as the keyring knows it. Only the user's editor sees it, as an editable suggestion.
 */
export function replyAddress(signatures: readonly SignatureView[]): string | null {
  for (const sig of signatures) {
    if ((sig.status !== 'verified' && sig.status !== 'valid') || !sig.signer) continue;
    const addr = emailFromUserId(sig.signer);
    if (addr) return addr;
  }
  return null;
}

const maxRememberedSigners = 200;
/** Messages whose offered keys/certificates stay importable without a second decryption (public data only). */
const maxRememberedMaterial = 32;

/** Sets `key` as the newest entry; a long-lived worker reading many messages keeps only the latest `max`. */
export function keepLatest<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}

const gone = () => new ProtocolError('token-invalid', 'this message is no longer held by Lockpane; reload it in the web mail');

export function readerHandlers(s: Services): Pick<HandlerMap, Names> {
  /** Signer address per reader token, from its last good decrypt (worker memory: a restart only loses the suggestion). */
  const signers = new Map<string, string>();
  /** The protected Subject of a decrypted message (RFC 9788), for its reply: the page shows only the placeholder. */
  const protectedSubjects = new Map<string, string>();
  const remember = <R extends ReaderResult>(token: string, result: R): R => {
    const addr = result.state === 'content' ? replyAddress(result.content.signatures) : null;
    if (addr) keepLatest(signers, token, addr, maxRememberedSigners);
    const subject = result.state === 'content' ? result.content.protectedHeaders?.fields.subject : undefined;
    if (subject) keepLatest(protectedSubjects, token, subject, maxRememberedSigners);
    return result;
  };
  /**
   * The public keys and certificates each recently decrypted message carried, per reader token (worker
   * memory): "Import" then works after the key was locked again; after a worker restart the message is
   * read again, which needs the key unlocked.
   */
  const materials = new Map<string, MailMaterial>();
  const keepMaterial = (token: string, material: MailMaterial): void => {
    if (material.certificates.length === 0 && material.keyFiles.length === 0) materials.delete(token);
    else keepLatest(materials, token, material, maxRememberedMaterial);
  };
  /** Decrypts/verifies a raw message and keeps its attachments' bytes (worker memory) for "Save". */
  async function openRaw(token: string, p: ReaderPayload, unlock: Unlock) {
    const raw = await s.rawMessages.get(token);
    if (!raw) throw gone();
    const r = await readRaw(raw, p.sender ?? undefined, s.keyring, s.smime, unlock);
    if (r.result.state !== 'content') return r.result;
    s.rawMessages.keepFiles(token, r.files);
    keepMaterial(token, r.material);
    const offered = (await autocryptFromMessage(raw)).candidate;
    // The sender's key in the Autocrypt header and attached too: offered once, as the Autocrypt key.
    const offers = (await mailOffers(r.material, s.keyring)).filter((o) => !(offered && o.kind === 'openpgp' && o.fingerprint === offered.entry.fingerprint));
    const withOffers = offers.length > 0 ? { ...r.result.content, mailOffers: offers } : r.result.content;
    if (!offered) return { ...r.result, content: withOffers };
    const known = (await s.keyring.store()).get('openpgp', offered.entry.fingerprint) !== undefined;
    return { ...r.result, content: { ...withOffers, offeredKey: { source: 'autocrypt' as const, fingerprint: offered.entry.fingerprint, emails: offered.entry.emails, known } } };
  }

  /** What the held message carries, read again (keys still unlocked are used; a locked one is an error). */
  async function heldMaterial(token: string, p: ReaderPayload): Promise<MailMaterial> {
    const kept = materials.get(token);
    if (kept) return kept;
    const locked = () => new ProtocolError('key-locked', 'unlock your key again: open the message once more');
    if (p.kind === 'raw-message') {
      const raw = await s.rawMessages.get(token);
      if (!raw) throw gone();
      const r = await readRaw(raw, p.sender ?? undefined, s.keyring, s.smime, {});
      if (r.result.state !== 'content') throw locked();
      return r.material;
    }
    if (p.kind !== 'cms') return noMaterial();
    const r = await openCms(new TextEncoder().encode(p.armored), p.sender ?? undefined, s.keyring, s.smime, {});
    if (r.state !== 'ok') throw locked();
    return { certificates: r.certificates, keyFiles: [] };
  }

  return {
    'reader.open': async (req, ctx) => {
      const token = await s.readerTokens.issue('reader', ctx.tabId, { kind: req.kind, armored: req.armored, origin: ctx.origin, sender: req.sender?.toLowerCase() ?? null, contentFrameId: ctx.frameId });
      return { token };
    },
    'reader.openRaw': async (req, ctx) => {
      const token = await s.readerTokens.issue('reader', ctx.tabId, {
        kind: 'raw-message', armored: '', origin: ctx.origin, sender: req.sender?.toLowerCase() ?? null, contentFrameId: ctx.frameId, subject: req.subject ?? null,
      });
      try {
        await s.rawMessages.put(token, req.base64);
      } catch (e) {
        if (e instanceof TypeError) throw new ProtocolError('bad-request', 'the raw message is not valid base64');
        throw e;
      }
      // Structure only (no keys, no decryption): a mail whose .asc is just a public key gets no reader, and
      // the web mail's own view stays.
      planRaw((await s.rawMessages.get(token))!);
      return { token };
    },
    'reader.claim': async (req, ctx) => {
      const p = await s.readerTokens.claim(req.token, ctx);
      const bytes = p.kind === 'raw-message' ? await s.rawMessages.size(req.token) : new TextEncoder().encode(p.armored).length;
      if (bytes === null) throw gone();
      // The frame now shows its Decrypt button, which its guard does not accept for 500 ms: time enough to
      // re-open, after a worker restart, the keys the session still holds (~100 ms each). After this reply
      // has gone, so the frame is not kept waiting.
      setTimeout(() => void s.keyring.warmUp(), 0);
      return { kind: p.kind, origin: p.origin, bytes, sender: p.sender };
    },
    'reader.decrypt': async (req, ctx) => {
      const payload = await s.readerTokens.claim(req.token, ctx);
      const unlock = { fingerprint: req.fingerprint, passphrase: req.passphrase, messagePassword: req.messagePassword };
      if (payload.kind === 'raw-message') return remember(req.token, await openRaw(req.token, payload, unlock));
      if (payload.kind === 'cms') {
        const r = await readCmsWithMaterial(payload.armored, payload.sender ?? undefined, s.keyring, s.smime, unlock);
        keepMaterial(req.token, r.material);
        return remember(req.token, r.result);
      }
      return remember(req.token, await readMessage(payload, s.keyring, unlock, s.smime, (ref) => s.passwordMail.sentTo(ref)));
    },
    'reader.attachment': async (req, ctx) => {
      const payload = await s.readerTokens.claim(req.token, ctx);
      if (payload.kind !== 'raw-message') throw new ProtocolError('bad-request', 'this message has no saved attachments');
      // A worker restart dropped the decrypted files: decrypt again with what is still unlocked.
      if (!s.rawMessages.files(req.token)) {
        const r = await openRaw(req.token, payload, {});
        if (r.state !== 'content') throw new ProtocolError('key-locked', 'unlock your key again: open the message once more');
      }
      const file = s.rawMessages.files(req.token)?.[req.index];
      if (!file) throw new ProtocolError('bad-request', 'no such attachment');
      if (req.offset > file.byteLength) throw new ProtocolError('bad-request', 'offset beyond the attachment');
      const end = Math.min(file.byteLength, req.offset + readerAttachmentChunkBytes);
      return { base64: toBase64(file.subarray(req.offset, end)), offset: req.offset, total: file.byteLength, done: end >= file.byteLength };
    },
    'reader.reply': async (req, ctx) => {
      const p = await s.readerTokens.claim(req.token, ctx);
      // The page's From when it named one, else the good signer of the message (generic web mail).
      const replyTo = p.sender ?? signers.get(req.token) ?? null;
      const hidden = protectedSubjects.get(req.token);
      const editorToken = await s.editorTokens.issue('editor', ctx.tabId, {
        origin: p.origin, to: replyTo ? [replyTo] : [], cc: [], subject: replySubject(hidden ?? p.subject), contentFrameId: p.contentFrameId, quote: req.quote,
        // Where the reply cannot protect its Subject, this never goes into the web mail's Subject in clear.
        ...(hidden ? { protectedSubject: hidden } : {}),
      });
      // Held before asking: when the page opens the web mail's own reply form, its new content script may ask
      // for the editor before this handler runs again.
      await s.pendingReplies.hold(ctx.tabId, p.origin, editorToken);
      const answer = await askContent(s.toContent, ctx.tabId, p.contentFrameId, { lockpane: 1, name: 'content.openEditor', readerToken: req.token, editorToken })
        .catch(async (e: unknown) => {
          await s.pendingReplies.drop(ctx.tabId, editorToken);
          throw e;
        });
      if (answer?.navigating === true) return { opened: true };
      await s.pendingReplies.drop(ctx.tabId, editorToken);
      return { opened: answer?.opened === true };
    },
    'reader.importOffer': async (req, ctx) => {
      const payload = await s.readerTokens.claim(req.token, ctx);
      const results = await importOffer(await heldMaterial(req.token, payload), req.kind, req.fingerprint, s.keyring);
      // Held: a conflict was recorded now, or an earlier one still names this key (an OpenPGP key then stays undecided).
      const held = results.some((r) => r.conflicts.length > 0 || (r.key.kind === 'openpgp' && r.key.acceptance === 'undecided'));
      return { imported: results.map((r) => r.key), heldAsChange: held };
    },
    'reader.importKey': async (req, ctx) => {
      const payload = await s.readerTokens.claim(req.token, ctx);
      if (payload.kind === 'raw-message') {
        // The sender's Autocrypt key, read again from the held raw message (the frame passes nothing but its token).
        const raw = await s.rawMessages.get(req.token);
        if (!raw) throw gone();
        const offered = (await autocryptFromMessage(raw)).candidate;
        if (!offered) throw new ProtocolError('bad-request', 'this message carries no key of its sender');
        const results = await s.keyring.import({ text: offered.entry.publicArmored }, 'autocrypt');
        return { imported: results.map((r) => r.key) };
      }
      if (payload.kind !== 'pgp-key') throw new ProtocolError('bad-request', 'this message holds no public key');
      const results = await s.keyring.import({ text: payload.armored }, 'mail');
      return { imported: results.map((r) => r.key) };
    },
  };
}
