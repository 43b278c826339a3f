/**
 * SignedData (RFC 5652 §5) for S/MIME: one signer, signed attributes contentType, messageDigest,
 * signingTime, SMIMECapabilities and signingCertificateV2; detached (multipart/signed) or opaque.
 */
import { LockpaneError } from '../../errors';
import { algorithmId, ctx, integer, octets, oid, seq, setOf, tlv, time } from '../asn1/der-writer';
import { defaultScheme, sign, type SignatureScheme } from '../crypto/signatures';
import { digest } from '../crypto/util';
import type { SmimeIdentity } from '../keys/pkcs12';
import { hashOid, OID, type HashName } from '../oids';
import { attribute, ourCapabilities, signingCertificateV2, smimeCapabilities } from './attributes';
import { buildContentInfo } from './content-info';
import { buildIdentifier, type IdentifierKind } from './recipient-id';

export type SignOptions = {
  detached?: boolean;            // default true (multipart/signed)
  hash?: HashName;               // default SHA-256
  scheme?: SignatureScheme;      // default: PKCS#1 v1.5 for RSA, ECDSA for EC
  signingTime?: Date;            // default now
  capabilities?: readonly string[];
  includeChain?: boolean;        // default true: the signer's chain (not the root) goes along
  identifier?: IdentifierKind;   // default issuer-serial
};

export async function signCms(content: Uint8Array, identity: SmimeIdentity, opts: SignOptions = {}): Promise<Uint8Array> {
  const hash = opts.hash ?? 'SHA-256';
  if (hash === 'SHA-1') throw new LockpaneError('unsupported-option', 'SHA-1 signatures are not produced');
  const scheme = opts.scheme ?? defaultScheme(identity.key);
  const detached = opts.detached ?? true;
  const cert = identity.certificate;
  const signedAttrs = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.signingTime, time(opts.signingTime ?? new Date())),
    attribute(OID.messageDigest, octets(await digest(hash, content))),
    attribute(OID.smimeCapabilities, smimeCapabilities(opts.capabilities ?? ourCapabilities)),
    attribute(OID.signingCertificateV2, await signingCertificateV2(cert)),
  ];
  const attrSet = setOf(...signedAttrs);           // what is signed: the DER SET OF
  const sig = await sign(identity.key, scheme, hash, attrSet);
  const idKind = opts.identifier ?? 'issuer-serial';
  const sid = buildIdentifier(cert, idKind);
  const version = idKind === 'ski' && cert.subjectKeyIdentifier !== undefined ? 3 : 1;
  const signerInfo = seq(
    integer(version), sid, algorithmId(hashOid[hash]),
    tlv(0xa0, attrSet.subarray(attrSet.length - signedAttrsLength(attrSet))), // [0] IMPLICIT
    sig.signatureAlgorithm, octets(sig.signature),
  );
  const chain = opts.includeChain === false ? [] : identity.chain.filter((c) => !isSelfIssued(c));
  const certs = [cert, ...chain].map((c) => c.der);
  const encap = detached ? seq(oid(OID.data)) : seq(oid(OID.data), ctx(0, octets(content)));
  const signedData = seq(
    integer(version === 3 ? 3 : 1), setOf(algorithmId(hashOid[hash])), encap, tlv(0xa0, ...certs), setOf(signerInfo),
  );
  return buildContentInfo(OID.signedData, signedData);
}

/** Length of the content octets of a DER TLV (the attribute SET's body). */
function signedAttrsLength(der: Uint8Array): number {
  const l = der[1]!;
  const head = l < 0x80 ? 2 : 2 + (l & 0x7f);
  return der.length - head;
}

const isSelfIssued = (c: { issuer: string; subject: string }): boolean => c.issuer === c.subject;
