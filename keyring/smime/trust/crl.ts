/**
 * Revocation by CRL (RFC 5280 §5), parsed and signature-checked by pkijs.CertificateRevocationList. Distribution points are fetched through an injected fetcher
 * (the extension decides when the network may be used, SECURITY A1.4) and cached per URL.
 * Anything that prevents a decision is "not-checked", never "good".
 */
import { LockpaneError } from '../../errors';
import { CertificateRevocationList } from 'pkijs';
import { expect, isContext, isUniversal, parseDer, Tag, type Tlv } from '../asn1/der-reader';
import { pkijsReady } from '../crypto/pkijs-engine';
import { equalBytes } from '../crypto/util';
import { decodePemBlocks } from '../pem';
import { parseAlgorithm, pkijsCertificate, type AlgorithmIdentifier, type Certificate } from '../x509/certificate';
import { namesEqual } from '../x509/name';

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

/** The pkijs form of each parsed CRL, for its signature check against the issuer. */
const pkijsForms = new WeakMap<Crl, CertificateRevocationList>();

export function parseCrl(data: Uint8Array): Crl {
  const pem = decodePemBlocks(data).find((b) => b.label === 'X509 CRL');
  const der = pem?.der ?? data;
  try {
    const root = expect(parseDer(der), Tag.SEQUENCE, 'CertificateList');
    // pkijs checks the CertificateList schema and decodes times, serials and the signature.
    pkijsReady();
    const pc = new CertificateRevocationList({ schema: root.block });
    const tbs = expect(root.children[0], Tag.SEQUENCE, 'TBSCertList');
    const issuerName = expect(tbs.children[isUniversal(tbs.children[0], Tag.INTEGER) ? 2 : 1], Tag.SEQUENCE, 'issuer');
    const time = (d: Date): Date => { if (Number.isNaN(d.getTime())) throw new Error('invalid time'); return d; };
    const revokedSerials = (pc.revokedCertificates ?? []).map((r) => {
      const v = r.userCertificate.valueBlock.valueHexView;
      if (v.length === 0) throw new Error('empty serial');
      return v.length > 1 && v[0] === 0 ? v.subarray(1) : v;
    });
    const crl: Crl = {
      issuerName, thisUpdate: time(pc.thisUpdate.value), ...(pc.nextUpdate !== undefined ? { nextUpdate: time(pc.nextUpdate.value) } : {}), revokedSerials,
      tbs: pc.tbsView, signatureAlgorithm: parseAlgorithm(root.children[1]), signature: pc.signatureValue.valueBlock.valueHexView,
    };
    pkijsForms.set(crl, pc);
    return crl;
  } catch (e) {
    if (e instanceof LockpaneError && e.code === 'too-large') throw e;
    throw new LockpaneError('bad-data', 'not a valid CRL', { cause: e });
  }
}

/** The CRL's signature by `issuer`, checked by pkijs (issuer name and signature); unsupported → false. */
async function signedBy(crl: Crl, issuer: Certificate): Promise<boolean> {
  const pc = pkijsForms.get(crl);
  if (pc === undefined) return false;
  try {
    return await pc.verify({ issuerCertificate: pkijsCertificate(issuer) });
  } catch {
    return false;
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
    if (!(await signedBy(crl, issuer))) return null;
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
