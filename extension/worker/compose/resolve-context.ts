/** Builds the keyring's ResolveContext from the store; own keys count as verified. */
import { resolveContextOf } from '../../../keyring/resolve/context';
import type { ResolveContext } from '../../../keyring/resolve/types';
import type { KeyringStore } from '../../../keyring/store/keyring-store';
import type { ChainStatus } from '../../../keyring/trust/chain-validator';

/** `chains`: X.509 chain status per certificate (smime-service.ts); a certificate missing from it is untrusted. */
export function resolveContext(store: KeyringStore, chains: ReadonlyMap<string, ChainStatus> = new Map(), now = new Date()): ResolveContext {
  const context = resolveContextOf(store, chains, now);
  return { ...context, acceptanceOf: (fp) => (store.getOpenPgp(fp)?.privateArmored ? 'verified' : context.acceptanceOf(fp)) };
}
