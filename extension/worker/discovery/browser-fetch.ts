/**
 * The worker's fetcher for discovery: no cookies or credentials, no referrer, no HTTP cache (a key
 * refresh must see the server's current answer). Cross-origin reads rely on the servers' CORS headers
 * (WKD and keys.openpgp.org send `Access-Control-Allow-Origin: *`), so no host permission is needed.
 */
import type { FetchLike } from '../../../keyring/discovery/fetch';

export const browserFetch: FetchLike = (url, init) => fetch(url, {
  ...init, method: 'GET', mode: 'cors', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer',
});
