/**
 * The content channel's reply schemas: what a content script may answer to each message of
 * content-messages.ts, checked by the worker on receipt (worker/content-channel.ts). Apart from the
 * requests so that content.js, which only answers, does not bundle them.
 */
import type { ContentName } from './content-messages';
import { arr, bool, exactly, literal, obj, optional, str, tagged, type Infer, type Schema } from './schema';

export const contentReplies = {
  /** `siteFiles`: not inserted because the site's own attachment list holds these (it would drop them from PGP/MIME). */
  'content.insert': obj({ inserted: bool, subjectSet: optional(bool), siteFiles: optional(arr(str({ max: 255 }), { max: 50 })) }),
  /** Opened below the reader, or the page is going to the web mail's own reply form (which takes the editor there). */
  'content.openEditor': obj({ opened: bool, navigating: optional(bool) }),
  /** More chunks welcome, the file is attached, or why it is not. */
  'content.attach': tagged('state', {
    partial: obj({ state: exactly('partial') }),
    attached: obj({ state: exactly('attached') }),
    failed: obj({ state: exactly('failed'), reason: literal('no-upload', 'too-large', 'refused'), message: str({ max: 1000 }) }),
  }),
  'content.composeHere': obj({ opened: bool }),
} satisfies Record<ContentName, Schema<unknown>>; // every message answered, no answer without a message

export type ContentReplyOf<N extends ContentName> = Infer<(typeof contentReplies)[N]>;

/** Checks a content script's reply to `name` on the worker's side; throws a SchemaError when it does not match. */
export function parseContentReply<N extends ContentName>(name: N, reply: unknown): ContentReplyOf<N> {
  return contentReplies[name].parse(reply, `reply to ${name}`) as ContentReplyOf<N>;
}

export type ContentOpenEditorReply = ContentReplyOf<'content.openEditor'>;
export type ContentAttachReply = ContentReplyOf<'content.attach'>;
