/**
 * What a frame token carries, as schemas: the records live in storage.session and are checked on every read
 * (worker/frame-tokens.ts). The types are derived from the schemas, so a new field cannot skip the check.
 */
import { MiB } from '../shared/catalogue/common';
import { arr, bool, int, literal, nullable, obj, optional, str, type Infer } from '../shared/schema';
import { draftIdPattern } from './compose/draft-store';

const address = str({ max: 320 });

export const readerPayloadSchema = obj({
  kind: literal('pgp-message', 'pgp-signed', 'pgp-key', 'cms', 'raw-message'),
  /** The found block ('' for raw messages, which the raw store holds). */
  armored: str({ max: 8 * MiB }),
  origin: str({ max: 300 }),
  sender: nullable(address),
  contentFrameId: int({ min: 0, max: 2 ** 53 }),
  /** The subject the page shows (raw messages): only used for a reply's subject line. */
  subject: optional(nullable(str({ max: 998 }))),
});
export type ReaderPayload = Infer<typeof readerPayloadSchema>;

/** `canAttach`: the content script's adapter can attach files (absent for editors opened before it existed, and replies). */
export const editorPayloadSchema = obj({
  origin: str({ max: 300 }),
  to: arr(address, { max: 100 }),
  cc: arr(address, { max: 100 }),
  subject: nullable(str({ max: 998 })),
  contentFrameId: int({ min: 0, max: 2 ** 53 }),
  quote: nullable(str({ max: 1 * MiB })),
  canAttach: optional(bool),
  /** S/MIME without files goes inline (generic mode), not as smime.p7m. */
  smimeInline: optional(bool),
  /** The pane can send a MIME entity Lockpane builds (Roundcube): OpenPGP goes out as PGP/MIME. */
  pgpMime: optional(bool),
  /** A reply to a message with a protected Subject: that Subject, which must not go out in clear (compose/reply-subject.ts). */
  protectedSubject: optional(str({ max: 998 })),
  /** The editor's own draft (compose/draft-store.ts): given on its first save, or the draft it restored. */
  draftId: optional(str({ max: 43, pattern: draftIdPattern })),
});
export type EditorPayload = Infer<typeof editorPayloadSchema>;
