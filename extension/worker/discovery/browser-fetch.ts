/**
 * The worker's fetcher for discovery: no cookies or credentials, no referrer, no HTTP cache (a key
 * refresh must see the server's current answer). Cross-origin reads rely on the servers' CORS headers
 * (WKD and keys.openpgp.org send `Access-Control-Allow-Origin: *`), so no host permission is needed.
 * A redirect may not leave HTTPS (loopback HTTP excepted, as for configured servers).
 */
import type { FetchLike } from '../../../keyring/discovery/fetch';

export function acceptableFinalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
  } catch {
    return false;
  }
}

export function guardedFetch(base: typeof fetch): FetchLike {
  return async (url, init) => {
    const res = await base(url, { ...init, method: 'GET', mode: 'cors', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
    if (res.redirected && !acceptableFinalUrl(res.url)) {
      await res.body?.cancel().catch(() => undefined);
      throw new TypeError('the server redirected to an address that is not HTTPS');
    }
    return res;
  };
}

export const browserFetch: FetchLike = (url, init) => guardedFetch(fetch)(url, init);
