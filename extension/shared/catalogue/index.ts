/**
 * The message catalogue: every message a context may send to the worker, who may send it, the bounded
 * schema of its request, and the schema of its reply. One file per area; this index assembles them. The
 * router's handler map is typed from this, so a message without a handler (or a handler without a
 * message) does not compile.
 */
import type { Infer, Schema } from '../schema';
import type { ContextOf } from '../sender';
import { backupMessages } from './backup';
import type { Entry } from './common';
import { discoveryMessages } from './discovery';
import { editorMessages } from './editor';
import { keyMessages } from './keys';
import { readerMessages } from './reader';
import { settingsMessages } from './settings';
import { siteMessages } from './sites';
import { trustMessages } from './trust';
import { workerMessages } from './worker';

export type { SenderClass } from './common';
export type { BackupSummary } from './backup';
export type { CertificateDetails, KeyConflictView } from './keys';
export { readerAttachmentChunkBytes, type ReaderFrameKind, type ReaderKind } from './reader';
export type { SecurityIndicator } from './settings';
export type { TrustRootSummary } from './trust';

export type FrameKind = 'reader' | 'editor';

export const catalogue = {
  ...workerMessages,
  ...siteMessages,
  ...readerMessages,
  ...editorMessages,
  ...keyMessages,
  ...discoveryMessages,
  ...backupMessages,
  ...trustMessages,
  ...settingsMessages,
} as const satisfies Record<string, Entry>;

export type MessageName = keyof typeof catalogue;
export type RequestOf<N extends MessageName> = Infer<(typeof catalogue)[N]['request']>;
/** The sender classes a message may come from; the router refuses the others before any handler runs. */
export type SendersOf<N extends MessageName> = (typeof catalogue)[N]['from'][number];
/** The context a handler of `N` receives: only the classes its entry allows (a frame-only handler sees tab and frame ids). */
export type ContextFor<N extends MessageName> = ContextOf<SendersOf<N>>;

/** The reply of each message, from the schema declared beside its request (clients check every reply against it). */
export type ResponseOf<N extends MessageName> = Infer<(typeof catalogue)[N]['reply']>;
export function replySchemaOf<N extends MessageName>(name: N): Schema<ResponseOf<N>> {
  return catalogue[name].reply as Schema<ResponseOf<N>>;
}

/** The wire shape of a request. The `lockpane` tag only avoids clashing with other listeners. */
export type WireRequest = { lockpane: 1; name: string; body: unknown };

export function isMessageName(name: unknown): name is MessageName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(catalogue, name);
}

