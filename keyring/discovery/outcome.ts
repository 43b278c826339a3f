/**
 * What one discovery source (the WKD of the address's domain, or one key server) answered, in words the
 * worker can turn into a typed error: a lookup that finds nothing must say why (nothing there, no
 * answer, a broken answer, too big), not just "not found".
 */
import { LockpaneError } from '../errors';

export type SourceFailure = 'unreachable' | 'timeout' | 'bad-response' | 'too-large';
export type SourceResult = 'found' | 'not-found' | SourceFailure;

export type SourceOutcome = { source: 'wkd' | 'vks'; server: string; result: SourceResult; detail: string };

/** A discovery failure that keeps its kind; its code stays one of the core's stable codes. */
export class DiscoveryError extends LockpaneError {
  constructor(readonly failure: SourceFailure, message: string, options?: { cause?: unknown }) {
    super(failure === 'too-large' ? 'too-large' : failure === 'bad-response' ? 'bad-data' : 'not-found', message, options);
  }
}

const severity: Record<SourceResult, number> = { found: 0, 'not-found': 1, unreachable: 2, timeout: 3, 'bad-response': 4, 'too-large': 5 };

/**
 * Why a lookup found nothing: 'not-found' only when every source answered that it has no key;
 * otherwise the most telling failure (an oversized or broken answer beats silence).
 */
export function overallFailure(outcomes: readonly SourceOutcome[]): Exclude<SourceResult, 'found'> {
  let worst: Exclude<SourceResult, 'found'> = 'not-found';
  for (const o of outcomes) if (o.result !== 'found' && severity[o.result] > severity[worst]) worst = o.result;
  return worst;
}
