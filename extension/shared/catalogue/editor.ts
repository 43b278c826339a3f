/** The secure editor: opened by a content script (or a reader's reply), written in and encrypted inside the frame. */
import { attachmentChunkChars, attachmentIdPattern, attachmentLimits, type ComposeResolution, type DraftState, type EncryptResult } from '../compose-types';
import type { KeySummary } from '../key-summary';
import { arr, bool, int, obj, optional, str } from '../schema';
import { emailSchema, fingerprintSchema, MiB, passphraseSchema, tokenSchema, type Entry } from './common';

const attachmentIdSchema = str({ min: 1, max: 16, pattern: attachmentIdPattern });

export const editorMessages = {
  /** Secure compose: the content script asks for an editor frame, with recipient hints read from the page. */
  'editor.open': {
    from: ['content'],
    request: obj({
      to: arr(emailSchema, { max: 100 }), cc: arr(emailSchema, { max: 100 }), subject: optional(str({ max: 998 })),
      /** The site adapter can attach files through the web mail's own upload (a hint: only ciphertext is ever attached). */
      canAttach: optional(bool),
    }),
  },
  /**
   * On the web mail's own reply form (after "Reply securely" navigated there): the content script takes the
   * reply editor waiting for this tab and site, if any, and mounts it on the form.
   */
  'editor.takeReply': { from: ['content'], request: obj({ canAttach: optional(bool) }) },
  'editor.claim': { from: ['frame'], request: obj({ token: tokenSchema }) },
  'editor.resolve': { from: ['frame'], request: obj({ token: tokenSchema, to: arr(emailSchema, { max: 100 }), cc: arr(emailSchema, { max: 100 }) }) },
  /** Encrypt (and sign) the text written in the frame; the ciphertext goes to the page's editor. */
  'editor.encrypt': {
    from: ['frame'],
    request: obj({
      token: tokenSchema, to: arr(emailSchema, { max: 100 }), cc: arr(emailSchema, { max: 100 }),
      body: str({ max: 8 * MiB }), sign: bool, passphrase: optional(passphraseSchema), fingerprint: optional(fingerprintSchema),
      /** Ids of files staged with `editor.stage`, encrypted with the body. */
      attachments: optional(arr(attachmentIdSchema, { max: attachmentLimits.maxFiles })),
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
  },
  /** Hands one encrypted file (from `editor.encrypt`) to the content script, which attaches it with the web mail's upload. */
  'editor.attach': { from: ['frame'], request: obj({ token: tokenSchema, id: attachmentIdSchema }) },
  /** Drafts are saved encrypted to the user's own key; restoring needs it unlocked. */
  'editor.saveDraft': { from: ['frame'], request: obj({ token: tokenSchema, to: arr(emailSchema, { max: 100 }), cc: arr(emailSchema, { max: 100 }), body: str({ max: 8 * MiB }) }) },
  'editor.loadDraft': { from: ['frame'], request: obj({ token: tokenSchema, passphrase: optional(passphraseSchema), fingerprint: optional(fingerprintSchema) }) },
  'editor.discardDraft': { from: ['frame'], request: obj({ token: tokenSchema }) },
} as const satisfies Record<string, Entry>;

export type EditorResponses = {
  'editor.open': { token: string };
  'editor.takeReply': { token: string | null };
  'editor.claim': { origin: string; to: string[]; cc: string[]; subject: string | null; draft: DraftState; quote: string | null; canAttach: boolean };
  'editor.resolve': ComposeResolution;
  'editor.encrypt': EncryptResult;
  'editor.stage': { id: string; received: number };
  'editor.attach': { attached: true; name: string };
  'editor.saveDraft': DraftState;
  'editor.loadDraft': { state: 'draft'; to: string[]; cc: string[]; body: string } | { state: 'needs-passphrase'; keys: KeySummary[] } | { state: 'none' };
  'editor.discardDraft': DraftState;
};
