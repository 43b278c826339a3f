/**
 * `npm run bench:keyring`: what opening one message costs as the keyring grows (issue #21). In Node, through
 * the worker's own code: a keyring service over an in-memory store (KeyringStore on MemoryBackend, the
 * session area in memory), filled with 100, 1,000 and 10,000 public keys, then the reader's OpenPGP path
 * (pgpContext + openPgp: decrypt + verify) on a signed and encrypted message from one of those keys.
 *
 * The filler keys: BENCH_DISTINCT (50) real Ed25519 keys are generated, and each stored entry carries one
 * of their armored texts under its own synthetic fingerprint and key IDs (stored without the material
 * check, as the store's bulk tests do), so a path that parsed every stored key would pay the real
 * parsing price, while lookups by key ID see 10,000 distinct keys.
 *
 * Printed per size: the store's cold load (KeyringStore.open over the filled backend), the first open
 * (signer key not parsed yet), the median of BENCH_ROUNDS (15) opens with a fresh context each, and
 * with BENCH_LEGACY=1 the old way (every stored key parsed per message) for comparison.
 *   BENCH_ROUNDS=15 npm run bench:keyring
 */
import { decrypt, encrypt, generateKey, readKey, type PgpKey, type PgpPrivateKey } from '../keyring/pgp';
import type { OpenPgpEntry } from '../keyring/store/entry';
import { openPgpEntryFromKey } from '../keyring/store/facts-openpgp';
import { KeyringStore } from '../keyring/store/keyring-store';
import { MemoryBackend } from '../keyring/testing/memory-backend';
import { createKeyringService } from '../extension/worker/keyring/service';
import { memoryArea } from '../extension/worker/kv';
import { openPgp, pgpContext } from '../extension/worker/reader/pgp-open';

const sizes = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const distinct = Number(process.env.BENCH_DISTINCT ?? 50);
const legacy = process.env.BENCH_LEGACY === '1';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').toUpperCase();

async function realKeys(n: number): Promise<OpenPgpEntry[]> {
  const out: OpenPgpEntry[] = [];
  for (let i = 0; i < n; i++) {
    const g = await generateKey({ userIDs: [{ name: `Filler ${i}`, email: `filler${i}@example.test` }], algorithm: 'curve25519' });
    out.push(await openPgpEntryFromKey(await readKey(g.publicKeyArmored)));
  }
  return out;
}

/** Stored entry `i`: real key material from the pool, its own fingerprints (so its own key IDs) and address. */
function filler(pool: OpenPgpEntry[], i: number): OpenPgpEntry {
  const base = pool[i % pool.length]!;
  const fp = (sub: number) => `${'F'.repeat(24)}${hex(sub, 4)}${hex(i, 12)}`;
  return {
    ...base, fingerprint: fp(0) as OpenPgpEntry['fingerprint'], emails: [`user${i}@example.test`],
    facts: { ...base.facts, userIds: [`User ${i} <user${i}@example.test>`], subkeys: base.facts.subkeys.map((s, k) => ({ ...s, fingerprint: fp(k + 1) })) },
  };
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await f();
  return [performance.now() - t0, r];
}

async function atSize(size: number, pool: OpenPgpEntry[], alice: { pub: string; priv: PgpPrivateKey }) {
  const backend = new MemoryBackend();
  const filling = createKeyringService(backend, memoryArea(), { store: { verifyMaterial: false } });
  const { key } = await filling.generate({ name: 'Bob', email: 'bob@example.test', passphrase: 'bench', algorithm: 'curve25519' });
  await filling.import({ text: alice.pub }, 'mail');
  const s = await filling.store();
  for (let i = 0; s.size < size; i++) await s.putEntry(filler(pool, i));
  s.close();

  // A cold worker: the store is loaded from storage, the own key unlocked again.
  const [loadMs, loaded] = await timed(() => KeyringStore.open(backend, { verifyMaterial: false }));
  loaded.close();
  const keyring = createKeyringService(backend, memoryArea(), { store: { verifyMaterial: false } });
  await keyring.unlock(key.fingerprint, 'bench');
  const bobPub: PgpKey = await readKey(await keyring.exportPublic(key.fingerprint));
  const message = await encrypt({ data: 'a signed and encrypted note', encryptionKeys: [bobPub], signingKeys: [alice.priv], encryptToSigners: false }) as string;

  const openOnce = async () => {
    const opened = await openPgp(message, await pgpContext(keyring, 'alice@example.test'));
    if (opened.state !== 'ok' || opened.signatures[0]?.status !== 'valid') throw new Error(`bench message did not verify: ${JSON.stringify(opened)}`);
  };
  const [firstMs] = await timed(openOnce);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) times.push((await timed(openOnce))[0]);

  let legacyMs: number[] | null = null;
  if (legacy) {
    legacyMs = [];
    const store = await keyring.store();
    const decryptionKeys = await keyring.unlockedOwnKeys();
    for (let r = 0; r < (size >= 10_000 ? 1 : 3); r++) {
      legacyMs.push((await timed(async () => {
        const all: PgpKey[] = [];
        for (const e of store.list()) if (e.kind === 'openpgp') all.push(await readKey(e.publicArmored));
        await decrypt({ message, decryptionKeys, verificationKeys: all });
      }))[0]);
    }
  }
  return { size: s.size, loadMs, firstMs, medianMs: median(times), range: range(times), legacyMs };
}

async function main() {
  console.log(`keyring size benchmark: ${rounds} rounds per size, ${distinct} distinct real keys in the filler${legacy ? ', legacy full parse too' : ''}`);
  const pool = await realKeys(distinct);
  const g = await generateKey({ userIDs: [{ name: 'Alice', email: 'alice@example.test' }], algorithm: 'curve25519' });
  const alice = { pub: g.publicKeyArmored, priv: await readKey(g.privateKeyArmored) as PgpPrivateKey };
  const rows = [];
  for (const size of sizes) {
    const row = await atSize(size, pool, alice);
    rows.push(row);
    console.log(`${String(row.size).padStart(6)} keys: store load ${row.loadMs.toFixed(1)} ms; open first ${row.firstMs.toFixed(1)} ms, median ${row.medianMs.toFixed(2)} ms (${row.range})`
      + (row.legacyMs ? `; legacy full parse median ${median(row.legacyMs).toFixed(0)} ms` : ''));
  }
  const small = rows[0]!;
  const large = rows[rows.length - 1]!;
  console.log(`ratio ${large.size}/${small.size}: ${(large.medianMs / small.medianMs).toFixed(2)}× per message (target ≤ 1.2×); store load ${(large.loadMs / small.loadMs).toFixed(1)}×`);
}

void main().catch((e: unknown) => { console.error(e); process.exit(1); });
