/**
 * Key discovery in the worker: looks an address up by WKD and the configured VKS key servers (settings,
 * or the organisation's `keyDiscovery` policy), shows what was found beside what the keyring already has
 * for the address, and imports a candidate only when the user picks it. An imported key is at most
 * "unverified" (seen; trust on first use), and a key that differs from an accepted one for the address is
 * held as a conflict for the user to decide, exactly as any other import (keyring-store importEntry).
 */
import { candidatesFrom } from '../../../keyring/discovery/candidate';
import { DEFAULT_MAX_KEY_BYTES, type FetchLike } from '../../../keyring/discovery/fetch';
import { discoverKeys, type DiscoveryConfig } from '../../../keyring/discovery/lookup';
import { overallFailure, type SourceOutcome } from '../../../keyring/discovery/outcome';
import { LockpaneError } from '../../../keyring/errors';
import { normalizeEmail, type OpenPgpEntry } from '../../../keyring/store/entry';
import { isAccepted } from '../../../keyring/trust/acceptance';
import type { DiscoveryCandidate, DiscoveryImport, DiscoveryLookup, DiscoverySource } from '../../shared/discovery-types';
import type { KeySummary } from '../../shared/key-summary';
import type { SettingsView } from '../../shared/policy-status';
import { ProtocolError } from '../../shared/result';
import type { KeyringService } from '../keyring/service';
import { summarize } from '../keyring/summaries';
import type { KeyValueArea } from '../kv';
import { createCandidateCache } from './candidate-cache';

export type DiscoveryDeps = {
  keyring: KeyringService;
  settings: { view(): Promise<SettingsView> };
  session: KeyValueArea;
  fetch: FetchLike;
  /** Per request; WKD may make two (advanced, then direct). */
  timeoutMs?: number;
  maxBytes?: number;
  now?: () => Date;
};

const isDiscoverySource = (s: string): s is DiscoverySource => s === 'wkd-advanced' || s === 'wkd-direct' || s === 'vks';

function describe(outcomes: readonly SourceOutcome[]): string {
  return outcomes.map((o) => `${o.source === 'wkd' ? `WKD (${o.server})` : o.server}: ${o.result}`).join('; ');
}

/** Nothing found: a typed error that says why, per source. */
function failure(email: string, outcomes: readonly SourceOutcome[]): Error {
  const why = overallFailure(outcomes);
  const asked = describe(outcomes);
  switch (why) {
    case 'not-found': return new LockpaneError('not-found', `No key was found for ${email} (${asked}).`);
    case 'too-large': return new LockpaneError('too-large', `A server's answer for ${email} was too large to accept (${asked}).`);
    case 'bad-response': return new ProtocolError('bad-response', `A server answered the lookup for ${email} with an error or with something that is not a key (${asked}).`);
    case 'timeout':
    case 'unreachable': return new ProtocolError('network-error', `The lookup for ${email} could not reach a server or got no answer in time (${asked}).`);
  }
}

export function createDiscoveryService(d: DiscoveryDeps) {
  const now = d.now ?? (() => new Date());
  const cache = createCandidateCache(d.session, () => now().getTime());

  async function config(): Promise<DiscoveryConfig> {
    const view = await d.settings.view();
    const c = view.values.keyDiscovery;
    if (!c.wkd && c.keyServers.length === 0) {
      throw new ProtocolError('discovery-disabled', view.sources.keyDiscovery === 'policy'
        ? 'Your organisation has switched key discovery off (no Web Key Directory, no key server).'
        : 'Key discovery is switched off in the settings (no Web Key Directory, no key server).');
    }
    return c;
  }

  async function summaryFor(fingerprint: string): Promise<KeySummary> {
    const found = (await d.keyring.list(fingerprint)).find((k) => k.kind === 'openpgp' && k.fingerprint === fingerprint);
    if (!found) throw new LockpaneError('internal', 'The imported key is not in the keyring.');
    return found;
  }

  return {
    async lookup(rawEmail: string): Promise<DiscoveryLookup> {
      const cfg = await config();
      const email = normalizeEmail(rawEmail);
      const result = await discoverKeys(email, cfg, { fetch: d.fetch, timeoutMs: d.timeoutMs ?? 10_000, maxBytes: d.maxBytes ?? DEFAULT_MAX_KEY_BYTES });
      if (result.found.length === 0) throw failure(email, result.outcomes);
      const store = await d.keyring.store();
      const knownEntries = store.findByEmail(email).filter((e): e is OpenPgpEntry => e.kind === 'openpgp');
      const cached = await cache.put(result.found.map((f) => ({
        email, fingerprint: f.fingerprint, sources: f.sources.filter(isDiscoverySource), publicArmored: f.entry.publicArmored,
      })));
      const candidates: DiscoveryCandidate[] = await Promise.all(result.found.map(async (f, i) => {
        const same = store.getOpenPgp(f.fingerprint);
        const others = knownEntries.filter((e) => e.fingerprint !== f.fingerprint);
        return {
          id: cached[i]!.id,
          sources: cached[i]!.sources,
          // As served: a key the keyring has keeps its own trust; anything else is undecided until imported.
          key: summarize(f.entry, same ? store.acceptanceOf(f.fingerprint) : 'undecided', false, now()),
          // As the store decides on import: only a different *accepted* key makes this a change to hold.
          relation: same ? 'same' : others.some((e) => isAccepted(store.acceptanceOf(e.fingerprint))) ? 'change' : 'new',
          known: await Promise.all(others.map((e) => summaryFor(e.fingerprint))),
        };
      }));
      const expiresAt = new Date(Math.min(...cached.map((c) => c.expiresAt))).toISOString();
      return { email, candidates, outcomes: result.outcomes.map(({ source, server, result: r }) => ({ source, server, result: r })), expiresAt };
    },

    async import(id: string): Promise<DiscoveryImport> {
      const c = await cache.get(id);
      if (!c) throw new LockpaneError('not-found', 'This lookup result is no longer available; look the address up again.');
      // Read again from the kept bytes: it must still be the previewed key and still bind the address.
      const again = await candidatesFrom(new TextEncoder().encode(c.publicArmored), c.sources[0] ?? 'vks', 'cache', c.email, now());
      const entry = again.find((x) => x.entry.fingerprint === c.fingerprint)?.entry;
      if (!entry) throw new LockpaneError('key-invalid', 'The found key no longer binds the address it was found for.');
      const store = await d.keyring.store();
      const r = await store.importEntry(entry, `discovery:${c.sources.join('+')}`);
      await cache.remove(id);
      return { key: await summaryFor(r.entry.fingerprint), conflicts: r.conflicts.map((x) => ({ email: x.email, known: x.known })) };
    },
  };
}

export type DiscoveryService = ReturnType<typeof createDiscoveryService>;
