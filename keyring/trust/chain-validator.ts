/**
 * What the keyring needs from X.509 path validation, which is the S/MIME core's job: this file
 * only defines the call and gathers its inputs (the trust store's roots, the keyring's CA
 * certificates as intermediates); the worker injects an implementation.
 */
import { certificateDer } from '../store/facts-x509';
import type { CertificateEntry } from '../store/entry';
import type { TrustRoot } from './types';

export type ChainStatus =
  | { status: 'valid'; anchor: string }
  | { status: 'untrusted' | 'expired' | 'revoked' | 'invalid' | 'unsupported'; detail: string };

export interface ChainValidator {
  validateChain(certDer: Uint8Array, opts: { roots: readonly Uint8Array[]; intermediates: readonly Uint8Array[]; now: Date }): Promise<ChainStatus>;
}

/** Chain status of every end-entity certificate, keyed by fingerprint, for recipient resolution. */
export async function evaluateCertificates(
  certificates: readonly CertificateEntry[],
  roots: readonly TrustRoot[],
  validator: ChainValidator,
  now: Date,
): Promise<Map<string, ChainStatus>> {
  const rootDers = roots.map((r) => certificateDer(r.certificatePem));
  const intermediates = certificates.filter((c) => c.facts.isCa).map((c) => certificateDer(c.certificatePem));
  const out = new Map<string, ChainStatus>();
  for (const c of certificates) {
    if (c.facts.isCa) continue;
    try {
      out.set(c.fingerprint, await validator.validateChain(certificateDer(c.certificatePem), { roots: rootDers, intermediates, now }));
    } catch (e) {
      out.set(c.fingerprint, { status: 'invalid', detail: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}
