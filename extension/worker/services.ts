/** The worker's long-lived services, built once per worker start from injected storage areas. */
import { createFrameTokens } from './frame-tokens';
import type { KeyValueArea } from './kv';
import { createSecurityIndicator } from './security-indicator';
import { createSites, type ScriptRegistrar } from './sites';
import { editorPayloadSchema, readerPayloadSchema, type ReaderPayload } from './frame-payloads';
import type { StorageBackend } from '../../keyring/store/backend';
import { createKeyringService } from './keyring/service';
import { createComposeService } from './compose/compose-service';
import { createPendingReplies } from './compose/pending-replies';
import { createPasswordMail } from './compose/compose-password';
import type { ToContent } from './content-channel';
import { createPolicyService, type ManagedReader } from './policy/policy-service';
import { createPolicyApplier } from './policy/apply-policy';
import { createSettingsService } from './settings/settings-service';
import { createSitePolicy } from './policy/site-policy';
import { createSmimeService, type SmimeService } from './smime/smime-service';
import { createRawStore } from './reader/raw-store';
import { createDiscoveryService } from './discovery/discovery-service';
import { browserFetch } from './discovery/browser-fetch';
import type { FetchLike } from '../../keyring/discovery/fetch';
import { ProtocolError } from '../shared/result';

export type { ReaderPayload };

export type ServiceDeps = {
  local: KeyValueArea; session: KeyValueArea; registrar: ScriptRegistrar; version: string; keyringBackend: StorageBackend;
  /** Delivers a message to our content script in one tab/frame (tabs.sendMessage). */
  toContent: ToContent;
  /** Reads storage.managed (the organisation's policy). */
  readManaged: ManagedReader;
  /** Runs one of our own script files in one tab/frame (scripting.executeScript): site adapter bundles. */
  injectScript?: InjectScript;
  /** Key discovery's HTTP client (tests inject one; the worker uses fetch). */
  fetch?: FetchLike;
  /** The built password-mail HTML template (password-mail.html.template in the extension); absent: password mail unavailable. */
  passwordFileTemplate?: () => Promise<string>;
};

export type InjectScript = (tabId: number, frameId: number, file: string) => Promise<void>;

const cannotInject: InjectScript = async () => {
  throw new ProtocolError('internal', 'this worker cannot inject site adapters');
};

export function createServices(deps: ServiceDeps) {
  // Certificate summaries take their path verdicts from the S/MIME service's one cached evaluation; that
  // service is built on the keyring service, hence the late binding.
  let smimeRef: SmimeService | null = null;
  const keyring = createKeyringService(deps.keyringBackend, deps.session, {
    chains: (certs) => (smimeRef ? smimeRef.chainStatusesOf(certs) : Promise.resolve(new Map())),
  });
  const policy = createPolicyService(deps.readManaged, deps.local);
  const settings = createSettingsService(deps.local, policy);
  const sites = createSites(deps.local, deps.registrar, createSitePolicy(policy));
  const smime = createSmimeService(keyring, deps.local);
  smimeRef = smime;
  const compose = createComposeService(keyring, deps.local, smime, async () => (await settings.all()).defaultProtocol);
  const passwordMail = createPasswordMail({
    keyring, compose, local: deps.local,
    policy: async () => {
      const v = await settings.all();
      return { allowed: v.allowPasswordMail, minStrengthBits: v.passwordMailMinStrengthBits, floor: v.passwordMailKdfFloor };
    },
    template: deps.passwordFileTemplate ?? (() => Promise.reject(new Error('The password-mail file is not part of this build.'))),
  });
  return {
    version: deps.version,
    startedAt: new Date().toISOString(),
    sites,
    policy,
    settings,
    policyApplier: createPolicyApplier({ policy, settings, keyring, sites }),
    readerTokens: createFrameTokens(deps.session, readerPayloadSchema),
    /** Raw messages for 'raw-message' reader tokens (kept out of the token records) and their decrypted files. */
    rawMessages: createRawStore(deps.session),
    indicator: createSecurityIndicator(deps.local),
    keyring,
    editorTokens: createFrameTokens(deps.session, editorPayloadSchema),
    /** Reply editors waiting for the web mail's own reply form to load (one per tab). */
    pendingReplies: createPendingReplies(deps.session),
    smime,
    compose,
    passwordMail,
    toContent: deps.toContent,
    injectScript: deps.injectScript ?? cannotInject,
    discovery: createDiscoveryService({ keyring, settings, session: deps.session, fetch: deps.fetch ?? browserFetch }),
  };
}

export type Services = ReturnType<typeof createServices>;
