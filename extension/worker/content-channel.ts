/**
 * The worker's side of the content channel: sends one catalogue message to our content script in a tab
 * and checks its reply against the content catalogue before anything reads it.
 */
import type { ContentMessage, ContentMessageOf, ContentName } from '../shared/content-messages';
import { parseContentReply, type ContentReplyOf } from '../shared/content-replies';
import { ProtocolError } from '../shared/result';
import { SchemaError } from '../shared/schema';

/** Delivers a message to our content script in one tab/frame (tabs.sendMessage). */
export type ToContent = (tabId: number, frameId: number, message: ContentMessage) => Promise<unknown>;

/**
 * The content script's checked reply, or null when none answered (no content script there, or it dropped
 * the message). A reply outside the schema is a typed `bad-reply` error, never read.
 */
export async function askContent<N extends ContentName>(send: ToContent, tabId: number, frameId: number, message: ContentMessageOf<N>): Promise<ContentReplyOf<N> | null> {
  const reply = await send(tabId, frameId, message as ContentMessage);
  if (reply === undefined) return null;
  try {
    return parseContentReply(message.name, reply);
  } catch (e) {
    if (e instanceof SchemaError) throw new ProtocolError('bad-reply', `The page's Lockpane script gave an unexpected answer (${e.message.slice(0, 200)}).`);
    throw e;
  }
}
