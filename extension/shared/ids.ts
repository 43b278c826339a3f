/** Branded identifiers: a plain string at run time, distinct types at compile time. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A single-use frame token as the worker issued it (43 characters of base64url). */
export type FrameToken = Brand<string, 'FrameToken'>;
/**
 * The keyring owns the one Fingerprint type (keyring/ cannot import the extension); extension code takes it
 * from here, so content scripts, frames and UI never import keyring/ themselves. Type-only: no code follows.
 */
export type { Fingerprint } from '../../keyring/store/entry';
/** A web origin such as `https://mail.example.org` (no path, no trailing slash). */
export type SiteOrigin = Brand<string, 'SiteOrigin'>;

const originPattern = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$|^https?:\/\/\[[0-9a-f:]+\](?::\d{1,5})?$/;

/** Parses and normalises an origin; returns null for anything that is not http(s)://host[:port]. */
export function toSiteOrigin(input: string): SiteOrigin | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const origin = url.origin.toLowerCase();
  return originPattern.test(origin) ? (origin as SiteOrigin) : null;
}

/**
 * The host-permission match pattern for an origin. Chrome and Firefox match patterns carry no port,
 * so enabling http://127.0.0.1:8080 grants every port on that host; the UI says so.
 */
export function originMatchPattern(origin: SiteOrigin): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
