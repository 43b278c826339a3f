/**
 * pkijs with its crypto engine set explicitly from `globalThis.crypto` (WebCrypto in Node 20 and in
 * the MV3 worker alike), instead of letting pkijs guess from `self`/`window`. Every use of pkijs in
 * the S/MIME core goes through `pkijsReady()`, so the engine is always ours.
 */
import * as pkijs from 'pkijs';
import { LockpaneError } from '../../errors';

let installed = false;

export function pkijsReady(): typeof pkijs {
  if (!installed) {
    const c = (globalThis as { crypto?: Crypto }).crypto;
    if (c?.subtle === undefined) throw new LockpaneError('unsupported-algorithm', 'WebCrypto is not available here');
    pkijs.setEngine('lockpane-webcrypto', new pkijs.CryptoEngine({ name: 'lockpane-webcrypto', crypto: c }));
    installed = true;
  }
  return pkijs;
}
