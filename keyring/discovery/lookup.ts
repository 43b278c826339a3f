/**
 * One lookup for one address across every enabled source: the address's WKD (advanced, then direct)
 * and each configured VKS key server, asked in parallel. The same key from several sources is one
 * result that lists them all. Nothing here stores or trusts anything: the results are candidates.
 */
import type { OpenPgpEntry } from '../store/entry';
import { splitAddress, type CandidateSource, type KeyCandidate } from './candidate';
import { isLockpaneError } from '../errors';
import type { HttpOptions } from './fetch';
import { DiscoveryError, type SourceOutcome, type SourceResult } from './outcome';
import { VksClient } from './vks';
import { lookupWkd, type WkdAttempt } from './wkd';

export type DiscoveryConfig = { wkd: boolean; keyServers: readonly string[] };

export type FoundKey = {
  fingerprint: string;
  /** Every source that served this key, in lookup order (WKD first). */
  sources: CandidateSource[];
  origins: string[];
  /** The first served version (the WKD one when there is one). */
  entry: OpenPgpEntry;
};

export type LookupResult = { email: string; found: FoundKey[]; outcomes: SourceOutcome[] };

/** WKD that does not answer at all usually means the domain has no WKD, so it counts as "nothing there". */
function wkdResult(attempts: readonly WkdAttempt[]): SourceResult {
  if (attempts.some((a) => a.kind === 'found')) return 'found';
  if (attempts.some((a) => a.kind === 'timeout')) return 'timeout';
  if (attempts.some((a) => a.kind === 'http-error' || a.kind === 'unreadable')) return 'bad-response';
  return 'not-found';
}

async function fromWkd(email: string, http: HttpOptions, server: string): Promise<{ outcome: SourceOutcome; candidates: KeyCandidate[] }> {
  try {
    const r = await lookupWkd(email, http);
    const detail = r.attempts.map((a) => `${a.method}: ${a.outcome}`).join('; ');
    return { outcome: { source: 'wkd', server, result: wkdResult(r.attempts), detail }, candidates: r.candidates };
  } catch (e) {
    if (!isLockpaneError(e, 'too-large')) throw e;
    return { outcome: { source: 'wkd', server, result: 'too-large', detail: e.message }, candidates: [] };
  }
}

async function fromVks(email: string, http: HttpOptions, baseUrl: string): Promise<{ outcome: SourceOutcome; candidates: KeyCandidate[] }> {
  try {
    const candidates = await new VksClient({ ...http, baseUrl }).byEmail(email);
    const result = candidates.length > 0 ? 'found' : 'not-found';
    return { outcome: { source: 'vks', server: baseUrl, result, detail: result }, candidates };
  } catch (e) {
    if (e instanceof DiscoveryError) return { outcome: { source: 'vks', server: baseUrl, result: e.failure, detail: e.message }, candidates: [] };
    if (isLockpaneError(e, 'too-large')) return { outcome: { source: 'vks', server: baseUrl, result: 'too-large', detail: e.message }, candidates: [] };
    if (isLockpaneError(e, 'unsupported-option') || isLockpaneError(e, 'bad-data')) {
      // A configured server URL that is not allowed (plain HTTP): reported for that server, others still run.
      return { outcome: { source: 'vks', server: baseUrl, result: 'unreachable', detail: e.message }, candidates: [] };
    }
    throw e;
  }
}

export async function discoverKeys(email: string, config: DiscoveryConfig, http: HttpOptions): Promise<LookupResult> {
  const { domain } = splitAddress(email); // a bad address is a clear error before any request
  const jobs = [
    ...(config.wkd ? [fromWkd(email, http, domain)] : []),
    ...config.keyServers.map((url) => fromVks(email, http, url)),
  ];
  const answers = await Promise.all(jobs);
  const byFingerprint = new Map<string, FoundKey>();
  for (const { candidates } of answers) {
    for (const c of candidates) {
      const seen = byFingerprint.get(c.entry.fingerprint);
      if (!seen) byFingerprint.set(c.entry.fingerprint, { fingerprint: c.entry.fingerprint, sources: [c.source], origins: [c.origin], entry: c.entry });
      else {
        if (!seen.sources.includes(c.source)) seen.sources.push(c.source);
        seen.origins.push(c.origin);
      }
    }
  }
  return { email, found: [...byFingerprint.values()], outcomes: answers.map((a) => a.outcome) };
}
