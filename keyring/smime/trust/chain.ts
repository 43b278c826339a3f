/**
 * Certification path building and checking to caller-given trust anchors, on pkijs's
 * CertificateChainValidationEngine (path search, certificate signatures, name chaining, CA and
 * keyCertSign checks, policies and name constraints). Around it, our own rules: the issuer search is
 * bounded (a message stuffed with look-alike CA certificates cannot make it explode, and cross-signed
 * loops end), path length and pathLenConstraint, unknown critical extensions, and "unsupported
 * algorithm" kept apart from "does not verify". Validity time is reported separately so the UI can
 * tell "expired" from "untrusted" (pkijs judges the path at one date only).
 */
import { CertificateChainValidationEngine, type Certificate as PkijsCertificate } from 'pkijs';
import { canVerify } from '../crypto/signatures';
import { pkijsReady } from '../crypto/pkijs-engine';
import { equalBytes } from '../crypto/util';
import { pkijsCertificate, type Certificate } from '../x509/certificate';
import { namesEqual } from '../x509/name';

export type ChainStatus = 'trusted' | 'untrusted' | 'unsupported-algorithm';
export type ChainResult = {
  status: ChainStatus;
  path: Certificate[];     // leaf first, anchor last (when trusted)
  reason?: string;
  /** Certificates of the path not valid at the checked time. */
  expiredAt: (at: Date) => boolean;
};

const maxDepth = 8;
/** Signature checks per path search. */
const maxSignatureChecks = 64;
/** pkijs's "the certificate is either not yet valid or expired" result code. */
const pkijsValidityCode = 8;

const isSameCert = (a: Certificate, b: Certificate): boolean => equalBytes(a.der, b.der);
const validAt = (c: Certificate, at: Date): boolean => c.notBefore.getTime() <= at.getTime() && at.getTime() <= c.notAfter.getTime();
const expiredAt = (path: readonly Certificate[]) => (at: Date): boolean => path.some((c) => !validAt(c, at));

function mayIssue(issuer: Certificate, child: Certificate): boolean {
  if (!namesEqual(child.issuerName, issuer.subjectName)) return false;
  if (child.authorityKeyIdentifier !== undefined && issuer.subjectKeyIdentifier !== undefined
    && !equalBytes(child.authorityKeyIdentifier, issuer.subjectKeyIdentifier)) return false;
  return true;
}

type Search = {
  checks: number;
  unsupported: boolean;
  lastReason: string;
  /** Verified issuer edges (child DER → issuers), to find the path again when pkijs stops at a date. */
  edges: Map<Certificate, Certificate[]>;
};

/** Our issuer finder for pkijs's engine: bounded, CA-only, signatures checked by pkijs. */
function issuerFinder(all: readonly Certificate[], anchors: readonly Certificate[], s: Search) {
  const byPkijs = new Map<PkijsCertificate, Certificate>(all.map((c) => [pkijsCertificate(c), c]));
  return async (pc: PkijsCertificate): Promise<PkijsCertificate[]> => {
    const child = byPkijs.get(pc);
    if (child === undefined) return [pc];
    const found: Certificate[] = [];
    for (const ca of all) {
      if (isSameCert(ca, child) || !mayIssue(ca, child)) continue;
      const anchor = anchors.some((a) => isSameCert(a, ca));
      if (!anchor && (!ca.isCA || (ca.keyUsage !== undefined && !ca.keyUsage.includes('keyCertSign')))) { s.lastReason = `"${ca.subject}" is not a CA`; continue; }
      if (++s.checks > maxSignatureChecks) break;
      let ok = false;
      try {
        ok = await pc.verify(pkijsCertificate(ca));
      } catch { /* refused by pkijs: unsupported or malformed, told apart below */ }
      if (!ok && !canVerify(ca.spki, child.signatureAlgorithm)) { s.unsupported = true; continue; }
      if (!ok) { s.lastReason = 'a certificate signature does not verify'; continue; }
      found.push(ca);
    }
    s.edges.set(child, found);
    // A dead end is returned as "its own issuer": pkijs then drops the branch instead of the whole search.
    return found.length > 0 ? found.map(pkijsCertificate) : [pc];
  };
}

/** Shortest verified path from the leaf to an anchor through the edges pkijs's search visited. */
function pathFromEdges(leaf: Certificate, anchors: readonly Certificate[], edges: Map<Certificate, Certificate[]>): Certificate[] | null {
  let frontier: Certificate[][] = [[leaf]];
  for (let depth = 0; depth <= maxDepth && frontier.length > 0; depth++) {
    const next: Certificate[][] = [];
    for (const path of frontier) {
      const last = path[path.length - 1]!;
      if (anchors.some((a) => isSameCert(a, last))) return path;
      for (const up of edges.get(last) ?? []) if (!path.includes(up)) next.push([...path, up]);
    }
    frontier = next;
  }
  return null;
}

