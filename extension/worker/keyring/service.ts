/**
 * The worker's keyring service: one KeyringStore over storage.local, opened once per worker start, plus
 * the unlock cache. Handlers call this; nothing here knows about senders or messages.
 */
import { LockpaneError } from '../../../keyring/errors';
import { exportKey, generateKey, readKey, type PgpPrivateKey } from '../../../keyring/pgp';
import { parseCertificate, readPrivateKeys, type SmimeIdentity } from '../../../keyring/smime';
import type { StorageBackend } from '../../../keyring/store/backend';
import type { CertificateEntry, Entry, OpenPgpEntry } from '../../../keyring/store/entry';
import { certificateDer } from '../../../keyring/store/facts-x509';
import { openPgpEntryFromKey } from '../../../keyring/store/facts-openpgp';
import { KeyringStore, type KeyringStoreOptions } from '../../../keyring/store/keyring-store';
import type { AcceptanceEvent } from '../../../keyring/trust/acceptance';
import type { ChainStatus } from '../../../keyring/trust/chain-validator';
import type { KeySummary } from '../../shared/key-summary';
import type { KeyValueArea } from '../kv';
import { parseImport, type ImportInput } from './import-parse';
import { createSignerKeys, type ParseKey } from './signer-keys';
import { summarize } from './summaries';
import { timed } from '../worker-timing';
import { createUnlockCache } from './unlock-cache';

export type ImportPreviewItem = KeySummary & { alreadyKnown: boolean; replacesFor: string[] };

type OwnCertificate = CertificateEntry & { privateKey: NonNullable<CertificateEntry['privateKey']> };
const isOwnCertificate = (e: Entry): e is OwnCertificate => e.kind === 'x509' && e.privateKey !== undefined;

/** Test builds lower the S/MIME envelope's PBKDF2 cost; the store's minimum must allow it. */
export type KeyringServiceOptions = {
  store?: KeyringStoreOptions; envelopeIterations?: number;
  /**
   * Path verdicts for certificate summaries: the S/MIME service's cached evaluation of the keyring's
   * certificates, plus any not stored yet (an import preview). Without it, summaries carry no chain verdict.
   */
  chains?: (certificates: readonly CertificateEntry[]) => Promise<Map<string, ChainStatus>>;
  /** How signer keys are parsed (tests count the calls); readKey by default. */
  parseKey?: ParseKey;
};

