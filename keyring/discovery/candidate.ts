/**
 * Discovered keys are candidates: shown to the user, imported (and then subject to the key-change
 * rules of the store) only when accepted. Never trusted here.
 */
import { LockpaneError } from '../errors';
import type { OpenPgpEntry } from '../store/entry';
import { normalizeEmail } from '../store/entry';
import { openPgpEntryFromKey, readOpenPgpKeys } from '../store/facts-openpgp';

export type CandidateSource = 'wkd-advanced' | 'wkd-direct' | 'vks' | 'autocrypt' | 'attachment';

export type KeyCandidate = {
  source: CandidateSource;
  /** Where it came from (URL), or the message's From address for Autocrypt. */
  origin: string;
  /** The entry to pass to KeyringStore.importEntry if the user accepts. */
  entry: OpenPgpEntry;
};

/**
 * Parses the keys of a response. Only public parts are kept; when `email` is given, keys that do
 * not bind it (with a valid self-signature) are dropped.
 */
export async function candidatesFrom(data: Uint8Array, source: CandidateSource, origin: string, email: string | null, now = new Date()): Promise<KeyCandidate[]> {
  const keys = await readOpenPgpKeys(data);
  const out: KeyCandidate[] = [];
  for (const key of keys) {
    const entry = await openPgpEntryFromKey(key.isPrivate() ? key.toPublic() : key, now);
    if (email !== null && !entry.emails.includes(normalizeEmail(email))) continue;
    out.push({ source, origin, entry });
  }
  return out;
}

export function splitAddress(email: string): { local: string; domain: string } {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at).trim();
  const domain = email.slice(at + 1).trim().toLowerCase();
  if (at <= 0 || local.length === 0 || !/^[a-z0-9.-]+\.[a-z0-9-]+$|^[a-z0-9-]+$/.test(domain) || domain.includes('..')) {
    throw new LockpaneError('bad-data', `Not an email address: ${email}`);
  }
  return { local, domain };
}
