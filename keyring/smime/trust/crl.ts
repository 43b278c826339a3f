/**
 * Revocation by CRL (RFC 5280 §5). Distribution points are fetched through an injected fetcher
 * (the extension decides when the network may be used, SECURITY A1.4) and cached per URL.
 * Anything that prevents a decision is "not-checked", never "good".
 */
import { LockpaneError } from '../../errors';
import { bitStringBytes, bytesOf, expect, integerBytes, isContext, isUniversal, parseDer, Tag, type Tlv } from '../asn1/der-reader';
import { verifySignature } from '../crypto/signatures';
import { equalBytes } from '../crypto/util';
import { decodePemBlocks } from '../pem';
import { parseAlgorithm, type AlgorithmIdentifier, type Certificate } from '../x509/certificate';
import { namesEqual } from '../x509/name';
import { parseTime } from '../x509/time';

export type CrlFetcher = (url: string) => Promise<Uint8Array>;
export type RevocationState = 'good' | 'revoked' | 'not-checked';

export type Crl = {
  issuerName: Tlv;
  thisUpdate: Date;
  nextUpdate?: Date;
  revokedSerials: Uint8Array[];
  tbs: Uint8Array;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
};

export function parseCrl(data: Uint8Array): Crl {
  const pem = decodePemBlocks(data).find((b) => b.label === 'X509 CRL');
  const der = pem?.der ?? data;
  try {
    const root = expect(parseDer(der), Tag.SEQUENCE, 'CertificateList');
    const tbs = expect(root.children[0], Tag.SEQUENCE, 'TBSCertList');
    let i = 0;
    if (isUniversal(tbs.children[0], Tag.INTEGER)) i++;
    i++; // signature
    const issuerName = expect(tbs.children[i++], Tag.SEQUENCE, 'issuer');
    const thisUpdate = parseTime(tbs.children[i++]);
    let nextUpdate: Date | undefined;
    const nu = tbs.children[i];
    if (nu !== undefined && nu.cls === 0 && (nu.tag === Tag.UTC_TIME || nu.tag === Tag.GENERALIZED_TIME)) { nextUpdate = parseTime(nu); i++; }
    const revokedSerials: Uint8Array[] = [];
    if (isUniversal(tbs.children[i], Tag.SEQUENCE)) {
      for (const entry of tbs.children[i]!.children) revokedSerials.push(integerBytes(entry.children[0]));
      i++;
    }
    return {
      issuerName, thisUpdate, ...(nextUpdate !== undefined ? { nextUpdate } : {}), revokedSerials,
      tbs: bytesOf(tbs), signatureAlgorithm: parseAlgorithm(root.children[1]), signature: bitStringBytes(root.children[2]),
    };
  } catch (e) {
    if (e instanceof LockpaneError && e.code === 'too-large') throw e;
    throw new LockpaneError('bad-data', 'not a valid CRL', { cause: e });
  }
}

export type RevocationChecker = {
  /** State of `cert`, issued by `issuer`, using given CRLs first and then its distribution points. */
  check(cert: Certificate, issuer: Certificate): Promise<{ state: RevocationState; reason?: string }>;
};

export function createRevocationChecker(opts: { fetcher?: CrlFetcher; crls?: readonly Crl[]; now?: () => Date } = {}): RevocationChecker {
  const cache = new Map<string, Promise<Crl | null>>();
  const now = opts.now ?? ((): Date => new Date());
  const load = (url: string): Promise<Crl | null> => {
    let p = cache.get(url);
    if (p === undefined) {
      p = (async () => {
        if (opts.fetcher === undefined) return null;
        try {
          return parseCrl(await opts.fetcher(url));
        } catch {
          cache.delete(url); // offline or broken now: try again next time instead of remembering the failure
          return null;
        }
      })();
      cache.set(url, p);
    }
    return p;
  };
  const decide = async (crl: Crl, cert: Certificate, issuer: Certificate): Promise<RevocationState | null> => {
    if (!namesEqual(crl.issuerName, issuer.subjectName)) return null;
    let ok: boolean;
    try { ok = await verifySignature(issuer.spki, crl.signatureAlgorithm, undefined, crl.tbs, crl.signature); } catch { ok = false; }
    if (!ok) return null;
    if (crl.revokedSerials.some((s) => equalBytes(s, cert.serial))) return 'revoked';
    if (crl.nextUpdate !== undefined && crl.nextUpdate.getTime() < now().getTime()) return null; // stale: cannot say good
    return 'good';
  };
  return {
    async check(cert, issuer) {
      for (const crl of opts.crls ?? []) {
        const d = await decide(crl, cert, issuer);
        if (d !== null) return { state: d };
      }
      if (cert.crlUrls.length === 0) return { state: 'not-checked', reason: 'the certificate names no CRL' };
      if (opts.fetcher === undefined) return { state: 'not-checked', reason: 'revocation checking is off (offline)' };
      for (const url of cert.crlUrls) {
        const crl = await load(url);
        if (crl === null) continue;
        const d = await decide(crl, cert, issuer);
        if (d !== null) return { state: d };
      }
      return { state: 'not-checked', reason: 'no usable CRL could be fetched' };
    },
  };
}

export { isContext };
