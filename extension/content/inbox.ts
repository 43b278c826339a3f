/**
 * The content script's only incoming channel: messages from our own worker (checked by the classifier),
 * never from `window`. Each one is checked against the content catalogue on receipt; each message type
 * has one handler.
 */
import browser from 'webextension-polyfill';
import { isFromOwnWorker } from '../shared/sender';
import { dispatch, type InboxHandlers } from './inbox-dispatch';

export type { InboxHandlers };

export function listenToWorker(handlers: InboxHandlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    if (!isFromOwnWorker(sender, browser.runtime.id)) return undefined;
    return dispatch(handlers, message);
  });
}
