/**
 * What the keyring needs from X.509 path validation, which is the S/MIME core's job: this file
 * only defines the call and gathers its inputs (the trust store's roots, the keyring's CA
 * certificates as intermediates); the worker injects an implementation. It knows certificates only
 * by the fields it reads, so trust/ never depends on the store (the store applies trust rules).
 */
import { plainBytes } from '../bytes';
import { LockpaneError } from '../errors';
import { readCertificates } from '../smime';
import type { TrustRoot } from './types';

export type ChainStatus =
  | { status: 'valid'; anchor: string }
  | { status: 'untrusted' | 'expired' | 'revoked' | 'invalid' | 'unsupported'; detail: string };

export interface ChainValidator {
  validateChain(certDer: Uint8Array, opts: { roots: readonly Uint8Array[]; intermediates: readonly Uint8Array[]; now: Date }): Promise<ChainStatus>;
}

/** Chain status of every end-entity certificate, keyed by fingerprint, for recipient resolution. */
/** A stored certificate (CertificateEntry) as far as chain evaluation reads it. */
export type ChainCandidate = { fingerprint: string; certificatePem: string; facts: { isCa: boolean } };

/** The DER of the (first) certificate in stored PEM. */
function certificateDer(pem: string): Uint8Array {
  const [first] = readCertificates(new TextEncoder().encode(pem));
  if (!first) throw new LockpaneError('bad-data', 'No certificate found.');
  return plainBytes(first.der);
}

export async function evaluateCertificates(
  certificates: readonly ChainCandidate[],
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
