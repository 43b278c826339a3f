/** Plain, JSON-able facts about a key for the UI, the keyring store and `sop`. */
import * as openpgp from 'openpgp';
import { pgpConfig } from './config';
import type { KeyFacts, PgpKey, SubkeyFacts } from './types';

const cfg = { ...openpgp.config, ...pgpConfig } as openpgp.Config;

/** A short algorithm name: rsa3072, ed25519, cv25519, x25519, ed448, nistp256 … */
export function algorithmName(info: openpgp.AlgorithmInfo): string {
  const { algorithm, bits, curve } = info;
  if (algorithm.startsWith('rsa')) return `rsa${bits ?? ''}`;
  switch (algorithm) {
    case 'eddsaLegacy': return 'ed25519';
    case 'ecdh': return curve === 'curve25519Legacy' ? 'cv25519' : `ecdh-${String(curve)}`;
    case 'ecdsa': return `ecdsa-${String(curve)}`;
    default: return algorithm; // ed25519, x25519, ed448, x448, …
  }
}

function isoOrNull(d: Date | number | null): string | null {
  return d instanceof Date ? d.toISOString() : null;
}

async function succeeds(p: () => Promise<unknown>): Promise<boolean> {
  try { await p(); return true; } catch { return false; }
}

/** User IDs with a valid, unrevoked self-certification (others may be attacker-appended). */
export async function validUserIDs(key: PgpKey, date = new Date()): Promise<{ name: string; email: string; uid: string }[]> {
  const out: { name: string; email: string; uid: string }[] = [];
  for (const user of key.users) {
    if (!user.userID) continue;
    if (!await succeeds(() => user.verify(date, cfg))) continue;
    out.push({ name: user.userID.name, email: user.userID.email, uid: user.userID.userID });
  }
  return out;
}

export async function describeKey(key: PgpKey, date = new Date()): Promise<KeyFacts> {
  const revoked = await key.isRevoked(undefined, undefined, date, cfg).catch(() => false);
  const expires = await key.getExpirationTime(undefined, cfg).catch(() => null);
  const expired = expires instanceof Date && expires.getTime() <= date.getTime();
  const subkeys: SubkeyFacts[] = [];
  for (const sub of key.subkeys) {
    const id = sub.getKeyID();
    subkeys.push({
      fingerprint: sub.getFingerprint().toUpperCase(),
      keyId: id.toHex().toUpperCase(),
      algorithm: algorithmName(sub.getAlgorithmInfo()),
      created: sub.getCreationTime().toISOString(),
      canEncrypt: await succeeds(() => key.getEncryptionKey(id, date, undefined, cfg)),
      canSign: await succeeds(() => key.getSigningKey(id, date, undefined, cfg)),
      expires: isoOrNull(await sub.getExpirationTime(date, cfg).catch(() => null)),
      revoked: sub.revocationSignatures.length > 0 && await succeeds(async () => {
        if (!await sub.isRevoked(null as never, null as never, date, cfg)) throw new Error('not revoked');
      }),
    });
  }
  const locked = key.isPrivate() && key.getKeys().some((k) => {
    const p = k.keyPacket;
    return 'isDummy' in p && !p.isDummy() && !p.isDecrypted();
  });
  return {
    fingerprint: key.getFingerprint().toUpperCase(),
    keyId: key.getKeyID().toHex().toUpperCase(),
    version: key.keyPacket.version,
    isPrivate: key.isPrivate(),
    isLocked: locked,
    algorithm: algorithmName(key.getAlgorithmInfo()),
    created: key.getCreationTime().toISOString(),
    expires: isoOrNull(expires),
    expired,
    revoked,
    userIDs: await validUserIDs(key, date),
    subkeys,
    canEncrypt: await succeeds(() => key.getEncryptionKey(undefined, date, undefined, cfg)),
    canSign: await succeeds(() => key.getSigningKey(undefined, date, undefined, cfg)),
  };
}
