/**
 * The content script's client: only the messages it may send, each reply checked against the catalogue's
 * schema, without bundling the whole catalogue (content.js stays small).
 */
import type { MessageName, RequestOf, ResponseOf } from '../shared/catalogue';
import { helloReply, loadAdapterReply, openedReply, takeReplyReply } from '../shared/catalogue/content-sent';
import { callWith } from '../shared/client-core';
import type { Schema } from '../shared/schema';

const replies = {
  'site.hello': helloReply,
  'site.loadAdapter': loadAdapterReply,
  'reader.open': openedReply,
  'reader.openRaw': openedReply,
  'editor.open': openedReply,
  'editor.takeReply': takeReplyReply,
} satisfies { [N in MessageName]?: Schema<ResponseOf<N>> };

export type ContentSends = keyof typeof replies;

export function call<N extends ContentSends>(name: N, body: RequestOf<N>): Promise<ResponseOf<N>> {
  return callWith(name, body, replies[name] as Schema<ResponseOf<N>>);
}
