/**
 * SignedData verification for S/MIME (RFC 5652 §5.6, RFC 8551, SECURITY A2.1/A2.4/A4.7/A4.8).
 * Every SignerInfo gets its own report; the message is "fully verified" only when it has at least
 * one signer and every signer is valid (good signature, trusted chain, not revoked or expired, fit
 * for signing, and bound to the sender address when one is given) over the displayed content.
 */
import { LockpaneError } from '../../errors';
import { bytesOf, contentOf, decodeOid, expect, isContext, isUniversal, octetsOf, Tag, type Tlv } from '../asn1/der-reader';
import { tlv } from '../asn1/der-writer';
import { verifySignature } from '../crypto/signatures';
import { digest, equalBytes } from '../crypto/util';
import { digestOids, nameOf, OID } from '../oids';
import { certificateHasEmail, signingUsageProblems } from '../trust/cert-policy';
import { buildChain } from '../trust/chain';
import type { RevocationChecker, RevocationState } from '../trust/crl';
import { certificateFromTlv, parseAlgorithm, type Certificate } from '../x509/certificate';
import { describeCertificate, type CertificateFacts } from '../x509/facts';
import { readAttributes, readCapabilities, readContentType, readMessageDigest, readSigningCertificateHash, readSigningTime } from './attributes';
import type { ContentInfo } from './content-info';
import { identifierMatches, readIdentifier } from './recipient-id';

export type SignerStatus =
  | 'valid' | 'invalid-signature' | 'untrusted-chain' | 'expired' | 'revoked' | 'wrong-usage' | 'email-mismatch' | 'unsupported-algorithm';

export type SignerReport = {
  status: SignerStatus;
  /** Every finding, in the order checked; empty when valid. */
  problems: string[];
  certificate?: CertificateFacts;
  /** The signer certificate's DER when the message itself carried it (not found among the caller's certificates). */
  carriedCertificate?: Uint8Array;
  signingTime?: string;
  digestAlgorithm: string;
  signatureAlgorithm: string;
  signatureValid: boolean | 'unsupported';
  /** The message-digest attribute matched the content (or, without attributes, the signature did). */
  contentDigestMatches: boolean;
  chainTrusted: boolean;
  validNow: boolean;
  /** Whether the signer's path was valid at the (signer-claimed) signing time. */
  validAtSigningTime?: boolean;
  revocation: RevocationState;
  emailMatches?: boolean;
  capabilities?: string[];
};

export type VerifyReport = {
  /** false when there is no SignerInfo at all: such a message is not signed (A2.1 c3). */
  signed: boolean;
  detached: boolean;
  /** The content the signatures were checked over (the displayed part, never a hidden eContent). */
  content: Uint8Array;
  signers: SignerReport[];
  fullyVerified: boolean;
  problems: string[];
};

export type VerifyOptions = {
  /** For multipart/signed: the signed part, as candidates (e.g. CRLF-canonical first, then raw). */
  detachedContent?: readonly Uint8Array[];
  trustRoots: readonly Certificate[];
  intermediates?: readonly Certificate[];
  /** The sender's address (From addr-spec) to bind to the signer certificate. */
  email?: string;
  now?: Date;
  revocation?: RevocationChecker;
};

type Parsed = { eContentType: string; eContent?: Uint8Array; certs: Certificate[]; signerInfos: Tlv[]; digestAlgs: string[] };

function parseSignedData(ci: ContentInfo): Parsed {
  if (ci.contentType !== OID.signedData) throw new LockpaneError('bad-data', `not a signed message (content type ${nameOf(ci.contentType)})`);
  const s = expect(ci.content, Tag.SEQUENCE, 'SignedData');
  let i = 1;
  const digestAlgs = expect(s.children[i++], Tag.SET, 'digestAlgorithms').children.map((a) => parseAlgorithm(a).oid);
  const encap = expect(s.children[i++], Tag.SEQUENCE, 'EncapsulatedContentInfo');
  const eContentType = decodeOid(encap.children[0]);
  const eContentN = encap.children[1];
  let eContent: Uint8Array | undefined;
  if (isContext(eContentN, 0)) eContent = octetsOf(expect(eContentN.children[0], Tag.OCTET_STRING, 'eContent'));
  const certs: Certificate[] = [];
  if (isContext(s.children[i], 0)) {
    for (const c of s.children[i++]!.children) {
      if (!isUniversal(c, Tag.SEQUENCE)) continue; // attribute/other certificate formats
      try { certs.push(certificateFromTlv(c)); } catch { /* an unreadable certificate simply is not a candidate */ }
    }
  }
  if (isContext(s.children[i], 1)) i++; // crls: revocation comes from the checker
  const signerInfos = expect(s.children[i], Tag.SET, 'signerInfos').children;
  return { eContentType, ...(eContent !== undefined ? { eContent } : {}), certs, signerInfos, digestAlgs };
}

