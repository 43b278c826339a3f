/**
 * The keyring store: entries (OpenPGP keys, X.509 certificates), OpenPGP acceptance, key-change
 * conflicts and X.509 trust roots, over an injected StorageBackend.
 *
 * Storage layout (one record per key, see record.ts):
 *   lp/meta                    {"schema": N}
 *   lp/e/openpgp:<FPR>         entry            lp/e/x509:<SHA256>   entry
 *   lp/a/<email>               address guard: the entry ids binding the address
 *   lp/t/<FPR>                 trust record (OpenPGP acceptance)
 *   lp/c/<kind>:<email>:<FPR>  open conflict
 *   lp/r/<SHA256>              X.509 trust root
 *   lp/q/<key>@<time>          a quarantined corrupt record, verbatim
 *
 * Concurrency: every mutation is a plan computed from the in-memory cache and committed by one
 * multi-key compare-and-set; when another context wrote first, the conflicting keys are re-read
 * and the plan recomputed, so two writers never lose each other's writes. Every entry write also
 * rewrites the address guards of the addresses it binds, so two contexts importing different keys
 * for one address collide on the guard and the second one sees the first (key-change detection
 * cannot be bypassed by a race).
 */
import { LockpaneError, toLockpaneError } from '../errors';
import { isAccepted, nextAcceptance, type Acceptance, type AcceptanceEvent } from '../trust/acceptance';
import { detectConflicts, type KnownBinding } from '../trust/conflict';
import type { ConflictRecord, TrustRecord, TrustRoot } from '../trust/types';
import type { StorageBackend } from './backend';
import { RecordCollection, QUARANTINE_PREFIX, type Prepared, type QuarantineNote } from './collection';
import {
  entryId, normalizeEmail, normalizeFingerprint, type CertificateEntry, type Entry, type EntryId, type EntryKind, type OpenPgpEntry,
} from './entry';
import { assertProtectedSecretKey, fingerprintOfArmored, mergeOpenPgpEntries } from './facts-openpgp';
import { certificateDer, certificatePem, describeCertificate, sha256Fingerprint } from './facts-x509';
import { CURRENT_SCHEMA, MIGRATIONS, targetSchema, type Migration } from './migrations';
import { assertEnvelope, DEFAULT_PBKDF2_ITERATIONS } from './private-key-envelope';
import { validateAddress, validateConflict, validateEntry, validateRoot, validateTrust, type AddressRecord } from './validate';

export const META_KEY = 'lp/meta';

/** The schema number in the meta record; 0 when absent or unreadable. */
function storedSchema(raw: string | undefined): number {
  if (raw === undefined) return 0;
  try {
    return Number((JSON.parse(raw) as { schema?: unknown }).schema) || 0;
  } catch {
    return 0;
  }
}

export type KeyringStoreOptions = {
  migrations?: readonly Migration[];
  /** Minimum PBKDF2 iterations accepted in an X.509 private-key envelope (tests lower it). */
  minKdfIterations?: number;
  now?: () => Date;
  /** Re-parse key material on write to check fingerprints (off only for synthetic bulk tests). */
  verifyMaterial?: boolean;
  maxRetries?: number;
};

export type StoreHealth = {
  ok: boolean;
  schema: number;
  entries: number;
  quarantined: QuarantineNote[];
  /** Records left in storage but not used (newer schema, or corrupt and not movable). */
  unreadable: { key: string; reason: string }[];
};

/** Everything a backup holds and a restore writes back. Policy roots are not user data. */
export type KeyringSnapshot = {
  entries: Entry[];
  trust: TrustRecord[];
  conflicts: ConflictRecord[];
  roots: TrustRoot[];
};

export type ImportResult = { entry: Entry; acceptance: Acceptance | null; conflicts: ConflictRecord[] };

export type ConflictDecision = {
  /** What happens to the newcomer. */
  candidate: Extract<AcceptanceEvent, 'seen' | 'verify' | 'reject'>;
  /** Reject the previously known keys for the address (OpenPGP only). */
  retireKnown?: boolean;
};

