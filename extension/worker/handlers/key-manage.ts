/**
 * Own-key maintenance from the options page: change the passphrase, revoke, and set the expiry. Both prove the passphrase
 * first (the core unlocks the key), and neither ever hands secret material to the page. Each change is computed from the
 * stored entry inside the store's write (updateEntry), so a change made meanwhile in another context (a second options
 * page) is built upon, never overwritten.
 */
import * as openpgp from 'openpgp';
import { LockpaneError } from '../../../keyring/errors';
import { changePassphrase, exportKey, readKey, revokeKey, unlockKey, type RevocationReason } from '../../../keyring/pgp';
import type { Entry, OpenPgpEntry } from '../../../keyring/store/entry';
import { openPgpEntryFromKey } from '../../../keyring/store/facts-openpgp';
import type { KeyringStore } from '../../../keyring/store/keyring-store';
import type { KeySummary } from '../../shared/key-summary';
import type { KeyringService } from '../keyring/service';
import type { HandlerMap } from '../router';
import type { Services } from '../services';

type OwnEntry = OpenPgpEntry & { privateArmored: string };

function asOwn(entry: Entry | undefined): OwnEntry {
  if (entry?.kind !== 'openpgp' || !entry.privateArmored) throw new LockpaneError('not-found', 'No private key with this fingerprint is in your keyring.');
  return entry as OwnEntry;
}

function ownEntry(s: KeyringStore, fingerprint: string): OwnEntry {
  return asOwn(s.getOpenPgp(fingerprint));
}

/** Rewrites one own key from its current stored version (run again if another context changed it first). */
function updateOwn(s: KeyringStore, fingerprint: string, change: (current: OwnEntry) => Promise<Entry>): Promise<Entry> {
  return s.updateEntry('openpgp', ownEntry(s, fingerprint).fingerprint, (cur) => change(asOwn(cur)));
}

async function summaryOf(k: KeyringService, fingerprint: string): Promise<KeySummary> {
  const found = (await k.list()).find((x) => x.kind === 'openpgp' && x.fingerprint === fingerprint);
  if (!found) throw new LockpaneError('internal', 'The key disappeared while it was being changed.');
  return found;
}

/** Replaces the stored secret key of one entry (one atomic write of that entry; no merge, which would keep the old secret part). */
export async function replacePrivate(s: KeyringStore, fingerprint: string, privateArmored: string): Promise<void> {
  await updateOwn(s, fingerprint, async (entry) => ({ ...entry, privateArmored }));
}

/**
 * New expiry: every self-signature is made again (openpgp.js reformatKey) with the new lifetime; key
 * material and fingerprint stay; the user IDs are kept and openpgp.js keeps each subkey's role. The new public and secret
 * parts replace the stored ones (a merge could keep an older signature with the old date).
 */
async function withExpiry(entry: OwnEntry, passphrase: string, days: number): Promise<Entry> {
  // The stored public part carries a revocation (the secret part may not): never let a new expiry undo it.
  if (entry.facts.revoked || await (await readKey(entry.publicArmored)).isRevoked()) {
    throw new LockpaneError('key-revoked', 'A revoked key cannot be given a new expiry.');
  }
  const unlocked = await unlockKey(await readKey(entry.privateArmored), passphrase);
  const userIDs = unlocked.users.flatMap((u) => (u.userID ? [{ name: u.userID.name, email: u.userID.email, comment: u.userID.comment }] : []));
  let reformatted;
  try {
    ({ privateKey: reformatted } = await openpgp.reformatKey({
      privateKey: unlocked, userIDs, passphrase, keyExpirationTime: days * 86_400, format: 'object',
    }));
  } catch (e) {
    throw new LockpaneError('unsupported-option', 'This key cannot be given a new expiry here.', { cause: e });
  }
  const next = await openPgpEntryFromKey(reformatted);
  if (next.fingerprint !== entry.fingerprint) throw new LockpaneError('internal', 'The key changed its fingerprint while its expiry was set.');
  return next;
}

export function keyManageHandlers(services: Services): Pick<HandlerMap, 'keys.changePassphrase' | 'keys.revoke' | 'keys.setExpiry'> {
  const k = services.keyring;
  return {
    'keys.changePassphrase': async (req) => {
      const s = await k.store();
      const next = await updateOwn(s, req.fingerprint, async (entry) => {
        const changed = await changePassphrase(await readKey(entry.privateArmored), req.passphrase, req.newPassphrase);
        return { ...entry, privateArmored: exportKey(changed, { armor: true, secret: true }) };
      });
      return { key: await summaryOf(k, next.fingerprint) };
    },
    'keys.revoke': async (req) => {
      const s = await k.store();
      let armored = '';
      const next = await updateOwn(s, req.fingerprint, async (entry) => {
        // Unlocked only for this signature, not put into the unlock cache.
        const unlocked = await unlockKey(await readKey(entry.privateArmored), req.passphrase);
        const revoked = await revokeKey(unlocked, (req.reason ?? 'no-reason') as RevocationReason);
        armored = exportKey(revoked, { armor: true });
        // Both stored copies carry the revocation, so a later private export (or backup) is revoked too; the
        // secret part is the stored, still-protected one with the revocation signature merged in.
        const lockedWithRevocation = await (await readKey(entry.privateArmored)).update(revoked.toPublic());
        const merged = await openPgpEntryFromKey(revoked.toPublic());
        return { ...merged, privateArmored: exportKey(lockedWithRevocation, { armor: true, secret: true }) };
      });
      return { key: await summaryOf(k, next.fingerprint), armored };
    },
    'keys.setExpiry': async (req) => {
      const s = await k.store();
      const next = await updateOwn(s, req.fingerprint, (entry) => withExpiry(entry, req.passphrase, req.days));
      return { key: await summaryOf(k, next.fingerprint) };
    },
  };
}
