/** Builds the keyring's ResolveContext from the store; own keys count as verified. */
import type { KeyringStore } from '../../../keyring/store/keyring-store';
import type { ResolveContext } from '../../../keyring/resolve/types';
import type { ChainStatus } from '../../../keyring/trust/chain-validator';

/** `chains`: X.509 chain status per certificate (smime-service.ts); a certificate missing from it is untrusted. */
export function resolveContext(store: KeyringStore, chains: ReadonlyMap<string, ChainStatus> = new Map(), now = new Date()): ResolveContext {
  return {
    findByEmail: (email) => store.findByEmail(email),
    acceptanceOf: (fp) => (store.getOpenPgp(fp)?.privateArmored ? 'verified' : store.acceptanceOf(fp)),
    chainStatus: (fp) => chains.get(fp),
    conflicts: store.conflicts(),
    now,
  };
}
