/** Wire types of the secure editor. */
import { fingerprintSchema, mailText } from './catalogue/common';
import { keyListSchema } from './key-summary';
import { arr, bool, exactly, int, literal, nullable, obj, optional, str, tagged, type Infer } from './schema';

const address = str({ max: 320 });

export const recipientStatusSchema = obj({
  email: address,
  /** The key or certificate Lockpane would encrypt to, or null with the reason. */
  openpgp: nullable(fingerprintSchema),
  smime: nullable(fingerprintSchema),
  reason: nullable(mailText),
});
export type RecipientStatus = Infer<typeof recipientStatusSchema>;

export const composeResolutionSchema = obj({
  recipients: arr(recipientStatusSchema, { max: 200 }),
  /** The protocol that works for every recipient (preference first), or null. */
  protocol: nullable(literal('openpgp', 'smime')),
  /** The sender identity used to sign and to keep a readable copy. */
  from: nullable(address),
});
export type ComposeResolution = Infer<typeof composeResolutionSchema>;

/** A file the worker encrypted and holds until the editor asks to attach it to the web mail's message. */
export const outgoingAttachmentSchema = obj({ id: str({ max: 16 }), name: str({ max: 300 }), size: int({ min: 0, max: 2 ** 40 }) });
export type OutgoingAttachment = Infer<typeof outgoingAttachmentSchema>;

export const encryptResultSchema = tagged('state', {
  /** `attachments`: encrypted files waiting for `editor.attach` (only when the web mail can take attachments). */
  /** `subject`: what became of the Subject: protected inside with the placeholder outside, or left in clear. */
  inserted: obj({
    state: exactly('inserted'), attachments: optional(arr(outgoingAttachmentSchema, { max: 20 })),
    /** `placeholder`: in clear, but `Re: [...]` instead of the protected Subject of the message answered. */
    subject: optional(literal('protected', 'clear', 'not-set', 'placeholder')),
  }),
  /** No web mail editor to put it in (e.g. a reply on a page without one): the user copies it. */
  ciphertext: obj({ state: exactly('ciphertext'), armored: str({ max: 256 * 1024 * 1024 }) }),
  'needs-passphrase': obj({ state: exactly('needs-passphrase'), keys: keyListSchema }),
  /**
   * Nothing went into the web mail: its own attachment list holds these files, which it would drop from a
   * PGP/MIME mail (Roundcube). The editor keeps its text and files and says to move them into it.
   */
  'site-files': obj({ state: exactly('site-files'), names: arr(str({ max: 255 }), { max: 50 }) }),
});
export type EncryptResult = Infer<typeof encryptResultSchema>;

export const draftStateSchema = obj({ exists: bool, savedAt: nullable(str({ max: 40 })) });
export type DraftState = Infer<typeof draftStateSchema>;

export { attachmentChunkChars, attachmentIdPattern, attachmentLimits } from './limits';
