/**
 * The content channel's catalogue: the messages the worker sends to a content script (the only direction
 * a content script accepts), each with a bounded request schema; the schema of the content script's reply
 * to each is in content-replies.ts (kept apart so content.js does not carry it). The content script checks
 * each request on receipt (content/inbox-dispatch.ts, and only from our own worker: no tab, our id); the
 * worker checks each reply on receipt (worker/content-channel.ts). Wire shape: `{ lockpane: 1, name, ...fields }`.
 */
import { emailSchema, tokenSchema, MiB } from './catalogue/common';
import { attachmentChunkChars, attachmentIdPattern, attachmentLimits } from './limits';
import { arr, bool, empty, int, obj, optional, refine, SchemaError, str, type Infer } from './schema';

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
    /**
     * `subject`: what the web mail's Subject field must say now (the placeholder when the real one is protected inside).
     * `to`/`cc`: whom the mail was encrypted for, for adapters that can add missing ones to the site's fields.
     * `pgpMime`: the armored PGP/MIME message the web mail sends as multipart/encrypted (`text` is then its visible line).
     * `encrypted`: the message is encrypted (not sign-only), so files in the site's own attachment list
     * would go out unencrypted beside it (or be dropped, with PGP/MIME): the content script refuses then.
     */
    request: obj({
      token: tokenSchema, text: str({ max: 16 * MiB }), subject: optional(str({ max: 998 })), pgpMime: optional(str({ max: 48 * MiB })), encrypted: optional(bool),
      to: optional(arr(emailSchema, { max: 100 })), cc: optional(arr(emailSchema, { max: 100 })),
    }),
  },
  /** Mount an editor frame (reply) right after the reader frame of `readerToken`. */
  'content.openEditor': {
    request: obj({ readerToken: tokenSchema, editorToken: tokenSchema }),
  },
  /**
   * One chunk of an ENCRYPTED file (ciphertext only) for the web mail's own upload; the content script
   * attaches the file once its last chunk arrived.
   */
  'content.attach': {
    request: attachRequest,
  },
  /** The user asked, from the toolbar popup, to write securely in this page's compose form. */
  'content.composeHere': { request: empty },
} as const;

export type ContentName = keyof typeof contentCatalogue;
type Fields<N extends ContentName> = Infer<(typeof contentCatalogue)[N]['request']>;
/** One message on the wire. */
export type ContentMessageOf<N extends ContentName> = { lockpane: 1; name: N } & Fields<N>;
export type ContentMessage = { [N in ContentName]: ContentMessageOf<N> }[ContentName];

export type ContentInsert = ContentMessageOf<'content.insert'>;
export type ContentOpenEditor = ContentMessageOf<'content.openEditor'>;
export type ContentAttach = ContentMessageOf<'content.attach'>;
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

export function isContentAttach(m: unknown): m is ContentAttach {
  const parsed = parseContentMessage(m);
  return parsed !== null && !(parsed instanceof SchemaError) && parsed.name === 'content.attach';
}
