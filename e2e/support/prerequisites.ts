/**
 * What a spec needs from the machine (root, Debian, a peer such as Firefox, a build). One rule for all:
 * outside CI a missing prerequisite skips the spec and says what to install or run; under CI=true it
 * fails the spec, because there a missing peer means a broken CI, never a test to leave out.
 */
import { test } from './fixtures';

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
export const underCi = process.env.CI === 'true';

/** `missing`: what is missing and how to get it, or null when everything is there. Call in beforeAll. */
export function requireOrSkip(missing: string | null): void {
  if (missing === null) return;
  if (underCi) throw new Error(`${missing} (CI=true: a missing prerequisite fails the spec)`);
  test.skip(true, `${missing}: skipped outside CI`);
}
