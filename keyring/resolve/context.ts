/** Builds the ResolveContext from a loaded KeyringStore and chain statuses computed beforehand. */
import type { KeyringStore } from '../store/keyring-store';
import type { ChainStatus } from '../trust/chain-validator';
import type { ResolveContext } from './types';

export function resolveContextOf(store: KeyringStore, chains: ReadonlyMap<string, ChainStatus>, now: Date): ResolveContext {
  return {
    findByEmail: (email) => store.findByEmail(email),
    acceptanceOf: (fp) => store.acceptanceOf(fp),
    chainStatus: (fp) => chains.get(fp),
    conflicts: store.conflicts(),
    now,
  };
}
