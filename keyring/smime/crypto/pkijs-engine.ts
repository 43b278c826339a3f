/**
 * pkijs with its crypto engine set explicitly from `globalThis.crypto` (WebCrypto in Node 20 and in
 * the MV3 worker alike), instead of letting pkijs guess from `self`/`window`. Every use of pkijs in
 * the S/MIME core calls `pkijsReady()` first, so the engine is always ours. Named imports only, so
 * the bundler can leave out the parts of pkijs we do not use.
 */
import { CryptoEngine, setEngine } from 'pkijs';
import { LockpaneError } from '../../errors';

let installed = false;

export function pkijsReady(): void {
  if (!installed) {
    const c = (globalThis as { crypto?: Crypto }).crypto;
    if (c?.subtle === undefined) throw new LockpaneError('unsupported-algorithm', 'WebCrypto is not available here');
    setEngine('lockpane-webcrypto', new CryptoEngine({ name: 'lockpane-webcrypto', crypto: c }));
    installed = true;
  }
}
