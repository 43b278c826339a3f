/**
 * Lockpane's OpenPGP core (over openpgp.js v6). Pure TypeScript: runs in Node and in the MV3
 * worker. Every public function throws only LockpaneErrors (see map-error.ts for the codes).
 *
 * Keys:      generateKey, readKeys, readKey, describeKey, unlockKey, changePassphrase,
 *            revokeKey, applyRevocationCertificate, exportKey
 * Messages:  encrypt, encryptStream, decrypt, decryptStream
 * Signing:   sign / verify (detached), signMessage / verifyMessage (inline),
 *            signCleartext / verifyCleartext (cleartext signature framework)
 * PGP/MIME:  see ./mime (RFC 3156 build and parse)
 */
export { pgpConfig, configWith, openpgpVersion, DEFAULT_MAX_DECOMPRESSED_BYTES, MAX_ARGON2_MEMORY_EXPONENT } from './config';
export { mapPgpError } from './map-error';
export { generateKey, type GenerateKeyOptions, type GeneratedKey } from './key-generate';
export { readKeys, readKey, looksArmored, validateSecretMaterial } from './key-read';
export { describeKey, validUserIDs, algorithmName } from './key-describe';
export { unlockKey, changePassphrase, revokeKey, applyRevocationCertificate, exportKey, type RevocationReason } from './key-manage';
export { encrypt, encryptStream, type EncryptOptions, type EncryptBufferOptions, type EncryptStreamOptions } from './encrypt';
export { decrypt, decryptStream, type DecryptOptions, type DecryptResult, type DecryptStreamResult, type SessionKeyData } from './decrypt';
export { sign, verify, signMessage, verifyMessage, type SignMode } from './sign';
export { signCleartext, verifyCleartext, type CleartextVerification } from './cleartext';
export { allGood, reportSignatures, type VerificationResult } from './signature-report';
export { keysForSigners, type SignerLookup, type VerificationKeys } from './signer-keys';
export type {
  PgpKey, PgpPrivateKey, KeyFacts, SubkeyFacts, SignatureReport, SignatureStatus, UserIdInput,
  KeyAlgorithmChoice, Progress, ProgressCallback, ByteStream,
} from './types';
export { encryptionKeyIds, encryptionRecipients, type EncryptionRecipients } from './message-recipients';
