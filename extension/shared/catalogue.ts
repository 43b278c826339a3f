/**
 * The message catalogue: every message a context may send to the worker, who may send it, the bounded
 * schema of its request, and the type of its reply. The router's handler map is typed from this, so a
 * message without a handler (or a handler without a message) does not compile.
 */
import { bool, empty, literal, obj, str, type Infer, type Schema } from './schema';

export type SenderClass = 'content' | 'frame' | 'page';

const MiB = 1024 * 1024;
const tokenSchema = str({ min: 32, max: 64, pattern: /^[A-Za-z0-9_-]+$/ });
const originSchema = str({ max: 300 });

export type ReaderKind = 'pgp-message' | 'pgp-signed' | 'pgp-key' | 'cms';
export type FrameKind = 'reader' | 'editor';

export const catalogue = {
  /** Liveness and identity check: tells the caller how the worker classified it. */
  'worker.ping': { from: ['content', 'frame', 'page'], request: empty },
  /** A content script starts on a page and asks whether this origin is enabled. */
  'site.hello': { from: ['content'], request: empty },
  /** A content script hands over a found ciphertext block; gets a single-use token for a reader frame. */
  'reader.open': {
    from: ['content'],
    request: obj({ kind: literal<ReaderKind>('pgp-message', 'pgp-signed', 'pgp-key', 'cms'), armored: str({ min: 1, max: 8 * MiB }) }),
  },
  /** A reader frame claims its token (once) and learns what it is to show. */
  'reader.claim': { from: ['frame'], request: obj({ token: tokenSchema }) },
  /** Sites where Lockpane is active. */
  'sites.list': { from: ['page'], request: empty },
  'sites.enable': { from: ['page'], request: obj({ origin: originSchema }) },
  'sites.disable': { from: ['page'], request: obj({ origin: originSchema }) },
  /** The personal security phrase and colour, shown only inside extension UI (DESIGN §2.5). */
  'settings.indicator': { from: ['frame', 'page'], request: empty },
  'settings.setIndicator': {
    from: ['page'],
    request: obj({ phrase: str({ min: 1, max: 64 }), color: str({ pattern: /^#[0-9a-f]{6}$/i, max: 7 }) }),
  },
  /** Used by the options page to show whether the worker is healthy. */
  'worker.status': { from: ['page'], request: obj({ verbose: bool }) },
} as const satisfies Record<string, { from: readonly SenderClass[]; request: Schema<unknown> }>;

export type MessageName = keyof typeof catalogue;
export type RequestOf<N extends MessageName> = Infer<(typeof catalogue)[N]['request']>;

export type SecurityIndicator = { phrase: string; color: string };

/** Reply types, one per message. */
export type Responses = {
  'worker.ping': { version: string; senderClass: SenderClass };
  'site.hello': { enabled: boolean };
  'reader.open': { token: string };
  'reader.claim': { kind: ReaderKind; armored: string; origin: string };
  'sites.list': { origins: string[] };
  'sites.enable': { origins: string[] };
  'sites.disable': { origins: string[] };
  'settings.indicator': SecurityIndicator;
  'settings.setIndicator': SecurityIndicator;
  'worker.status': { version: string; startedAt: string; sites: number };
};

export type ResponseOf<N extends MessageName> = Responses[N];

/** The wire shape of a request. The `lockpane` tag only avoids clashing with other listeners. */
export type WireRequest = { lockpane: 1; name: string; body: unknown };

export function isMessageName(name: unknown): name is MessageName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(catalogue, name);
}
