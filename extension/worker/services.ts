/** The worker's long-lived services, built once per worker start from injected storage areas. */
import { createFrameTokens } from './frame-tokens';
import type { KeyValueArea } from './kv';
import { createSecurityIndicator } from './security-indicator';
import { createSites, type ScriptRegistrar } from './sites';
import type { ReaderKind } from '../shared/catalogue';
import type { StorageBackend } from '../../keyring/store/backend';
import { createKeyringService } from './keyring/service';
import { createComposeService, type EditorPayload } from './compose/compose-service';
import type { ContentMessage } from '../shared/content-messages';

export type ReaderPayload = { kind: ReaderKind; armored: string; origin: string; sender: string | null };

export type ServiceDeps = {
  local: KeyValueArea; session: KeyValueArea; registrar: ScriptRegistrar; version: string; keyringBackend: StorageBackend;
  /** Delivers a message to our content script in one tab/frame (tabs.sendMessage). */
  toContent: (tabId: number, frameId: number, message: ContentMessage) => Promise<unknown>;
};

export function createServices(deps: ServiceDeps) {
  const keyring = createKeyringService(deps.keyringBackend, deps.session);
  return {
    version: deps.version,
    startedAt: new Date().toISOString(),
    sites: createSites(deps.local, deps.registrar),
    readerTokens: createFrameTokens<ReaderPayload>(deps.session),
    indicator: createSecurityIndicator(deps.local),
    keyring,
    editorTokens: createFrameTokens<EditorPayload>(deps.session),
    compose: createComposeService(keyring, deps.local),
    toContent: deps.toContent,
  };
}

export type Services = ReturnType<typeof createServices>;
