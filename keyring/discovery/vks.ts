/**
 * A Verifying Key Server client (the keys.openpgp.org API): /vks/v1/by-email/<address>,
 * /vks/v1/by-fingerprint/<FPR>, /vks/v1/by-keyid/<KEYID>. The server URL is configurable (policy or
 * settings). Answers are checked against the question: a key that does not bind the address, or
 * whose fingerprint is not the one asked for, is dropped.
 */
import { LockpaneError } from '../errors';
import { normalizeEmail, normalizeFingerprint } from '../store/entry';
import { candidatesFrom, splitAddress, type KeyCandidate } from './candidate';
import { boundedGet, checkServerUrl, type HttpOptions } from './fetch';
import { DiscoveryError } from './outcome';

export const DEFAULT_VKS_URL = 'https://keys.openpgp.org';

export class VksClient {
  private readonly base: string;

  constructor(private readonly opts: HttpOptions & { baseUrl?: string }) {
    this.base = checkServerUrl(opts.baseUrl ?? DEFAULT_VKS_URL).toString().replace(/\/+$/, '');
  }

  async byEmail(email: string): Promise<KeyCandidate[]> {
    splitAddress(email);
    const url = `${this.base}/vks/v1/by-email/${encodeURIComponent(normalizeEmail(email))}`;
    return this.get(url, email, null);
  }

  async byFingerprint(fingerprint: string): Promise<KeyCandidate[]> {
    const fp = normalizeFingerprint(fingerprint.replace(/^0x/i, ''));
    if (!/^[0-9A-F]{40}$|^[0-9A-F]{64}$/.test(fp)) throw new LockpaneError('bad-data', `Not a fingerprint: ${fingerprint}`);
    return this.get(`${this.base}/vks/v1/by-fingerprint/${fp}`, null, (c) => c.entry.fingerprint === fp);
  }

  async byKeyId(keyId: string): Promise<KeyCandidate[]> {
    const id = keyId.replace(/^0x/i, '').toUpperCase();
    if (!/^[0-9A-F]{16}$/.test(id)) throw new LockpaneError('bad-data', `Not a key ID: ${keyId}`);
    // A key ID is only a hint: the user must still compare the full fingerprint of a candidate.
    return this.get(`${this.base}/vks/v1/by-keyid/${id}`, null, (c) => c.entry.fingerprint.endsWith(id)
      || c.entry.facts.subkeys.some((s) => s.fingerprint.endsWith(id)));
  }

  private async get(url: string, email: string | null, keep: ((c: KeyCandidate) => boolean) | null): Promise<KeyCandidate[]> {
    const res = await boundedGet(url, this.opts, 'application/pgp-keys');
    if (res.status === 'timeout') throw new DiscoveryError('timeout', `The key server did not answer in time (${res.detail}).`);
    if (res.status === 'network-error') throw new DiscoveryError('unreachable', `The key server could not be reached (${res.detail}).`);
    if (res.status === 404) return [];
    if (res.status !== 200 || !res.body) throw new DiscoveryError('bad-response', `The key server answered HTTP ${res.status}.`);
    let found: KeyCandidate[];
    try {
      found = await candidatesFrom(res.body, 'vks', url, email);
    } catch (e) {
      throw new DiscoveryError('bad-response', 'The key server answered with something that is not an OpenPGP key.', { cause: e });
    }
    return keep ? found.filter(keep) : found;
  }
}
