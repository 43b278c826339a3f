/**
 * The content channel's catalogue: the messages the worker sends to a content script (the only direction
 * a content script accepts), each with a bounded request schema and the schema of the content script's
 * reply. The content script checks each request on receipt (content/inbox.ts, and only from our own
 * worker: no tab, our id); the worker checks each reply on receipt (worker/content-channel.ts).
 * Wire shape: `{ lockpane: 1, name, ...fields }`.
 */
import { tokenSchema, MiB } from './catalogue/common';
import { attachmentChunkChars, attachmentIdPattern, attachmentLimits } from './limits';
import { bool, empty, exactly, int, literal, obj, optional, refine, SchemaError, str, tagged, type Infer } from './schema';

const attachRequest = refine(obj({
  token: tokenSchema,
  fileId: str({ min: 1, max: 16, pattern: attachmentIdPattern }),
  /** The name the web mail's upload gets: never a path. */
  fileName: str({ min: 1, max: 260, pattern: /^[^\\/\0]+$/ }),
  mediaType: str({ max: 100 }),
  index: int({ min: 0, max: attachmentLimits.maxChunks - 1 }),
  total: int({ min: 1, max: attachmentLimits.maxChunks }),
  data: str({ max: attachmentChunkChars, pattern: /^[A-Za-z0-9+/]*={0,2}$/ }),
}), (m) => (m.index < m.total ? null : 'index beyond total'));

export const contentCatalogue = {
  /** Put the ciphertext into the page's editor the secure editor was opened on. */
  'content.insert': {
    request: obj({ token: tokenSchema, text: str({ max: 16 * MiB }) }),
    reply: obj({ inserted: bool }),
  },
  /** Mount an editor frame (reply) right after the reader frame of `readerToken`. */
  'content.openEditor': {
    request: obj({ readerToken: tokenSchema, editorToken: tokenSchema }),
    /** Opened below the reader, or the page is going to the web mail's own reply form (which takes the editor there). */
    reply: obj({ opened: bool, navigating: optional(bool) }),
  },
  /**
   * One chunk of an ENCRYPTED file (ciphertext only) for the web mail's own upload; the content script
   * attaches the file once its last chunk arrived.
   */
  'content.attach': {
    request: attachRequest,
    /** More chunks welcome, the file is attached, or why it is not. */
    reply: tagged('state', {
      partial: obj({ state: exactly('partial') }),
      attached: obj({ state: exactly('attached') }),
      failed: obj({ state: exactly('failed'), reason: literal('no-upload', 'too-large', 'refused'), message: str({ max: 1000 }) }),
    }),
  },
  /** The user asked, from the toolbar popup, to write securely in this page's compose form. */
  'content.composeHere': { request: empty, reply: obj({ opened: bool }) },
} as const;

export type ContentName = keyof typeof contentCatalogue;
type Fields<N extends ContentName> = Infer<(typeof contentCatalogue)[N]['request']>;
/** One message on the wire. */
export type ContentMessageOf<N extends ContentName> = { lockpane: 1; name: N } & Fields<N>;
export type ContentReplyOf<N extends ContentName> = Infer<(typeof contentCatalogue)[N]['reply']>;
export type ContentMessage = { [N in ContentName]: ContentMessageOf<N> }[ContentName];

export type ContentInsert = ContentMessageOf<'content.insert'>;
export type ContentOpenEditor = ContentMessageOf<'content.openEditor'>;
export type ContentOpenEditorReply = ContentReplyOf<'content.openEditor'>;
export type ContentAttach = ContentMessageOf<'content.attach'>;
export type ContentAttachReply = ContentReplyOf<'content.attach'>;
export type ContentComposeHere = ContentMessageOf<'content.composeHere'>;

export function isContentName(name: unknown): name is ContentName {
  return typeof name === 'string' && Object.hasOwn(contentCatalogue, name);
}

/**
 * Checks a message on the content script's side: null when it is not a content-channel message at all
 * (another listener's), a SchemaError when it is one but malformed, else the message with checked fields only.
 */
export function parseContentMessage(m: unknown): ContentMessage | SchemaError | null {
  if (typeof m !== 'object' || m === null) return null;
  const { lockpane, name, ...fields } = m as Record<string, unknown>;
  if (lockpane !== 1 || !isContentName(name)) return null;
  try {
    const checked = contentCatalogue[name].request.parse(fields, name) as object;
    return { lockpane: 1, name, ...checked } as ContentMessage;
  } catch (e) {
    if (e instanceof SchemaError) return e;
    throw e;
  }
}

/** Checks a content script's reply to `name` on the worker's side; throws a SchemaError when it does not match. */
export function parseContentReply<N extends ContentName>(name: N, reply: unknown): ContentReplyOf<N> {
  return contentCatalogue[name].reply.parse(reply, `reply to ${name}`) as ContentReplyOf<N>;
}

export function isContentAttach(m: unknown): m is ContentAttach {
  const parsed = parseContentMessage(m);
  return parsed !== null && !(parsed instanceof SchemaError) && parsed.name === 'content.attach';
}