export function createKeyringService(backend: StorageBackend, session: KeyValueArea, opts: KeyringServiceOptions = {}) {
  let opening: Promise<KeyringStore> | null = null;
  const unlocks = createUnlockCache(session);
  const store = (): Promise<KeyringStore> => (opening ??= timed('lp:store-open', () => KeyringStore.open(backend, opts.store)));
  const parse = (input: ImportInput) => parseImport(input, { envelopeIterations: opts.envelopeIterations });
  const signerKeys = createSignerKeys(store, opts.parseKey);

  /** An S/MIME identity from an unlocked certificate key, with the CA certificates that issued it. */
  async function identityOf(s: KeyringStore, e: OwnCertificate, pkcs8: Uint8Array): Promise<SmimeIdentity> {
    const [key] = await readPrivateKeys(pkcs8, undefined);
    if (!key) throw new LockpaneError('key-invalid', 'The stored private key could not be read.');
    const chain = s.list()
      .filter((c): c is CertificateEntry => c.kind === 'x509' && c.facts.isCa && c.facts.subject === e.facts.issuer && !c.facts.selfSigned)
      .map((c) => parseCertificate(certificateDer(c.certificatePem)));
    return { key, certificate: parseCertificate(certificateDer(e.certificatePem)), chain };
  }

  /** Chain verdicts for the given certificates, from the one place that evaluates them (opts.chains). */
  async function chainsOf(entries: readonly Entry[]): Promise<Map<string, ChainStatus>> {
    const certs = entries.filter((e): e is CertificateEntry => e.kind === 'x509' && !e.facts.isCa);
    if (!opts.chains || certs.length === 0) return new Map();
    return opts.chains(certs);
  }

  async function summaryOf(s: KeyringStore, entry: Entry, chains?: Map<string, ChainStatus>): Promise<KeySummary> {
    const acceptance = entry.kind === 'openpgp' && entry.privateArmored ? 'verified' : s.acceptanceOf(entry.fingerprint);
    const summary = summarize(entry, acceptance, unlocks.isUnlocked(entry.fingerprint));
    if (entry.kind !== 'x509' || entry.facts.isCa) return summary;
    const chain = (chains ?? await chainsOf([entry])).get(entry.fingerprint);
    return chain ? { ...summary, chain: chain.status } : summary;
  }

  function ownOpenPgp(s: KeyringStore, fingerprint: string): OpenPgpEntry & { privateArmored: string } {
    const entry = s.getOpenPgp(fingerprint);
    if (!entry?.privateArmored) throw new LockpaneError('not-found', 'No private key with this fingerprint is in your keyring.');
    return entry as OpenPgpEntry & { privateArmored: string };
  }

  return {
    store,
    unlocks,
    /** Public keys for the signer key IDs a message names, parsed once and cached (signer-keys.ts). */
    signerKeys,

    async list(query = ''): Promise<KeySummary[]> {
      const s = await store();
      const q = query.trim().toLowerCase();
      const entries = q.includes('@') ? s.findByEmail(q) : s.list();
      const chains = await chainsOf(entries);
      const out = await Promise.all(entries.map((e) => summaryOf(s, e, chains)));
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
      const entries = await parse(input);
      return Promise.all(entries.map(async (entry) => {
        const known = s.get(entry.kind, entry.fingerprint);
        const others = entry.emails.filter((email) => s.findByEmail(email).some((e) => e.kind === entry.kind && e.fingerprint !== entry.fingerprint));
        return { ...(await summaryOf(s, known ?? entry)), alreadyKnown: known !== undefined, replacesFor: others };
      }));
    },

    async import(input: ImportInput, source: string) {
      const s = await store();
      const entries = await parse(input);
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
      const s = await store();
      const cert = s.getCertificate(fingerprint);
      if (cert && isOwnCertificate(cert)) {
        await unlocks.unlockCertificate(cert.fingerprint, cert.privateKey, passphrase);
        return;
      }
      const entry = ownOpenPgp(s, fingerprint);
      await unlocks.unlock(entry.fingerprint, entry.privateArmored, passphrase);
    },

    /** Own S/MIME identities (certificate + private key) unlocked now, from memory or the session mirror. */
    async unlockedOwnCertificates(): Promise<SmimeIdentity[]> {
      const s = await store();
      const out: SmimeIdentity[] = [];
      for (const e of s.list()) {
        if (!isOwnCertificate(e)) continue;
        const pkcs8 = await unlocks.getCertificate(e.fingerprint, e.privateKey);
        if (pkcs8) out.push(await identityOf(s, e, pkcs8));
      }
      return out;
    },

    /** Own certificates with a private key that is locked (what the S/MIME passphrase prompt offers). */
    async lockedOwnCertificates(): Promise<KeySummary[]> {
      const s = await store();
      const locked: KeySummary[] = [];
      for (const e of s.list()) {
        if (isOwnCertificate(e) && !(await unlocks.getCertificate(e.fingerprint, e.privateKey))) locked.push(await summaryOf(s, e));
      }
      return locked;
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

    /**
     * Re-opens, ahead of use, the own keys and certificates the session mirror still holds (after a worker
     * restart the passphrase derivation costs ~100 ms per key): called when a reader is about to ask for
     * decryption, so the press on Decrypt finds them open. Never throws; nothing is unlocked that was not.
     */
    async warmUp(): Promise<void> {
      await this.unlockedOwnKeys().catch(() => undefined);
      await this.unlockedOwnCertificates().catch(() => undefined);
    },

    /**
     * Own keys that hold a private part but are locked: what the passphrase prompt offers. With `keyIds`
     * (a message's recipients), the keys that can decrypt it come first.
     */
    async lockedOwnKeys(keyIds: readonly string[] = []): Promise<KeySummary[]> {
      const s = await store();
      const own = s.list().filter((e): e is OpenPgpEntry => e.kind === 'openpgp' && e.privateArmored !== undefined);
      const ids = new Set(keyIds.map((k) => k.toUpperCase()));
      const matches = (e: OpenPgpEntry) => [e.fingerprint, ...e.facts.subkeys.map((k) => k.fingerprint)]
        .some((fp) => ids.has(fp.toUpperCase().slice(-16)) || ids.has(fp.toUpperCase().slice(0, 16)));
      const locked = [];
      for (const e of own) if (!(await unlocks.get(e.fingerprint, e.privateArmored!))) locked.push(e);
      locked.sort((a, b) => Number(matches(b)) - Number(matches(a)));
      const relevant = ids.size > 0 && locked.some(matches) ? locked.filter(matches) : locked;
      return Promise.all(relevant.map((e) => summaryOf(s, e)));
    },
  };
}

export type KeyringService = ReturnType<typeof createKeyringService>;
