/** Worker handler tests: the reader's two test contexts and the router's answer to a message from a fake sender. */
import { catalogue, type MessageName } from '../shared/catalogue';
import type { ContentContext, FrameContext } from '../shared/sender';
import { createRouter, type HandlerMap } from '../worker/router';

export const testContent = { cls: 'content', origin: 'http://mail.test', tabId: 3, frameId: 7, url: 'http://mail.test/' } as ContentContext;
export const testReaderFrame = { cls: 'frame', path: '/reader.html', tabId: 3, frameId: 9, documentId: 'D' } as FrameContext;

/** What the router answers when `sender` sends `name` (the router refuses a wrong sender class before any handler runs). */
export async function routedCode(handlers: Partial<HandlerMap>, name: MessageName, body: unknown, sender: object): Promise<string> {
  const id = 'ekndomebbkmcdbphkccpepjnfhgbljgf';
  const stub = Object.fromEntries(Object.keys(catalogue).map((n) => [n, async () => { throw new Error(`unexpected ${n}`); }])) as unknown as HandlerMap;
  const route = createRouter({ ownId: id, ownOrigin: `chrome-extension://${id}`, handlers: { ...stub, ...handlers }, isSiteEnabled: async () => true });
  const reply = await route({ lockpane: 1, name, body }, { id, ...sender });
  return reply.ok ? 'ok' : reply.error.code;
}
