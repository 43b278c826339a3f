/** Checks each worker message against the content catalogue and hands it to its one handler (no browser APIs: unit-tested). */
import {
  parseContentMessage, type ContentAttach, type ContentInsert, type ContentOpenEditor,
} from '../shared/content-messages';
import type { ContentAttachReply, ContentOpenEditorReply } from '../shared/content-replies';
import { SchemaError } from '../shared/schema';

export type InboxHandlers = {
  insert(m: ContentInsert): { inserted: boolean };
  openEditor(m: ContentOpenEditor): ContentOpenEditorReply;
  attach(m: ContentAttach): Promise<ContentAttachReply>;
  /** Opens the secure editor on the page's first visible compose form. */
  composeHere(): Promise<{ opened: boolean }>;
};

/** Dispatches one message; undefined for anything that is not a well-formed content-channel message. */
export function dispatch(handlers: InboxHandlers, message: unknown): Promise<unknown> | undefined {
  const m = parseContentMessage(message);
  if (m === null) return undefined;
  // A malformed message is dropped: the worker then gets no reply and treats it as not done.
  if (m instanceof SchemaError) {
    console.warn(`Lockpane: refused a malformed worker message (${m.message})`);
    return undefined;
  }
  switch (m.name) {
    case 'content.insert': return Promise.resolve(handlers.insert(m));
    case 'content.openEditor': return Promise.resolve(handlers.openEditor(m));
    case 'content.attach': return handlers.attach(m);
    case 'content.composeHere': return handlers.composeHere();
  }
}
