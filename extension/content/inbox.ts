/**
 * The content script's only incoming channel: messages from our own worker (checked by the classifier),
 * never from `window`. Each message type has one handler.
 */
import browser from 'webextension-polyfill';
import {
  isContentAttach, isContentComposeHere, isContentInsert, isContentOpenEditor, type ContentAttach, type ContentAttachReply, type ContentInsert, type ContentOpenEditor, type ContentOpenEditorReply,
} from '../shared/content-messages';
import { isFromOwnWorker } from '../shared/sender';

export type InboxHandlers = {
  insert(m: ContentInsert): { inserted: boolean };
  openEditor(m: ContentOpenEditor): ContentOpenEditorReply;
  attach(m: ContentAttach): Promise<ContentAttachReply>;
  /** Opens the secure editor on the page's first visible compose form. */
  composeHere(): Promise<{ opened: boolean }>;
};

export function listenToWorker(handlers: InboxHandlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    if (!isFromOwnWorker(sender, browser.runtime.id)) return undefined;
    if (isContentInsert(message)) return Promise.resolve(handlers.insert(message));
    if (isContentOpenEditor(message)) return Promise.resolve(handlers.openEditor(message));
    if (isContentAttach(message)) return handlers.attach(message);
    if (isContentComposeHere(message)) return handlers.composeHere();
    return undefined;
  });
}
