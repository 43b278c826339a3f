/** Builds the keyring's ResolveContext from the store; own keys count as verified. */
import type { KeyringStore } from '../../../keyring/store/keyring-store';
import type { ResolveContext } from '../../../keyring/resolve/types';

export function resolveContext(store: KeyringStore, now = new Date()): ResolveContext {
  return {
    findByEmail: (email) => store.findByEmail(email),
    acceptanceOf: (fp) => (store.getOpenPgp(fp)?.privateArmored ? 'verified' : store.acceptanceOf(fp)),
    // X.509 chain status arrives with the S/MIME integration; until then certificates count as untrusted.
    chainStatus: () => undefined,
    conflicts: store.conflicts(),
    now,
  };
}
