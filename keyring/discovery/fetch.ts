/**
 * The injected HTTP client and the bounded body reader used by every discovery client.
 * Discovery never follows a caller-supplied URL: only WKD URLs derived from an address and the
 * configured key-server base, so this is not a generic fetch capability.
 */
import { LockpaneError } from '../errors';

export type FetchResponse = {
  status: number;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
};

export type FetchLike = (url: string, init: { signal: AbortSignal; redirect: 'follow'; headers: Record<string, string> }) => Promise<FetchResponse>;

export type HttpOptions = {
  fetch: FetchLike;
  /** Largest accepted response body (keys can be flooded with signatures). */
  maxBytes?: number;
  timeoutMs?: number;
};

export const DEFAULT_MAX_KEY_BYTES = 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 15_000;

export type HttpResult = { status: number; body: Uint8Array | null };
/** A failure to get any answer: no connection (DNS, TLS, refused, CORS) or no answer in time. */
export type NetworkFailure = { status: 'network-error' | 'timeout'; detail: string };

/** GET with a timeout and a hard size bound; a network failure or timeout is reported, not thrown. */
export async function boundedGet(url: string, opts: HttpOptions, accept: string): Promise<HttpResult | NetworkFailure> {
  const max = opts.maxBytes ?? DEFAULT_MAX_KEY_BYTES;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    let res: FetchResponse;
    try {
      res = await opts.fetch(url, { signal: controller.signal, redirect: 'follow', headers: { accept } });
    } catch (e) {
      return failure(e, controller.signal, opts);
    }
    if (res.status < 200 || res.status > 299) {
      await res.body?.cancel().catch(() => undefined);
      return { status: res.status, body: null };
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > max) {
      await res.body?.cancel().catch(() => undefined);
      throw new LockpaneError('too-large', `The server's answer (${declared} bytes) is larger than the ${max}-byte limit.`);
    }
    return { status: res.status, body: res.body ? await readAtMost(res.body, max) : new Uint8Array(0) };
  } catch (e) {
    if (e instanceof LockpaneError) throw e;
    return failure(e, controller.signal, opts);
  } finally {
    clearTimeout(timer);
  }
}

function failure(e: unknown, signal: AbortSignal, opts: HttpOptions): NetworkFailure {
  if (signal.aborted) return { status: 'timeout', detail: `no answer within ${Math.round((opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s` };
  return { status: 'network-error', detail: e instanceof Error ? e.message : String(e) };
}

async function readAtMost(stream: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new LockpaneError('too-large', `The server's answer is larger than the ${max}-byte limit.`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}

/** Plain HTTP is accepted only for loopback (tests, local development); everything else must be HTTPS. */
export function checkServerUrl(base: string): URL {
  let url: URL;
  try { url = new URL(base); } catch (e) { throw new LockpaneError('bad-data', `Not a server URL: ${base}`, { cause: e }); }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new LockpaneError('unsupported-option', 'Key servers must be reached over HTTPS.');
  }
  return url;
}
