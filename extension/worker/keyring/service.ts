/**
 * The worker's keyring service: one KeyringStore over storage.local, opened once per worker start, plus
 * the unlock cache. Handlers call this; nothing here knows about senders or messages.
 */
import { LockpaneError } from '../../../keyring/errors';
import { exportKey, generateKey, readKey, type PgpPrivateKey } from '../../../keyring/pgp';
import type { StorageBackend } from '../../../keyring/store/backend';
import type { Entry, OpenPgpEntry } from '../../../keyring/store/entry';
import { openPgpEntryFromKey } from '../../../keyring/store/facts-openpgp';
import { KeyringStore } from '../../../keyring/store/keyring-store';
import type { AcceptanceEvent } from '../../../keyring/trust/acceptance';
import type { KeySummary } from '../../shared/key-summary';
import type { KeyValueArea } from '../kv';
import { parseImport, type ImportInput } from './import-parse';
import { summarize } from './summaries';
import { createUnlockCache } from './unlock-cache';

export type ImportPreviewItem = KeySummary & { alreadyKnown: boolean; replacesFor: string[] };

export function createKeyringService(backend: StorageBackend, session: KeyValueArea) {
  let opening: Promise<KeyringStore> | null = null;
  const unlocks = createUnlockCache(session);
  const store = (): Promise<KeyringStore> => (opening ??= KeyringStore.open(backend));

  async function summaryOf(s: KeyringStore, entry: Entry): Promise<KeySummary> {
    const acceptance = entry.kind === 'openpgp' && entry.privateArmored ? 'verified' : s.acceptanceOf(entry.fingerprint);
    return summarize(entry, acceptance, unlocks.isUnlocked(entry.fingerprint));
  }

  function ownOpenPgp(s: KeyringStore, fingerprint: string): OpenPgpEntry & { privateArmored: string } {
    const entry = s.getOpenPgp(fingerprint);
    if (!entry?.privateArmored) throw new LockpaneError('not-found', 'No private key with this fingerprint is in your keyring.');
    return entry as OpenPgpEntry & { privateArmored: string };
  }

  return {
    store,
    unlocks,

    async list(query = ''): Promise<KeySummary[]> {
      const s = await store();
      const q = query.trim().toLowerCase();
      const entries = q.includes('@') ? s.findByEmail(q) : s.list();
      const out = await Promise.all(entries.map((e) => summaryOf(s, e)));
      return out.filter((k) => !q || q.includes('@') || k.fingerprint.toLowerCase().includes(q)
        || k.emails.some((m) => m.includes(q)) || k.names.some((n) => n.toLowerCase().includes(q)));
    },

    async generate(opts: { name: string; email: string; passphrase: string; algorithm: 'curve25519' | 'rsa3072' | 'rsa4096' }) {
      const s = await store();
      const generated = await generateKey({
        userIDs: [{ name: opts.name, email: opts.email }], passphrase: opts.passphrase, algorithm: opts.algorithm,
      });
      const entry = await openPgpEntryFromKey(await readKey(generated.privateKeyArmored));
      await s.importEntry(entry, 'generated');
      await s.setAcceptance(entry.fingerprint, 'verify');
      return { key: await summaryOf(s, entry), revocationCertificate: generated.revocationCertificate };
    },

    async preview(input: ImportInput): Promise<ImportPreviewItem[]> {
      const s = await store();
      const entries = await parseImport(input);
      return Promise.all(entries.map(async (entry) => {
        const known = s.get(entry.kind, entry.fingerprint);
        const others = entry.emails.filter((email) => s.findByEmail(email).some((e) => e.kind === entry.kind && e.fingerprint !== entry.fingerprint));
        return { ...(await summaryOf(s, known ?? entry)), alreadyKnown: known !== undefined, replacesFor: others };
      }));
    },

    async import(input: ImportInput, source: string) {
      const s = await store();
      const entries = await parseImport(input);
      const results = [];
      for (const entry of entries) {
        const r = await s.importEntry(entry, source);
        results.push({ key: await summaryOf(s, r.entry), conflicts: r.conflicts.map((c) => ({ email: c.email, known: c.known, candidate: c.candidate })) });
      }
      return results;
    },

    async exportPublic(fingerprint: string): Promise<string> {
      const s = await store();
      const entry = s.getOpenPgp(fingerprint) ?? s.getCertificate(fingerprint);
      if (!entry) throw new LockpaneError('not-found', 'No key or certificate with this fingerprint is in your keyring.');
      return entry.kind === 'openpgp' ? entry.publicArmored : entry.certificatePem;
    },

    /** Export of a private key: only after the passphrase proves the user holds it; stays protected. */
    async exportPrivate(fingerprint: string, passphrase: string): Promise<string> {
      const entry = ownOpenPgp(await store(), fingerprint);
      await unlocks.unlock(entry.fingerprint, entry.privateArmored, passphrase);
      return exportKey(await readKey(entry.privateArmored), { armor: true, secret: true });
    },

    async remove(kind: 'openpgp' | 'x509', fingerprint: string): Promise<boolean> {
      return (await store()).removeEntry(kind, fingerprint);
    },

    async setAcceptance(fingerprint: string, event: AcceptanceEvent) {
      return (await store()).setAcceptance(fingerprint, event);
    },

    async unlock(fingerprint: string, passphrase: string): Promise<void> {
      const entry = ownOpenPgp(await store(), fingerprint);
      await unlocks.unlock(entry.fingerprint, entry.privateArmored, passphrase);
    },

    /** Every own OpenPGP key that is unlocked now (after a restart, from the session mirror). */
    async unlockedOwnKeys(): Promise<PgpPrivateKey[]> {
      const s = await store();
      const out: PgpPrivateKey[] = [];
      for (const e of s.list()) {
        if (e.kind !== 'openpgp' || !e.privateArmored) continue;
        const key = await unlocks.get(e.fingerprint, e.privateArmored);
        if (key) out.push(key);
      }
      return out;
    },

    /** Own keys that hold a private part but are locked: what the passphrase prompt offers. */
    async lockedOwnKeys(): Promise<KeySummary[]> {
      const s = await store();
      const own = s.list().filter((e): e is OpenPgpEntry => e.kind === 'openpgp' && e.privateArmored !== undefined);
      const locked = [];
      for (const e of own) if (!(await unlocks.get(e.fingerprint, e.privateArmored!))) locked.push(await summaryOf(s, e));
      return locked;
    },
  };
}

export type KeyringService = ReturnType<typeof createKeyringService>;
