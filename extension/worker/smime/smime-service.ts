/**
 * The worker's S/MIME context: chain status of every certificate in the keyring (for recipient
 * resolution), the trust anchors and intermediates a signature is verified against, and the
 * capability book. Chain results are cached until the keyring's certificates or roots change; this is the
 * one place they are evaluated (key summaries ask here too, through the keyring service's `chains`).
 */
import { parseCertificate, type Certificate } from '../../../keyring/smime';
import type { CertificateEntry } from '../../../keyring/store/entry';
import { certificateDer } from '../../../keyring/store/facts-x509';
import { evaluateCertificates, type ChainStatus, type ChainValidator } from '../../../keyring/trust/chain-validator';
import type { KeyringService } from '../keyring/service';
import type { KeyValueArea } from '../kv';
import { createCapabilityBook } from './capability-book';
import { createCertificateSet } from './certificate-cache';
import { smimeChainValidator } from './chain-validator';

const cacheMs = 5 * 60_000;

export function createSmimeService(keyring: KeyringService, local: KeyValueArea, validator: ChainValidator = smimeChainValidator) {
  let cached: { key: string; at: number; statuses: Map<string, ChainStatus> } | null = null;
  const parsePem = (pem: string): Certificate => parseCertificate(certificateDer(pem));
  const anchors = createCertificateSet(parsePem);
  const cas = createCertificateSet(parsePem);

  async function certificates(): Promise<CertificateEntry[]> {
    return (await keyring.store()).list().filter((e): e is CertificateEntry => e.kind === 'x509');
  }

  /** Chain status per end-entity certificate fingerprint; a certificate not in the map is untrusted. */
  async function chainStatuses(now = new Date()): Promise<Map<string, ChainStatus>> {
    const certs = await certificates();
    const roots = (await keyring.store()).roots();
    const key = [...certs.map((c) => c.fingerprint).sort(), '|', ...roots.map((r) => r.fingerprint).sort()].join(',');
    if (cached && cached.key === key && now.getTime() - cached.at < cacheMs && now.getTime() >= cached.at) return cached.statuses;
    const statuses = await evaluateCertificates(certs, roots, validator, now);
    cached = { key, at: now.getTime(), statuses };
    return statuses;
  }

  return {
    capabilities: createCapabilityBook(local),
    chainStatuses,

    /**
     * Chain status of the given certificates: the cached map when the keyring holds them all, otherwise
     * also the ones not stored yet (an import preview), evaluated against the keyring's CAs and roots.
     */
    async chainStatusesOf(given: readonly CertificateEntry[], now = new Date()): Promise<Map<string, ChainStatus>> {
      const statuses = await chainStatuses(now);
      const missing = given.filter((c) => !c.facts.isCa && !statuses.has(c.fingerprint));
      if (missing.length === 0) return statuses;
      const cas = (await certificates()).filter((c) => c.facts.isCa);
      const more = await evaluateCertificates([...missing, ...cas], (await keyring.store()).roots(), validator, now);
      return new Map([...statuses, ...more]);
    },

    /** The user's and the organisation's roots, parsed (kept parsed between messages). */
    async trustAnchors(): Promise<Certificate[]> {
      return anchors.all((await keyring.store()).roots().map((r) => r.certificatePem));
    },

    /** CA certificates in the keyring, offered to path building as intermediates. */
    async intermediates(): Promise<Certificate[]> {
      return cas.all((await certificates()).filter((c) => c.facts.isCa).map((c) => c.certificatePem));
    },
  };
}

export type SmimeService = ReturnType<typeof createSmimeService>;
