/** The secure editor: opened by a content script (or a reader's reply), written in and encrypted inside the frame. */
import {
  attachmentChunkChars, attachmentIdPattern, attachmentLimits, composeResolutionSchema, draftStateSchema, encryptResultSchema,
} from '../compose-types';
import { keyListSchema } from '../key-summary';
import { arr, bool, exactly, int, literal, nullable, obj, optional, str, tagged } from '../schema';
import { openedReply, takeReplyReply } from './content-sent';
import { count, emailSchema, mailText, fingerprintSchema, MiB, originSchema, passphraseSchema, tokenSchema, type Entry } from './common';

const attachmentIdSchema = str({ min: 1, max: 16, pattern: attachmentIdPattern });
const addresses = arr(emailSchema, { max: 100 });

export const editorMessages = {
  /** Secure compose: the content script asks for an editor frame, with recipient hints read from the page. */
  'editor.open': {
    from: ['content'],
    request: obj({
      to: arr(emailSchema, { max: 100 }), cc: arr(emailSchema, { max: 100 }), subject: optional(str({ max: 998 })),
      /** The site adapter can attach files through the web mail's own upload (a hint: only ciphertext is ever attached). */
      canAttach: optional(bool),
      /** Generic mode: S/MIME without files as an inline PEM block (no raw source to read an smime.p7m back). */
      smimeInline: optional(bool),
      /** The site can send a MIME entity Lockpane builds (Roundcube's `_pgpmime`): OpenPGP goes out as PGP/MIME. */
      pgpMime: optional(bool),
    }),
    reply: openedReply,
  },
  /**
   * On the web mail's own reply form (after "Reply securely" navigated there): the content script takes the
   * reply editor waiting for this tab and site, if any, and mounts it on the form.
   */
  'editor.takeReply': { from: ['content'], request: obj({ canAttach: optional(bool), pgpMime: optional(bool) }), reply: takeReplyReply },
  'editor.claim': {
    from: ['frame'], request: obj({ token: tokenSchema }),
    reply: obj({
      // A reply's address may come from a signer's user ID (mail-derived), so it is bounded as mail text.
      origin: originSchema, to: arr(mailText, { max: 100 }), cc: arr(mailText, { max: 100 }), subject: nullable(str({ max: 998 })), draft: draftStateSchema,
      quote: nullable(str({ max: 1 * MiB })), canAttach: bool,
      /** OpenPGP mail from this editor goes out as PGP/MIME (Subject protected), not inline. */
      pgpMime: bool,
      /** A reply to a message with a protected Subject: where this mail cannot protect it, the web mail gets `Re: [...]`. */
      protectedReply: optional(bool),
    }),
  },
  'editor.resolve': { from: ['frame'], request: obj({ token: tokenSchema, to: arr(emailSchema, { max: 100 }), cc: arr(emailSchema, { max: 100 }) }), reply: composeResolutionSchema },
  /** Encrypt (and sign) the text written in the frame; the ciphertext goes to the page's editor. */
  'editor.encrypt': {
    from: ['frame'],
    request: obj({
      token: tokenSchema, to: arr(emailSchema, { max: 100 }), cc: arr(emailSchema, { max: 100 }),
      body: str({ max: 8 * MiB }), sign: bool, passphrase: optional(passphraseSchema), fingerprint: optional(fingerprintSchema),
      /** The Subject the user confirmed in the editor: protected inside S/MIME mail (RFC 9788), written back to the web mail. */
      subject: optional(str({ max: 998 })),
      /** Sign without encrypting (no attachments): OpenPGP cleartext signature or S/MIME signed-data. */
      signOnly: optional(bool),
      /** PGP/MIME: the visible line the web mail's body shows beside the encrypted part (localized by the editor). */
      pgpMimeNotice: optional(str({ min: 1, max: 500 })),
      /** Ids of files staged with `editor.stage`, encrypted with the body. */
      attachments: optional(arr(attachmentIdSchema, { max: attachmentLimits.maxFiles })),
      /** Recipients without a key get a password-protected HTML file instead (issue #22); `notice` is the mail's visible text. */
      password: optional(obj({ value: passphraseSchema, gpgCompatible: bool, notice: str({ min: 1, max: 4000 }), lang: literal('en', 'de') })),
    }),
    reply: encryptResultSchema,
  },
  /** The password meter and suggestions for password mail: a reading of `password`, or a suggestion when it is absent. */
  'editor.passwordAdvice': {
    from: ['frame'], request: obj({ token: tokenSchema, password: optional(passphraseSchema) }),
    reply: obj({
      bits: int({ min: 0, max: 100_000 }), level: literal('very-weak', 'weak', 'fair', 'strong', 'very-strong'), minBits: int({ min: 0, max: 128 }),
      allowed: bool, gpgCompatibleAllowed: bool, suggestion: nullable(str({ max: 200 })),
    }),
  },
  /** One chunk of a file the user added in the editor (plaintext: frame to worker only). */
  'editor.stage': {
    from: ['frame'],
    request: obj({
      token: tokenSchema, id: attachmentIdSchema, name: str({ min: 1, max: 255 }), size: int({ min: 0, max: attachmentLimits.maxFileBytes }),
      index: int({ min: 0, max: attachmentLimits.maxChunks - 1 }), total: int({ min: 1, max: attachmentLimits.maxChunks }),
      data: str({ max: attachmentChunkChars, pattern: /^[A-Za-z0-9+/]*={0,2}$/ }),
    }),
    reply: obj({ id: attachmentIdSchema, received: count }),
  },
  /** Hands one encrypted file (from `editor.encrypt`) to the content script, which attaches it with the web mail's upload. */
  'editor.attach': { from: ['frame'], request: obj({ token: tokenSchema, id: attachmentIdSchema }), reply: obj({ attached: exactly(true), name: str({ max: 300 }) }) },
  /** Drafts are saved encrypted to the user's own key; restoring needs it unlocked. */
  'editor.saveDraft': { from: ['frame'], request: obj({ token: tokenSchema, to: arr(emailSchema, { max: 100 }), cc: arr(emailSchema, { max: 100 }), body: str({ max: 8 * MiB }) }), reply: draftStateSchema },
  'editor.loadDraft': {
    from: ['frame'], request: obj({ token: tokenSchema, passphrase: optional(passphraseSchema), fingerprint: optional(fingerprintSchema) }),
    reply: tagged('state', {
      draft: obj({ state: exactly('draft'), to: addresses, cc: addresses, body: str({ max: 8 * MiB }) }),
      'needs-passphrase': obj({ state: exactly('needs-passphrase'), keys: keyListSchema }),
      none: obj({ state: exactly('none') }),
    }),
  },
  'editor.discardDraft': { from: ['frame'], request: obj({ token: tokenSchema }), reply: draftStateSchema },
} as const satisfies Record<string, Entry>;