const severity: SignerStatus[] = ['unsupported-algorithm', 'invalid-signature', 'untrusted-chain', 'revoked', 'expired', 'wrong-usage', 'email-mismatch', 'valid'];
const worst = (a: SignerStatus, b: SignerStatus): SignerStatus => (severity.indexOf(a) <= severity.indexOf(b) ? a : b);

async function verifySigner(si: Tlv, p: Parsed, content: Uint8Array, opts: VerifyOptions, forcedProblem: string | undefined): Promise<SignerReport> {
  const now = opts.now ?? new Date();
  const problems: string[] = [];
  let status: SignerStatus = 'valid';
  const fail = (s: SignerStatus, why: string): void => { status = worst(status, s); problems.push(why); };
  const s = expect(si, Tag.SEQUENCE, 'SignerInfo');
  const sid = readIdentifier(s.children[1]);
  const digestAlg = parseAlgorithm(s.children[2]);
  let k = 3;
  let signedAttrsN: Tlv | undefined;
  if (isContext(s.children[k], 0)) signedAttrsN = s.children[k++];
  const sigAlg = parseAlgorithm(s.children[k++]);
  const signature = contentOf(expect(s.children[k], Tag.OCTET_STRING, 'signature'));
  const report: SignerReport = {
    status, problems, digestAlgorithm: nameOf(digestAlg.oid), signatureAlgorithm: nameOf(sigAlg.oid),
    signatureValid: false, contentDigestMatches: false, chainTrusted: false, validNow: false, revocation: 'not-checked',
  };
  const all = [...p.certs, ...(opts.intermediates ?? []), ...opts.trustRoots];
  const cert = sid === null ? undefined : all.find((c) => identifierMatches(sid, c));
  if (cert !== undefined) report.certificate = await describeCertificate(cert);
  if (cert !== undefined && p.certs.includes(cert)) report.carriedCertificate = cert.der.slice();

  if (forcedProblem !== undefined) fail('invalid-signature', forcedProblem);
  const hash = digestOids[digestAlg.oid];
  // Signature check ---------------------------------------------------------------------------
  let signedBytes: Uint8Array | undefined;
  if (hash === undefined) {
    fail('unsupported-algorithm', `digest algorithm ${nameOf(digestAlg.oid)} is not supported`);
  } else if (signedAttrsN !== undefined) {
    const attrs = readAttributes(signedAttrsN);
    try {
      const signingTime = readSigningTime(attrs);
      if (signingTime !== undefined) report.signingTime = signingTime.toISOString();
      const caps = readCapabilities(attrs);
      if (caps !== undefined) report.capabilities = caps;
    } catch { /* optional attributes: unreadable means absent */ }
    let ct: string | undefined;
    let md: Uint8Array | undefined;
    try {
      ct = readContentType(attrs);
      md = readMessageDigest(attrs);
    } catch (e) {
      fail('invalid-signature', e instanceof LockpaneError ? e.message : 'unreadable signed attributes');
    }
    if (ct === undefined || ct !== p.eContentType) fail('invalid-signature', 'the content-type attribute is missing or differs from the content type');
    if (md === undefined) fail('invalid-signature', 'the message-digest attribute is missing');
    else if (!equalBytes(md, await digest(hash, content))) fail('invalid-signature', 'the message digest does not match the content (altered content)');
    else report.contentDigestMatches = true;
    signedBytes = tlv(0x31, contentOf(signedAttrsN)); // signature covers the DER SET OF (RFC 5652 §5.4)
  } else {
    if (p.eContentType !== OID.data) fail('invalid-signature', 'signed attributes are required for this content type');
    signedBytes = content;
  }
  if (cert !== undefined && signedAttrsN !== undefined) {
    // ESS signing-certificate (RFC 5035): the signature names its certificate; a substituted one fails.
    try {
      const bound = readSigningCertificateHash(readAttributes(signedAttrsN));
      if (bound !== undefined && !equalBytes(bound.value, await digest(bound.hash, cert.der))) {
        fail('invalid-signature', 'the signing-certificate attribute names a different certificate');
      }
    } catch (e) {
      if (e instanceof LockpaneError && e.code === 'unsupported-algorithm') fail('unsupported-algorithm', e.message);
      else fail('invalid-signature', 'unreadable signing-certificate attribute');
    }
  }
  if (cert === undefined) {
    fail('untrusted-chain', 'the signer certificate is not in the message or the given certificates');
  } else if (signedBytes !== undefined && hash !== undefined) {
    try {
      report.signatureValid = await verifySignature(cert.spki, sigAlg, hash, signedBytes, signature);
      if (!report.signatureValid) fail('invalid-signature', 'the signature does not verify');
      else if (signedAttrsN === undefined) report.contentDigestMatches = true;
    } catch (e) {
      if (e instanceof LockpaneError && e.code === 'unsupported-algorithm') {
        report.signatureValid = 'unsupported';
        fail('unsupported-algorithm', e.message);
      } else {
        fail('invalid-signature', e instanceof LockpaneError ? e.message : 'the signature could not be checked');
      }
    }
  }
  // Certificate checks -----------------------------------------------------------------------
  if (cert !== undefined) {
    const chain = await buildChain(cert, [...p.certs, ...(opts.intermediates ?? [])], opts.trustRoots);
    report.chainTrusted = chain.status === 'trusted';
    if (chain.status === 'unsupported-algorithm') fail('unsupported-algorithm', chain.reason ?? 'unsupported algorithm in the certification path');
    else if (chain.status !== 'trusted') fail('untrusted-chain', chain.reason ?? 'not issued by a trusted root');
    report.validNow = !chain.expiredAt(now);
    if (report.signingTime !== undefined) report.validAtSigningTime = !chain.expiredAt(new Date(report.signingTime));
    if (!report.validNow) fail('expired', report.validAtSigningTime === true
      ? 'a certificate has expired (or is not yet valid) now, though it was valid at the claimed signing time'
      : 'a certificate is expired or not yet valid');
    if (chain.status === 'trusted' && opts.revocation !== undefined) {
      let state: RevocationState = 'good';
      for (let i = 0; i + 1 < chain.path.length; i++) {
        const r = await opts.revocation.check(chain.path[i]!, chain.path[i + 1]!);
        if (r.state === 'revoked') { state = 'revoked'; break; }
        if (r.state === 'not-checked') state = 'not-checked';
      }
      report.revocation = state;
      if (state === 'revoked') fail('revoked', 'a certificate in the path is revoked');
    }
    for (const u of signingUsageProblems(cert)) fail('wrong-usage', u);
    if (opts.email !== undefined) {
      report.emailMatches = certificateHasEmail(cert, opts.email);
      if (!report.emailMatches) fail('email-mismatch', `the signer certificate is not for ${opts.email}`);
    }
  }
  report.status = status;
  return report;
}

