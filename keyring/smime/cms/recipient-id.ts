/** RecipientIdentifier / SignerIdentifier: IssuerAndSerialNumber or SubjectKeyIdentifier (RFC 5652). */
import { contentOf, integerBytes, isContext, Tag, type Tlv, isUniversal, bytesOf } from '../asn1/der-reader';
import { ctxPrim, integer, seq } from '../asn1/der-writer';
import { equalBytes } from '../crypto/util';
import type { Certificate } from '../x509/certificate';
import { namesEqual } from '../x509/name';

export type IdentifierKind = 'issuer-serial' | 'ski';

export type CertIdentifier =
  | { kind: 'issuer-serial'; issuer: Tlv; serial: Uint8Array }
  | { kind: 'ski'; ski: Uint8Array };

export function buildIdentifier(cert: Certificate, kind: IdentifierKind): Uint8Array {
  if (kind === 'ski' && cert.subjectKeyIdentifier !== undefined) return ctxPrim(0, cert.subjectKeyIdentifier);
  return seq(bytesOf(cert.issuerName), integer(cert.serial));
}

/** Reads an identifier; `null` when it is neither form (the caller treats it as not ours). */
export function readIdentifier(n: Tlv | undefined): CertIdentifier | null {
  if (isUniversal(n, Tag.SEQUENCE) && isUniversal(n.children[0], Tag.SEQUENCE)) {
    return { kind: 'issuer-serial', issuer: n.children[0], serial: integerBytes(n.children[1]) };
  }
  if (isContext(n, 0) && !n.constructed) return { kind: 'ski', ski: contentOf(n) };
  return null;
}

export function identifierMatches(id: CertIdentifier, cert: Certificate): boolean {
  if (id.kind === 'ski') return cert.subjectKeyIdentifier !== undefined && equalBytes(id.ski, cert.subjectKeyIdentifier);
  return equalBytes(id.serial, cert.serial) && namesEqual(id.issuer, cert.issuerName);
}
