/**
 * Site rules from policy: `blockedSites` entries are origins or `scheme://*.domain[:port]` patterns.
 * Matching is on the normalised origin, so `https://Mail.Example.com/` and `https://mail.example.com`
 * are the same site.
 */
import { toSiteOrigin } from './ids';

export function matchesSitePattern(pattern: string, origin: string): boolean {
  const o = toSiteOrigin(origin);
  if (!o) return false;
  const p = pattern.trim().toLowerCase();
  const wild = /^(https?):\/\/\*\.([^/:]+)(?::(\d{1,5}))?$/.exec(p);
  if (!wild) return toSiteOrigin(p) === o;
  const url = new URL(o);
  const defaultPort = wild[1] === 'https' ? '443' : '80';
  const port = url.port || defaultPort;
  return url.protocol === `${wild[1]}:` && url.hostname.endsWith(`.${wild[2]}`) && port === (wild[3] ?? defaultPort);
}

export function isSiteBlocked(blocked: readonly string[], origin: string): boolean {
  return blocked.some((p) => matchesSitePattern(p, origin));
}
