/** Branded identifiers: a plain string at run time, distinct types at compile time. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type FrameToken = Brand<string, 'FrameToken'>;
export type Fingerprint = Brand<string, 'Fingerprint'>;
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
