/**
 * ECDH key agreement for CMS (RFC 5753, ephemeral-static "dhSinglePass-stdDH-*kdf-scheme"):
 * the ANSI X9.63 KDF over the shared secret and the DER ECC-CMS-SharedInfo, then AES key wrap.
 */
import { LockpaneError } from '../../errors';
import { algorithmId, ctx, octets, seq } from '../asn1/der-writer';
import { bs, digest, subtle } from '../crypto/util';
import { nameOf, OID, type HashName } from '../oids';

export const kdfHashByScheme: Record<string, HashName> = {
  [OID.dhSinglePassStdDHsha1kdf]: 'SHA-1',
  [OID.dhSinglePassStdDHsha256kdf]: 'SHA-256',
  [OID.dhSinglePassStdDHsha384kdf]: 'SHA-384',
  [OID.dhSinglePassStdDHsha512kdf]: 'SHA-512',
};
export const wrapKeyLength: Record<string, number> = { [OID.aes128Wrap]: 16, [OID.aes192Wrap]: 24, [OID.aes256Wrap]: 32 };

export function sharedInfo(wrapOid: string, keyBytes: number, ukm: Uint8Array | undefined): Uint8Array {
  const bits = keyBytes * 8;
  const supp = new Uint8Array([(bits >>> 24) & 0xff, (bits >>> 16) & 0xff, (bits >>> 8) & 0xff, bits & 0xff]);
  return seq(algorithmId(wrapOid), ...(ukm !== undefined ? [ctx(0, octets(ukm))] : []), ctx(2, octets(supp)));
}

/** X9.63 KDF: Hash(Z || counter || SharedInfo) for counter = 1, 2, … */
export async function x963Kdf(hash: HashName, z: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let filled = 0;
  for (let counter = 1; filled < length; counter++) {
    const input = new Uint8Array(z.length + 4 + info.length);
    input.set(z);
    input.set([(counter >>> 24) & 0xff, (counter >>> 16) & 0xff, (counter >>> 8) & 0xff, counter & 0xff], z.length);
    input.set(info, z.length + 4);
    const h = await digest(hash, input);
    out.set(h.subarray(0, Math.min(h.length, length - filled)), filled);
    filled += h.length;
  }
  return out;
}

export async function kekFor(scheme: string, wrapOid: string, z: Uint8Array, ukm: Uint8Array | undefined): Promise<CryptoKey> {
  const hash = kdfHashByScheme[scheme];
  if (hash === undefined) throw new LockpaneError('unsupported-algorithm', `key agreement ${nameOf(scheme)} is not supported`);
  const len = wrapKeyLength[wrapOid];
  if (len === undefined) throw new LockpaneError('unsupported-algorithm', `key wrap ${nameOf(wrapOid)} is not supported`);
  const kek = await x963Kdf(hash, z, sharedInfo(wrapOid, len, ukm), len);
  return subtle().importKey('raw', bs(kek), 'AES-KW', false, ['wrapKey', 'unwrapKey']);
}