/** Our rules on a path pkijs accepted: depth, pathLenConstraint, unknown critical extensions. */
function pathProblem(path: readonly Certificate[]): string | undefined {
  if (path.length > maxDepth + 1) return 'certification path too long';
  for (let i = 0; i < path.length - 1; i++) {
    const c = path[i]!;
    if (c.unknownCriticalExtensions.length > 0) return `unknown critical extension ${c.unknownCriticalExtensions[0]}`;
  }
  for (let i = 1; i < path.length; i++) {
    // pathLenConstraint: number of intermediates below this CA (excluding the leaf).
    const ca = path[i]!;
    if (ca.pathLength !== undefined && i - 1 > ca.pathLength) return 'path length constraint exceeded';
  }
  return undefined;
}

type EngineResult = { ok: true; path: Certificate[] } | { ok: false; code: number; message: string };

async function runEngine(leaf: Certificate, intermediates: readonly Certificate[], anchors: readonly Certificate[], at: Date, s: Search): Promise<EngineResult> {
  pkijsReady();
  const extra = intermediates.filter((c) => !isSameCert(c, leaf) && !anchors.some((a) => isSameCert(a, c)));
  const all = [...anchors, ...extra, leaf];
  const toOurs = new Map(all.map((c) => [pkijsCertificate(c), c]));
  const engine = new CertificateChainValidationEngine({
    trustedCerts: anchors.map(pkijsCertificate),
    // pkijs takes the last certificate as the one to validate.
    certs: [...extra.map(pkijsCertificate), pkijsCertificate(leaf)],
    checkDate: at,
    findIssuer: issuerFinder(all, anchors, s),
  });
  const r = await engine.verify();
  if (!r.result) return { ok: false, code: r.resultCode, message: r.resultMessage };
  const path: Certificate[] = [];
  for (const pc of r.certificatePath ?? []) {
    const c = toOurs.get(pc);
    if (c !== undefined && !path.includes(c)) path.push(c);
  }
  return { ok: true, path };
}

/**
 * pkijs also demands CA flags of the trust anchor itself, so a v1 root (no extensions at all, which
 * RFC 5280 and OpenSSL accept as an anchor) fails as "not a CA". For such an anchor, validate the
 * path below it with pkijs (its top certificate as the anchor) and put the v1 root back on top.
 */
async function belowV1Anchor(leaf: Certificate, intermediates: readonly Certificate[], anchors: readonly Certificate[], s: Search, failed: EngineResult): Promise<EngineResult> {
  const found = pathFromEdges(leaf, anchors, s.edges);
  const root = found?.[found.length - 1];
  if (found === null || root === undefined || pkijsCertificate(root).extensions !== undefined) return failed;
  if (found.length === 2) return { ok: true, path: found };
  const top = found[found.length - 2]!;
  const below = await runEngine(leaf, intermediates.filter((c) => !isSameCert(c, top)), [top], new Date(Math.max(...found.map((c) => c.notBefore.getTime()))), { ...s, checks: 0, edges: new Map() });
  return below.ok ? { ok: true, path: [...below.path, root] } : failed;
}

function pkijsReason(code: number, message: string): string {
  if (code === 14 || code === 3 || code === 4) return 'an issuing certificate is not a CA allowed to sign certificates';
  return message.length > 0 ? message.slice(0, 200) : 'the certification path does not validate';
}

export async function buildChain(leaf: Certificate, intermediates: readonly Certificate[], anchors: readonly Certificate[]): Promise<ChainResult> {
  if (anchors.some((a) => isSameCert(a, leaf))) return { status: 'trusted', path: [leaf], expiredAt: expiredAt([leaf]) };
  const untrusted = (reason: string): ChainResult => ({ status: 'untrusted', path: [leaf], reason, expiredAt: expiredAt([leaf]) });
  if (anchors.length === 0) return untrusted('no path to a trusted root');
  const s: Search = { checks: 0, unsupported: false, lastReason: 'no path to a trusted root', edges: new Map() };
  let r = await runEngine(leaf, intermediates, anchors, new Date(), s);
  if (!r.ok && r.code === pkijsValidityCode) {
    // A path exists but is not valid now: judge it where every certificate of it is valid, and
    // report the validity windows separately (expired at signing time vs now).
    const found = pathFromEdges(leaf, anchors, s.edges);
    const from = found === null ? NaN : Math.max(...found.map((c) => c.notBefore.getTime()));
    const to = found === null ? NaN : Math.min(...found.map((c) => c.notAfter.getTime()));
    if (found === null || !(from <= to)) return untrusted('no time at which every certificate of the path is valid');
    r = await runEngine(leaf, intermediates, anchors, new Date(from), { ...s, checks: 0, edges: new Map() });
  }
  if (!r.ok && (r.code === 14 || r.code === 3 || r.code === 4)) r = await belowV1Anchor(leaf, intermediates, anchors, s, r);
  if (r.ok) {
    const problem = pathProblem(r.path);
    if (problem !== undefined) return untrusted(problem);
    return { status: 'trusted', path: r.path, expiredAt: expiredAt(r.path) };
  }
  if (s.checks > maxSignatureChecks) return untrusted('too many candidate issuer certificates');
  if (s.unsupported) return { status: 'unsupported-algorithm', path: [leaf], reason: 'the certification path uses an unsupported signature algorithm', expiredAt: expiredAt([leaf]) };
  // pkijs's "no path" results say nothing about why; our search knows the last refusal.
  if (r.code === 97 || r.code === 60 || r.code === -1) return untrusted(s.lastReason);
  return untrusted(pkijsReason(r.code, r.message));
}
