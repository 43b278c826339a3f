/**
 * Parsed certificates, kept between requests. Every S/MIME message the reader verifies asks for all trust
 * anchors and CA certificates, and chain evaluation asks for them once per end-entity certificate: parsing
 * them again each time (PEM, DER, pkijs schema) made that cost grow with roots × certificates.
 * Parsed certificates are plain data that nothing mutates, so sharing them is safe.
 */
import type { Certificate } from '../../../keyring/smime';

/**
 * A cache for one set of stored certificates (e.g. the roots): `all` parses only PEMs it has not seen and
 * drops the ones no longer asked for, so it never holds more than the keyring does.
 */
export function createCertificateSet(parse: (pem: string) => Certificate) {
  let byPem = new Map<string, Certificate>();
  return {
    all(pems: readonly string[]): Certificate[] {
      const next = new Map<string, Certificate>();
      for (const pem of pems) next.set(pem, byPem.get(pem) ?? next.get(pem) ?? parse(pem));
      byPem = next;
      return pems.map((pem) => next.get(pem)!);
    },
  };
}

/** Parsed certificates by the identity of their DER buffer: one chain evaluation passes the same buffers for every leaf. */
export function createDerMemo(parse: (der: Uint8Array) => Certificate) {
  const byDer = new WeakMap<Uint8Array, Certificate>();
  return (der: Uint8Array): Certificate => {
    let cert = byDer.get(der);
    if (!cert) byDer.set(der, (cert = parse(der)));
    return cert;
  };
}
