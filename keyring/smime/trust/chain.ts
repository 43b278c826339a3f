/**
 * Certification path building and checking to caller-given trust anchors (RFC 5280 §6, simplified
 * to what S/MIME needs): names chain, signatures verify, intermediates are CAs allowed to sign
 * certificates, path length holds, no unknown critical extension. Validity time is reported
 * separately so the UI can tell "expired" from "untrusted".
 */
import { LockpaneError } from '../../errors';
import { verifySignature } from '../crypto/signatures';
import { equalBytes } from '../crypto/util';
import type { Certificate } from '../x509/certificate';
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
/** Signature checks per path search: a message stuffed with look-alike CA certificates cannot make it explode. */
const maxSignatureChecks = 64;

const isSameCert = (a: Certificate, b: Certificate): boolean => equalBytes(a.der, b.der);

function mayIssue(issuer: Certificate, child: Certificate): boolean {
  if (!namesEqual(child.issuerName, issuer.subjectName)) return false;
  if (child.authorityKeyIdentifier !== undefined && issuer.subjectKeyIdentifier !== undefined
    && !equalBytes(child.authorityKeyIdentifier, issuer.subjectKeyIdentifier)) return false;
  return true;
}

const validAt = (c: Certificate, at: Date): boolean => c.notBefore.getTime() <= at.getTime() && at.getTime() <= c.notAfter.getTime();

async function signedBy(child: Certificate, issuer: Certificate, unsupported: { hit: boolean; checks: number }): Promise<boolean> {
  if (++unsupported.checks > maxSignatureChecks) return false;
  try {
    return await verifySignature(issuer.spki, child.signatureAlgorithm, undefined, child.tbs, child.signature);
  } catch (e) {
    if (e instanceof LockpaneError && e.code === 'unsupported-algorithm') { unsupported.hit = true; return false; }
    return false;
  }
}

export async function buildChain(leaf: Certificate, intermediates: readonly Certificate[], anchors: readonly Certificate[]): Promise<ChainResult> {
  const unsupported = { hit: false, checks: 0 };
  const expiredAt = (path: Certificate[]) => (at: Date): boolean => path.some((c) => !validAt(c, at));
  let lastReason = 'no path to a trusted root';
  const search = async (path: Certificate[]): Promise<Certificate[] | null> => {
    const current = path[path.length - 1]!;
    if (anchors.some((a) => isSameCert(a, current))) return path;
    if (path.length > maxDepth) { lastReason = 'certification path too long'; return null; }
    if (current.unknownCriticalExtensions.length > 0) { lastReason = `unknown critical extension ${current.unknownCriticalExtensions[0]}`; return null; }
    for (const anchor of anchors) {
      if (!mayIssue(anchor, current)) continue;
      if (await signedBy(current, anchor, unsupported)) return [...path, anchor];
      lastReason = 'a certificate signature does not verify';
    }
    for (const ca of intermediates) {
      if (path.some((p) => isSameCert(p, ca)) || !mayIssue(ca, current)) continue;
      if (!ca.isCA || (ca.keyUsage !== undefined && !ca.keyUsage.includes('keyCertSign'))) { lastReason = `"${ca.subject}" is not a CA`; continue; }
      // pathLenConstraint: number of intermediates below this CA (excluding the leaf).
      if (ca.pathLength !== undefined && path.length - 1 > ca.pathLength) { lastReason = 'path length constraint exceeded'; continue; }
      if (!(await signedBy(current, ca, unsupported))) { lastReason = 'a certificate signature does not verify'; continue; }
      const found = await search([...path, ca]);
      if (found !== null) return found;
    }
    return null;
  };
  const path = await search([leaf]);
  if (path !== null) return { status: 'trusted', path, expiredAt: expiredAt(path) };
  if (unsupported.checks > maxSignatureChecks) lastReason = 'too many candidate issuer certificates';
  if (unsupported.hit) return { status: 'unsupported-algorithm', path: [leaf], reason: 'the certification path uses an unsupported signature algorithm', expiredAt: expiredAt([leaf]) };
  return { status: 'untrusted', path: [leaf], reason: lastReason, expiredAt: expiredAt([leaf]) };
}
