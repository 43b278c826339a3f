/**
 * The content script's stand-in for webextension-polyfill (bundled in its place by webpack.config.ts):
 * the polyfill is ~10 KB, a third of content.js's 30 KB budget, and the content script makes five calls.
 * Chrome MV3 and Firefox both return promises from runtime.sendMessage (with the same "Receiving end does
 * not exist" errors the client's retry policy reads); only onMessage needs adapting, because our
 * listeners return a Promise while Chrome wants sendResponse and `true`.
 */
type Sender = chrome.runtime.MessageSender;
type Listener = (message: unknown, from: Sender) => Promise<unknown> | undefined;

const api: typeof chrome = (globalThis as { browser?: typeof chrome }).browser ?? globalThis.chrome;

const browserLite = {
  runtime: {
    get id(): string {
      return api.runtime.id;
    },
    getURL: (file: string): string => api.runtime.getURL(file),
    sendMessage: (message: unknown): Promise<unknown> => api.runtime.sendMessage(message) as Promise<unknown>,
    onMessage: {
      addListener(listener: Listener): void {
        api.runtime.onMessage.addListener((message: unknown, from: Sender, sendResponse: (reply?: unknown) => void) => {
          const reply = listener(message, from);
          if (reply === undefined) return false;
          reply.then(sendResponse, () => sendResponse(undefined));
          return true; // the reply comes asynchronously
        });
      },
    },
  },
  i18n: {
    getMessage: (key: string, substitutions?: string | string[]): string => api.i18n.getMessage(key, substitutions),
  },
};

export default browserLite;
