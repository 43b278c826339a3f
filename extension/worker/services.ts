/** The worker's long-lived services, built once per worker start from injected storage areas. */
import { createFrameTokens } from './frame-tokens';
import type { KeyValueArea } from './kv';
import { createSecurityIndicator } from './security-indicator';
import { createSites, type ScriptRegistrar } from './sites';
import type { ReaderKind } from '../shared/catalogue';

export type ReaderPayload = { kind: ReaderKind; armored: string; origin: string };

export type ServiceDeps = { local: KeyValueArea; session: KeyValueArea; registrar: ScriptRegistrar; version: string };

export function createServices(deps: ServiceDeps) {
  return {
    version: deps.version,
    startedAt: new Date().toISOString(),
    sites: createSites(deps.local, deps.registrar),
    readerTokens: createFrameTokens<ReaderPayload>(deps.session),
    indicator: createSecurityIndicator(deps.local),
  };
}

export type Services = ReturnType<typeof createServices>;
