/**
 * Lockpane's S/MIME core (RFC 8551, CMS RFC 5652/5083/5084, X.509 RFC 5280, PKCS#12 RFC 7292).
 * Pure TypeScript over asn1js, pkijs and WebCrypto (layering in docs/smime.md): runs in Node and in
 * the MV3 service worker. Every public function throws only LockpaneError (codes in ../errors.ts).
 *
 * CertificateFacts — plain data the keyring store and UI consume (see x509/facts.ts):
 *   fingerprintSha256   hex SHA-256 of the certificate DER (lower case): the stable identity
 *   subject, issuer     RFC 4514 strings, most specific RDN first ("CN=bob,O=Example")
 *   serialNumber        hex, lower case
 *   emails              SAN rfc822Name then subject emailAddress, lower case, unique
 *   notBefore/notAfter  ISO-8601 strings
 *   keyUsage            names such as "digitalSignature", "keyEncipherment" ([] when absent)
 *   extendedKeyUsage    dotted OIDs; "1.3.6.1.5.5.7.3.4" is emailProtection ([] when absent)
 *   isCA                basicConstraints cA
 *   publicKeyAlgorithm  "rsa-<bits>", "ec-P-256", "ec-P-384", "ed25519", "x25519" or an OID name
 *   subjectKeyIdentifier hex, when present
 *
 * Verification (VerifyReport, cms/verify.ts): one SignerReport per SignerInfo with status valid |
 * invalid-signature | untrusted-chain | expired | revoked | wrong-usage | email-mismatch |
 * unsupported-algorithm; `fullyVerified` only when every signer is valid over the displayed content.
 * DecryptResult.integrityProtected is false for CBC EnvelopedData (malleable, SECURITY A1.3).
 */
import { LockpaneError } from '../errors';
import * as api from './api';
import { chooseContentCipher } from './cms/cipher-choice';
import { guarded, guardedSync } from './guard';
import * as insp from './inspect';
import * as id from './identity';
import * as p12 from './keys/pkcs12';
import * as pk from './keys/private-key';
import * as facts from './x509/facts';
import * as cert from './x509/certificate';
import * as crl from './trust/crl';

export type { CertificateFacts } from './x509/facts';
export type { Certificate } from './x509/certificate';
export type { PrivateKey } from './keys/private-key';
export type { SmimeIdentity, Pkcs12Contents, Pkcs12ExportOptions } from './keys/pkcs12';
export type { ContentCipher } from './crypto/content-cipher';
export type { SignatureScheme } from './crypto/signatures';
export type { DecryptResult } from './cms/envelope';
export type { SignerReport, SignerStatus, VerifyReport } from './cms/verify';
export type { CrlFetcher, RevocationChecker, RevocationState } from './trust/crl';
export type { DecryptMessageOptions, EncryptMimeOptions, SignMimeOptions } from './api';
export type { Description } from './inspect';
export type { RecipientCapabilities } from './cms/cipher-choice';

// Certificates and keys
export const parseCertificate = guardedSync('certificate', cert.parseCertificate);
export const readCertificates = guardedSync('certificate', facts.readCertificates);
export const describeCertificate = guarded('certificate', facts.describeCertificate);
export const exportCertificatePem = facts.exportCertificatePem;
export const exportCertificateDer = facts.exportCertificateDer;
export const certificateEmails = cert.certificateEmails;
export const importPkcs12 = guarded('PKCS#12', p12.importPkcs12);
export const exportPkcs12 = guarded('PKCS#12', p12.exportPkcs12);
export const readPrivateKeys = guarded('private key', pk.readPrivateKeys);
export const exportPrivateKeyPem = pk.exportPrivateKeyPem;
export const loadIdentities = guarded('key file', id.loadIdentities);

// Messages
export const encryptMime = guarded('encrypt', api.encryptMime);
/** encryptMime's output as blocks to write out in order (each valid until the next is taken). */
export const encryptMimeBlocks = guarded('encrypt', api.encryptMimeBlocks);
export const decryptMessage = guarded('decrypt', api.decryptMessage);
export const signMime = guarded('sign', api.signMime);
export const verifyMessage = guarded('verify', api.verifyMessage);
export const inspect = guarded('inspect', insp.inspect);
export { chooseContentCipher };

// Trust
export const parseCrl = guardedSync('CRL', crl.parseCrl);
export const createRevocationChecker = crl.createRevocationChecker;
export { signingUsageProblems, encryptionUsageProblems, certificateHasEmail, normaliseEmail } from './trust/cert-policy';

/** True when `e` is a LockpaneError with this code (string form, handy in tests and callers). */
export function isLockpaneErrorCode(e: unknown, code: string): boolean {
  return e instanceof LockpaneError && e.code === code;
}