async function verifyOnce(p: Parsed, content: Uint8Array, detached: boolean, opts: VerifyOptions): Promise<VerifyReport> {
  const problems: string[] = [];
  let forced: string | undefined;
  if (detached && p.eContent !== undefined) {
    // A2.1 c1: a detached signature must not carry content of its own; never verify against it.
    forced = 'the detached signature also carries embedded content (eContent), which is not allowed';
    problems.push(forced);
  }
  if (p.eContentType !== OID.data) problems.push(`the signed content type is ${nameOf(p.eContentType)}, not data`);
  const signers: SignerReport[] = [];
  for (const si of p.signerInfos) {
    try {
      signers.push(await verifySigner(si, p, content, opts, forced));
    } catch (e) {
      // One malformed SignerInfo must not hide the others (A2.1 c2): report it as invalid.
      if (!(e instanceof LockpaneError) || e.code !== 'bad-data') throw e;
      signers.push({
        status: 'invalid-signature', problems: [`malformed SignerInfo: ${e.message}`], digestAlgorithm: 'unknown', signatureAlgorithm: 'unknown',
        signatureValid: false, contentDigestMatches: false, chainTrusted: false, validNow: false, revocation: 'not-checked',
      });
    }
  }
  if (signers.length === 0) problems.push('the message has no signatures (not signed)');
  return {
    signed: signers.length > 0,
    detached,
    content,
    signers,
    fullyVerified: signers.length > 0 && forced === undefined && signers.every((s) => s.status === 'valid'),
    problems,
  };
}

export async function verifyCms(ci: ContentInfo, opts: VerifyOptions): Promise<VerifyReport> {
  let p: Parsed;
  try {
    p = parseSignedData(ci);
  } catch (e) {
    if (e instanceof LockpaneError) throw e;
    throw new LockpaneError('bad-data', 'malformed SignedData', { cause: e });
  }
  const wrap = async (f: () => Promise<VerifyReport>): Promise<VerifyReport> => {
    try { return await f(); } catch (e) {
      if (e instanceof LockpaneError) throw e;
      throw new LockpaneError('bad-data', 'malformed SignerInfo', { cause: e });
    }
  };
  const candidates = opts.detachedContent;
  if (candidates === undefined || candidates.length === 0) {
    if (p.eContent === undefined) throw new LockpaneError('bad-data', 'the signature is detached but no signed content was given');
    const eContent = p.eContent;
    return wrap(() => verifyOnce(p, eContent, false, opts));
  }
  let first: VerifyReport | undefined;
  for (const c of candidates) {
    const r = await wrap(() => verifyOnce(p, c, true, opts));
    first ??= r;
    if (r.signers.some((s) => s.signatureValid === true && s.contentDigestMatches)) return r;
  }
  return first!;
}

export { bytesOf };