type Plan<R> = { writes: Prepared[]; result: R };

export class KeyringStore {
  /** Work counters, so tests can show lookups are indexed (assert on work, not on time). */
  readonly stats = { lookups: 0, entriesExamined: 0, casAttempts: 0, casConflicts: 0 };

  private readonly entries: RecordCollection<Entry>;
  private readonly addresses: RecordCollection<AddressRecord>;
  private readonly trust: RecordCollection<TrustRecord>;
  private readonly conflictsCol: RecordCollection<ConflictRecord>;
  private readonly rootsCol: RecordCollection<TrustRoot>;
  private readonly all: RecordCollection<unknown>[];
  private readonly byEmail = new Map<string, Set<EntryId>>();
  private readonly quarantined: QuarantineNote[] = [];
  private readonly now: () => Date;
  private readonly minKdfIterations: number;
  private readonly verifyMaterial: boolean;
  private readonly maxRetries: number;
  private readonly schema: number;
  private unwatch: (() => void) | undefined;
  private writeQueue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly backend: StorageBackend, opts: KeyringStoreOptions) {
    const migrations = opts.migrations ?? MIGRATIONS;
    this.schema = targetSchema(migrations);
    this.now = opts.now ?? (() => new Date());
    this.minKdfIterations = opts.minKdfIterations ?? DEFAULT_PBKDF2_ITERATIONS;
    this.verifyMaterial = opts.verifyMaterial ?? true;
    this.maxRetries = opts.maxRetries ?? 16;
    const base = { migrations, target: this.schema, now: this.now, onQuarantine: (n: QuarantineNote) => this.quarantined.push(n) };
    this.entries = new RecordCollection<Entry>(backend, 'entry', 'lp/e/', validateEntry, {
      ...base, onChange: (id, before, after) => this.reindex(id as EntryId, before, after),
    });
    this.addresses = new RecordCollection(backend, 'address', 'lp/a/', validateAddress, base);
    this.trust = new RecordCollection(backend, 'trust', 'lp/t/', validateTrust, base);
    this.conflictsCol = new RecordCollection(backend, 'conflict', 'lp/c/', validateConflict, base);
    this.rootsCol = new RecordCollection(backend, 'root', 'lp/r/', validateRoot, base);
    this.all = [this.entries, this.addresses, this.trust, this.conflictsCol, this.rootsCol] as RecordCollection<unknown>[];
  }

  /** Loads everything (one list() per prefix), migrates, quarantines what is corrupt, starts watching. */
  static async open(backend: StorageBackend, opts: KeyringStoreOptions = {}): Promise<KeyringStore> {
    const store = new KeyringStore(backend, opts);
    try {
      for (const c of store.all) await c.load();
      const past = await backend.list(QUARANTINE_PREFIX);
      for (const [qKey, raw] of past) {
        if (store.quarantined.some((n) => n.quarantineKey === qKey)) continue;
        let note: { key?: unknown; reason?: unknown; at?: unknown } = {};
        try { note = JSON.parse(raw) as typeof note; } catch { /* still reported, by its storage key */ }
        store.quarantined.push({
          key: typeof note.key === 'string' ? note.key : qKey,
          reason: typeof note.reason === 'string' ? note.reason : 'unknown',
          at: typeof note.at === 'string' ? note.at : '',
          quarantineKey: qKey,
        });
      }
      await store.writeMeta();
    } catch (e) {
      throw toLockpaneError(e, 'internal', 'The keyring storage could not be read.');
    }
    if (backend.watch) {
      store.unwatch = backend.watch((keys) => {
        for (const key of keys) {
          const c = store.all.find((col) => col.owns(key));
          if (c) void c.refresh(key).catch(() => undefined);
        }
      });
    }
    return store;
  }

  close(): void {
    this.unwatch?.();
    this.unwatch = undefined;
  }

  private async writeMeta(): Promise<void> {
    const raw = await this.backend.get(META_KEY);
    if (storedSchema(raw) >= this.schema) return;
    await this.backend.compareAndSet([{ key: META_KEY, expect: raw, value: JSON.stringify({ schema: this.schema }) }]);
  }

  // ---------------------------------------------------------------- lookups (in memory, indexed)

  get size(): number { return this.entries.size; }

  get(kind: EntryKind, fingerprint: string): Entry | undefined {
    this.stats.lookups++;
    const e = this.entries.get(entryId(kind, fingerprint));
    if (e) this.stats.entriesExamined++;
    return e;
  }

  getOpenPgp(fingerprint: string): OpenPgpEntry | undefined {
    return this.get('openpgp', fingerprint) as OpenPgpEntry | undefined;
  }

  getCertificate(fingerprint: string): CertificateEntry | undefined {
    return this.get('x509', fingerprint) as CertificateEntry | undefined;
  }

  /** Every entry binding `email`, both kinds. */
  findByEmail(email: string): Entry[] {
    this.stats.lookups++;
    const ids = this.byEmail.get(normalizeEmail(email));
    if (!ids) return [];
    const out: Entry[] = [];
    for (const id of ids) {
      const e = this.entries.get(id);
      this.stats.entriesExamined++;
      if (e) out.push(e);
    }
    return out;
  }

  list(): Entry[] { return [...this.entries.values()]; }

  acceptanceOf(fingerprint: string): Acceptance {
    return this.trust.get(normalizeFingerprint(fingerprint))?.acceptance ?? 'undecided';
  }

  trustRecord(fingerprint: string): TrustRecord | undefined {
    return this.trust.get(normalizeFingerprint(fingerprint));
  }

  conflicts(): ConflictRecord[] { return [...this.conflictsCol.values()]; }
  roots(): TrustRoot[] { return [...this.rootsCol.values()]; }

  health(): StoreHealth {
    const unreadable = this.all.flatMap((c) => [...c.unreadable].map(([key, reason]) => ({ key, reason })));
    return {
      ok: this.quarantined.length === 0 && unreadable.length === 0,
      schema: this.schema,
      entries: this.entries.size,
      quarantined: [...this.quarantined],
      unreadable,
    };
  }

  snapshot(): KeyringSnapshot {
    return {
      entries: this.list(),
      trust: [...this.trust.values()],
      conflicts: this.conflicts(),
      roots: this.roots().filter((r) => r.source === 'user'),
    };
  }

  private reindex(id: EntryId, before: Entry | undefined, after: Entry | undefined): void {
    for (const email of before?.emails ?? []) {
      const set = this.byEmail.get(email);
      set?.delete(id);
      if (set && set.size === 0) this.byEmail.delete(email);
    }
    for (const email of after?.emails ?? []) {
      let set = this.byEmail.get(email);
      if (!set) this.byEmail.set(email, (set = new Set()));
      set.add(id);
    }
  }

  // ---------------------------------------------------------------- writes

  /**
   * Runs `plan` against the cache and commits it atomically; on a concurrent change, refreshes and
   * replans. Writes of one instance are queued, so compare-and-set only ever races other contexts.
   */
  private transact<R>(plan: () => Promise<Plan<R>> | Plan<R>): Promise<R> {
    const run = this.writeQueue.then(() => this.attempt(plan));
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  private async attempt<R>(plan: () => Promise<Plan<R>> | Plan<R>): Promise<R> {
    for (let attempt = 0; attempt <= this.maxRetries; attempt++) {
      const { writes, result } = await plan();
      if (writes.length === 0) return result;
      this.stats.casAttempts++;
      let res;
      try {
        res = await this.backend.compareAndSet(writes.map((w) => w.op));
      } catch (e) {
        throw new LockpaneError('internal', 'The keyring storage refused the write; nothing was changed.', { cause: e });
      }
      if (res.ok) {
        for (const w of writes) w.commit();
        return result;
      }
      this.stats.casConflicts++;
      for (const key of res.conflicts) {
        const c = this.all.find((col) => col.owns(key));
        if (!c) continue;
        await c.refresh(key);
        // Another context bound this address: fetch the entries (and their trust) it names.
        if (c === (this.addresses as RecordCollection<unknown>)) {
          for (const id of this.addresses.get(key.slice(c.prefix.length))?.ids ?? []) {
            await this.entries.refresh(this.entries.keyOf(id));
            const fp = id.slice(id.indexOf(':') + 1);
            if (id.startsWith('openpgp:')) await this.trust.refresh(this.trust.keyOf(fp));
          }
        }
      }
    }
    throw new LockpaneError('conflict', 'The keyring kept changing under this write; try again.');
  }

  /** Entry writes plus the address-guard rewrites they imply, aggregated per address. */
  private entryWrites(changes: readonly { id: EntryId; after: Entry | undefined }[]): Prepared[] {
    const writes: Prepared[] = [];
    const touched = new Map<string, Set<string>>();
    const members = (email: string): Set<string> => {
      let set = touched.get(email);
      if (!set) touched.set(email, (set = new Set(this.addresses.get(email)?.ids ?? [])));
      return set;
    };
    for (const { id, after } of changes) {
      const before = this.entries.get(id);
      writes.push(this.entries.prepare(id, after));
      const was = new Set(before?.emails ?? []);
      const now = new Set(after?.emails ?? []);
      for (const email of was) if (!now.has(email)) members(email).delete(id);
      for (const email of now) if (!was.has(email) || !this.addresses.has(email)) members(email).add(id);
    }
    for (const [email, ids] of touched) {
      const list = [...ids].sort();
      const cur = this.addresses.get(email);
      if (cur && cur.ids.length === list.length && cur.ids.every((x, i) => x === list[i])) continue;
      writes.push(this.addresses.prepare(email, list.length === 0 ? undefined : { email, ids: list }));
    }
    return writes;
  }

  /** Checks shape and that private material is protected, before anything is written. */
  private async checkEntry(input: Entry): Promise<Entry> {
    let entry: Entry;
    try {
      entry = validateEntry({ ...input, fingerprint: normalizeFingerprint(input.fingerprint), emails: [...new Set(input.emails.map(normalizeEmail))].sort() });
    } catch (e) {
      throw new LockpaneError('bad-data', `Not a valid keyring entry: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    if (entry.kind === 'openpgp') {
      if (entry.privateArmored !== undefined) await assertProtectedSecretKey(entry.privateArmored, entry.fingerprint);
      if (this.verifyMaterial && await fingerprintOfArmored(entry.publicArmored) !== entry.fingerprint) {
        throw new LockpaneError('key-invalid', 'The entry fingerprint does not match its key.');
      }
    } else {
      if (entry.privateKey !== undefined) assertEnvelope(entry.privateKey, this.minKdfIterations);
      if (this.verifyMaterial && await sha256Fingerprint(certificateDer(entry.certificatePem)) !== entry.fingerprint) {
        throw new LockpaneError('key-invalid', 'The entry fingerprint does not match its certificate.');
      }
    }
    return entry;
  }

  private async merged(entry: Entry): Promise<Entry> {
    const cur = this.entries.get(entryId(entry.kind, entry.fingerprint));
    if (!cur) return entry;
    if (cur.kind === 'openpgp' && entry.kind === 'openpgp') {
      if (this.verifyMaterial) return mergeOpenPgpEntries(cur, entry, this.now());
      // Synthetic entries (no key material to merge): take the newcomer, keep age and private part.
      const priv = cur.privateArmored ?? entry.privateArmored;
      return { ...entry, addedAt: cur.addedAt, ...(priv !== undefined ? { privateArmored: priv } : {}) };
    }
    if (cur.kind === 'x509' && entry.kind === 'x509') {
      const pk = cur.privateKey ?? entry.privateKey;
      return { ...entry, addedAt: cur.addedAt, ...(pk ? { privateKey: pk } : {}) };
    }
    return entry;
  }

  /** Stores or updates one entry (merging with a stored copy; a private part is never dropped). No trust change. */
  async putEntry(input: Entry): Promise<Entry> {
    const entry = await this.checkEntry(input);
    const id = entryId(entry.kind, entry.fingerprint);
    return this.transact(async () => {
      const next = await this.merged(entry);
      return { writes: this.entryWrites([{ id, after: next }]), result: next };
    });
  }

  /**
   * Replaces one stored entry with exactly this one (no merge), keeping when it was added: own-key
   * maintenance (new passphrase, new expiry, revocation) whose result must not be merged back with the
   * older secret part or self-signatures. One atomic write of that entry; every other entry is untouched.
   */
  async replaceEntry(input: Entry): Promise<Entry> {
    const entry = await this.checkEntry(input);
    const id = entryId(entry.kind, entry.fingerprint);
    return this.transact(() => {
      const cur = this.entries.get(id);
      if (!cur) throw new LockpaneError('not-found', 'This key is no longer in the keyring.');
      const next: Entry = { ...entry, addedAt: cur.addedAt };
      return { writes: this.entryWrites([{ id, after: next }]), result: next };
    });
  }

  /**
   * Like replaceEntry, but the new entry is computed from the stored one inside the write: when another
   * context changed the entry meanwhile, `update` runs again on its version, so two changes of one own key
   * (a new passphrase here, a new expiry there) both survive instead of the later overwriting the earlier.
   */
  async updateEntry(kind: EntryKind, fingerprint: string, update: (current: Entry) => Promise<Entry>): Promise<Entry> {
    const id = entryId(kind, fingerprint);
    return this.transact(async () => {
      const cur = this.entries.get(id);
      if (!cur) throw new LockpaneError('not-found', 'This key is no longer in the keyring.');
      const entry = await this.checkEntry(await update(cur));
      if (entryId(entry.kind, entry.fingerprint) !== id) throw new LockpaneError('internal', 'An entry update changed the key it is for.');
      const next: Entry = { ...entry, addedAt: cur.addedAt };
      return { writes: this.entryWrites([{ id, after: next }]), result: next };
    });
  }

  /**
   * Imports an entry the user (or a discovery source they accepted) brought in: stored, then for
   * OpenPGP marked seen (trust on first use) — unless the address already has another accepted
   * key, in which case the newcomer stays undecided and a conflict is recorded (A3.4).
   */
  async importEntry(input: Entry, source: string): Promise<ImportResult> {
    const entry = await this.checkEntry(input);
    const id = entryId(entry.kind, entry.fingerprint);
    return this.transact(async () => {
      const next = await this.merged(entry);
      const now = this.now();
      const issuer = next.kind === 'x509' ? next.facts.issuer : undefined;
      const found = detectConflicts(
        { kind: next.kind, fingerprint: next.fingerprint, emails: next.emails, ...(issuer !== undefined ? { issuer } : {}) },
        (email) => this.knownBindings(next.kind, email),
        source,
        now,
      ).filter((c) => !this.conflictsCol.has(c.id));
      const writes = [...this.entryWrites([{ id, after: next }]), ...found.map((c) => this.conflictsCol.prepare(c.id, c))];
      let acceptance: Acceptance | null = null;
      if (next.kind === 'openpgp') {
        const current = this.acceptanceOf(next.fingerprint);
        const pending = found.length > 0 || this.conflicts().some((c) => c.candidate === next.fingerprint);
        acceptance = current;
        if (!pending && current === 'undecided') {
          acceptance = 'unverified';
          writes.push(this.trust.prepare(next.fingerprint, { fingerprint: next.fingerprint, acceptance, updatedAt: now.toISOString(), via: 'tofu' }));
        }
      }
      return { writes, result: { entry: next, acceptance, conflicts: found } };
    });
  }

  private knownBindings(kind: EntryKind, email: string): KnownBinding[] {
    const ids = this.byEmail.get(email);
    if (!ids) return [];
    const out: KnownBinding[] = [];
    for (const id of ids) {
      const e = this.entries.get(id);
      if (!e || e.kind !== kind) continue;
      out.push(e.kind === 'openpgp'
        ? { fingerprint: e.fingerprint, accepted: isAccepted(this.acceptanceOf(e.fingerprint)) }
        : { fingerprint: e.fingerprint, accepted: true, issuer: e.facts.issuer });
    }
    return out;
  }

  /** Removes an entry with its trust record and any conflicts naming it as the candidate. */
  async removeEntry(kind: EntryKind, fingerprint: string): Promise<boolean> {
    const fp = normalizeFingerprint(fingerprint);
    const id = entryId(kind, fp);
    return this.transact(() => {
      if (!this.entries.has(id)) return { writes: [], result: false };
      const writes = this.entryWrites([{ id, after: undefined }]);
      if (kind === 'openpgp' && this.trust.has(fp)) writes.push(this.trust.prepare(fp, undefined));
      for (const c of this.conflicts()) if (c.kind === kind && c.candidate === fp) writes.push(this.conflictsCol.prepare(c.id, undefined));
      return { writes, result: true };
    });
  }

  /** Applies a user decision through the transition table; a forbidden transition changes nothing. */
  async setAcceptance(fingerprint: string, event: AcceptanceEvent, via: TrustRecord['via'] = 'user'): Promise<Acceptance> {
    const fp = normalizeFingerprint(fingerprint);
    return this.transact(() => {
      if (!this.entries.has(entryId('openpgp', fp))) throw new LockpaneError('not-found', `No OpenPGP key ${fp} in the keyring.`);
      const current = this.acceptanceOf(fp);
      const t = nextAcceptance(current, event);
      if (!t.ok) throw new LockpaneError('unsupported-option', t.reason);
      if (t.state === current && this.trust.has(fp)) return { writes: [], result: current };
      const rec: TrustRecord = { fingerprint: fp, acceptance: t.state, updatedAt: this.now().toISOString(), via };
      return { writes: [this.trust.prepare(fp, rec)], result: t.state };
    });
  }

  /** Settles an open key-change conflict with the user's decision, atomically. */
  async resolveConflict(id: string, decision: ConflictDecision): Promise<void> {
    await this.transact(() => {
      const c = this.conflictsCol.get(id);
      if (!c) throw new LockpaneError('not-found', 'This key change was already settled.');
      const writes = [this.conflictsCol.prepare(id, undefined)];
      if (c.kind === 'openpgp') {
        const at = this.now().toISOString();
        const t = nextAcceptance(this.acceptanceOf(c.candidate), decision.candidate);
        if (!t.ok) throw new LockpaneError('unsupported-option', t.reason);
        writes.push(this.trust.prepare(c.candidate, { fingerprint: c.candidate, acceptance: t.state, updatedAt: at, via: 'user' }));
        if (decision.retireKnown) {
          for (const fp of c.known) writes.push(this.trust.prepare(fp, { fingerprint: fp, acceptance: 'rejected', updatedAt: at, via: 'user' }));
        }
      } else if (decision.candidate === 'reject') {
        writes.push(...this.entryWrites([{ id: entryId('x509', c.candidate), after: undefined }]));
      }
      return { writes, result: undefined };
    });
  }

  // ---------------------------------------------------------------- X.509 trust roots

  async addUserRoot(certificate: string | Uint8Array): Promise<TrustRoot> {
    const d = await describeCertificate(certificate);
    return this.transact(() => {
      const cur = this.rootsCol.get(d.fingerprint);
      if (cur) return { writes: [], result: cur };
      const root: TrustRoot = { fingerprint: d.fingerprint, certificatePem: certificatePem(d.der), subject: d.facts.subject, source: 'user', locked: false, addedAt: this.now().toISOString() };
      return { writes: [this.rootsCol.prepare(root.fingerprint, root)], result: root };
    });
  }

  async removeRoot(fingerprint: string): Promise<void> {
    const fp = normalizeFingerprint(fingerprint);
    await this.transact(() => {
      const cur = this.rootsCol.get(fp);
      if (!cur) throw new LockpaneError('not-found', 'No such trust root.');
      if (cur.locked) throw new LockpaneError('unsupported-option', 'This root is set by your organisation\'s policy and cannot be removed here.');
      return { writes: [this.rootsCol.prepare(fp, undefined)], result: undefined };
    });
  }

  /** Replaces the policy roots with exactly `certificates` (from managed storage); user roots stay. */
  async setPolicyRoots(certificates: readonly (string | Uint8Array)[]): Promise<TrustRoot[]> {
    const described = await Promise.all(certificates.map((c) => describeCertificate(c)));
    return this.transact(() => {
      const at = this.now().toISOString();
      const wanted = new Map(described.map((d) => [d.fingerprint as string, d]));
      const writes: Prepared[] = [];
      for (const r of this.rootsCol.values()) if (r.source === 'policy' && !wanted.has(r.fingerprint)) writes.push(this.rootsCol.prepare(r.fingerprint, undefined));
      const result: TrustRoot[] = [];
      for (const [fp, d] of wanted) {
        const cur = this.rootsCol.get(fp);
        const root: TrustRoot = { fingerprint: fp, certificatePem: certificatePem(d.der), subject: d.facts.subject, source: 'policy', locked: true, addedAt: cur?.addedAt ?? at };
        result.push(root);
        if (!cur || cur.source !== 'policy' || !cur.locked) writes.push(this.rootsCol.prepare(fp, root));
      }
      return { writes, result };
    });
  }

  // ---------------------------------------------------------------- restore

  /**
   * Makes the keyring exactly `snapshot` (policy roots untouched), in one atomic write.
   * The caller (backup/restore.ts) has already checked the snapshot's key material.
   */
  async replaceAll(snapshot: KeyringSnapshot): Promise<void> {
    const checked: Entry[] = [];
    for (const e of snapshot.entries) checked.push(await this.checkEntry(e));
    const trust = snapshot.trust.map((t) => validateTrust(t));
    const conflicts = snapshot.conflicts.map((c) => validateConflict(c));
    const roots = snapshot.roots.map((r) => validateRoot(r)).filter((r) => r.source === 'user');
    await this.transact(() => {
      const writes: Prepared[] = [];
      const keep = new Set<string>();
      const put = <T>(col: RecordCollection<T>, id: string, value: T): void => {
        keep.add(col.keyOf(id));
        writes.push(col.prepare(id, value));
      };
      const wantedEntries = new Map(checked.map((e) => [entryId(e.kind, e.fingerprint), e] as const));
      const entryChanges = [...wantedEntries].map(([id, after]) => ({ id, after: after as Entry | undefined }));
      for (const id of this.entries.ids()) if (!wantedEntries.has(id as EntryId)) entryChanges.push({ id: id as EntryId, after: undefined });
      writes.push(...this.entryWrites(entryChanges));
      for (const p of writes) keep.add(p.op.key);
      for (const t of trust) put(this.trust, t.fingerprint, t);
      for (const c of conflicts) put(this.conflictsCol, c.id, c);
      for (const r of roots) if (this.rootsCol.get(r.fingerprint)?.source !== 'policy') put(this.rootsCol, r.fingerprint, r);
      for (const col of this.all) {
        if (col === (this.entries as RecordCollection<unknown>) || col === (this.addresses as RecordCollection<unknown>)) continue;
        for (const id of col.ids()) {
          if (keep.has(col.keyOf(id))) continue;
          if (col === (this.rootsCol as RecordCollection<unknown>) && this.rootsCol.get(id)?.source === 'policy') continue;
          writes.push(col.prepare(id, undefined));
        }
      }
      return { writes, result: undefined };
    });
  }
}

export { CURRENT_SCHEMA };
