/**
 * Web Key Directory (draft-koch-openpgp-webkey-service): the advanced method
 * (https://openpgpkey.<domain>/.well-known/openpgpkey/<domain>/hu/<hash>?l=<local>) first, the
 * direct method (https://<domain>/.well-known/openpgpkey/hu/<hash>?l=<local>) when the advanced
 * host does not answer (the subdomain does not exist) or has no key. <hash> is the z-base-32 of the
 * SHA-1 of the lower-cased local part.
 */
import { LockpaneError } from '../errors';
import { plainBytes } from '../bytes';
import { candidatesFrom, splitAddress, type KeyCandidate } from './candidate';
import { boundedGet, type HttpOptions } from './fetch';
import { zbase32 } from './zbase32';

export type WkdMethod = 'advanced' | 'direct';

export type WkdPolicy = {
  mailboxOnly: boolean;
  daneOnly: boolean;
  authSubmit: boolean;
  protocolVersion: number | null;
  submissionAddress: string | null;
};

export type WkdResult = {
  /** Which method answered (null: neither had a key for the address). */
  method: WkdMethod | null;
  candidates: KeyCandidate[];
  policy: WkdPolicy | null;
  /** What each attempt met, for the UI ("no such host", "404", …). */
  attempts: WkdAttempt[];
};

/**
 * absent: 404/410 (no key there); unreachable: no connection (often: the domain has no WKD host);
 * http-error: any other status; unreadable: not OpenPGP; no-match: keys, none binding the address.
 */
export type WkdAttemptKind = 'found' | 'absent' | 'unreachable' | 'timeout' | 'http-error' | 'unreadable' | 'no-match';
export type WkdAttempt = { method: WkdMethod; url: string; kind: WkdAttemptKind; outcome: string };

const MAX_POLICY_BYTES = 16 * 1024;

export async function wkdHash(localPart: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-1', plainBytes(new TextEncoder().encode(localPart.toLowerCase())));
  return zbase32(new Uint8Array(digest));
}

export async function wkdUrls(email: string): Promise<Record<WkdMethod, { key: string; policy: string }>> {
  const { local, domain } = splitAddress(email);
  const hash = await wkdHash(local);
  const l = encodeURIComponent(local);
  return {
    advanced: {
      key: `https://openpgpkey.${domain}/.well-known/openpgpkey/${domain}/hu/${hash}?l=${l}`,
      policy: `https://openpgpkey.${domain}/.well-known/openpgpkey/${domain}/policy`,
    },
    direct: {
      key: `https://${domain}/.well-known/openpgpkey/hu/${hash}?l=${l}`,
      policy: `https://${domain}/.well-known/openpgpkey/policy`,
    },
  };
}

export function parseWkdPolicy(text: string): WkdPolicy {
  const policy: WkdPolicy = { mailboxOnly: false, daneOnly: false, authSubmit: false, protocolVersion: null, submissionAddress: null };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-z0-9-]+)(?::\s*(.*))?$/i.exec(line);
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    const value = m[2]?.trim() ?? '';
    if (name === 'mailbox-only') policy.mailboxOnly = true;
    else if (name === 'dane-only') policy.daneOnly = true;
    else if (name === 'auth-submit') policy.authSubmit = true;
    else if (name === 'protocol-version' && /^\d+$/.test(value)) policy.protocolVersion = Number(value);
    else if (name === 'submission-address' && value.includes('@')) policy.submissionAddress = value;
  }
  return policy;
}

async function fetchPolicy(url: string, opts: HttpOptions): Promise<WkdPolicy | null> {
  const res = await boundedGet(url, { ...opts, maxBytes: MAX_POLICY_BYTES }, 'text/plain').catch(() => null);
  if (!res || res.status !== 200 || !('body' in res) || !res.body) return null;
  return parseWkdPolicy(new TextDecoder().decode(res.body));
}

/** Looks the address up by WKD; keys that do not bind the address are dropped. */
export async function lookupWkd(email: string, opts: HttpOptions): Promise<WkdResult> {
  const urls = await wkdUrls(email);
  const attempts: WkdResult['attempts'] = [];
  for (const method of ['advanced', 'direct'] as const) {
    const url = urls[method].key;
    const res = await boundedGet(url, opts, 'application/octet-stream');
    if (res.status === 'network-error') { attempts.push({ method, url, kind: 'unreachable', outcome: `not reachable (${res.detail})` }); continue; }
    if (res.status === 'timeout') { attempts.push({ method, url, kind: 'timeout', outcome: res.detail }); continue; }
    if (res.status !== 200 || !res.body) {
      attempts.push({ method, url, kind: res.status === 404 || res.status === 410 ? 'absent' : 'http-error', outcome: `HTTP ${res.status}` });
      continue;
    }
    let candidates: KeyCandidate[];
    try {
      candidates = await candidatesFrom(res.body, method === 'advanced' ? 'wkd-advanced' : 'wkd-direct', url, email);
    } catch (e) {
      attempts.push({ method, url, kind: 'unreadable', outcome: `unreadable key (${e instanceof LockpaneError ? e.code : 'error'})` });
      continue;
    }
    if (candidates.length === 0) { attempts.push({ method, url, kind: 'no-match', outcome: 'no key for this address' }); continue; }
    attempts.push({ method, url, kind: 'found', outcome: 'found' });
    return { method, candidates, policy: await fetchPolicy(urls[method].policy, opts), attempts };
  }
  return { method: null, candidates: [], policy: null, attempts };
}
