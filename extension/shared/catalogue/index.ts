/**
 * The message catalogue: every message a context may send to the worker, who may send it, the bounded
 * schema of its request, and the type of its reply. One file per area; this index assembles them. The
 * router's handler map is typed from this, so a message without a handler (or a handler without a
 * message) does not compile.
 */
import type { Infer } from '../schema';
import type { ContextOf } from '../sender';
import { backupMessages, type BackupResponses } from './backup';
import type { Entry } from './common';
import { discoveryMessages, type DiscoveryResponses } from './discovery';
import { editorMessages, type EditorResponses } from './editor';
import { keyMessages, type KeyResponses } from './keys';
import { readerMessages, type ReaderResponses } from './reader';
import { settingsMessages, type SettingsResponses } from './settings';
import { siteMessages, type SiteResponses } from './sites';
import { trustMessages, type TrustResponses } from './trust';
import { workerMessages, type WorkerResponses } from './worker';

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

/** Reply types, one per message (each declared in its area beside the request). */
export type Responses = WorkerResponses & SiteResponses & ReaderResponses & EditorResponses & KeyResponses
  & DiscoveryResponses & BackupResponses & TrustResponses & SettingsResponses;

export type ResponseOf<N extends MessageName> = Responses[N];

/** The wire shape of a request. The `lockpane` tag only avoids clashing with other listeners. */
export type WireRequest = { lockpane: 1; name: string; body: unknown };

export function isMessageName(name: unknown): name is MessageName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(catalogue, name);
}

/** Compile-time: every message has exactly one reply type and every reply type a message. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _repliesMatchMessages: Same<keyof Responses, MessageName> = true;
